import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '@partnership-tracker/core';

/** What a signed link opens: a digest page, an exported file, or the annual report. Each signs its own paths. */
export type LinkPurpose = 'digest' | 'export' | 'report';

/** What a request's link was found to be. */
export type LinkVerdict = { readonly state: 'open' } | { readonly state: 'invalid' } | { readonly state: 'expired'; readonly expiredAt: Date };

/**
 * Links that open one path until a time, for people who were given them in chat: the server is
 * public in Teams mode, and a browser carries no Teams identity. A link names its path and when
 * it expires, nothing else; a key derived from the bot's secret covers both, so neither can be
 * changed.
 */
export class LinkSigner {
  constructor(
    private readonly secret: string,
    private readonly clock: Clock,
  ) {}

  /** The query string (`expires=…&key=…`) that opens `path` for `seconds` from now. */
  query(purpose: LinkPurpose, path: string, seconds: number): string {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + seconds;
    return `expires=${expires}&key=${this.key(purpose, path, expires)}`;
  }

  /** Whether a request's query (its `expires` and `key`) opens `path` now. */
  check(purpose: LinkPurpose, path: string, query: Record<string, unknown>): LinkVerdict {
    const expiresText = typeof query.expires === 'string' ? query.expires : '';
    const expires = /^\d{1,12}$/.test(expiresText) ? Number(expiresText) : null;
    const given = Buffer.from(typeof query.key === 'string' ? query.key : '');
    const expected = Buffer.from(expires === null ? '' : this.key(purpose, path, expires));
    if (expires === null || given.length !== expected.length || !timingSafeEqual(given, expected)) return { state: 'invalid' };
    if (expires * 1000 <= this.clock.now().getTime()) return { state: 'expired', expiredAt: new Date(expires * 1000) };
    return { state: 'open' };
  }

  // The purpose is part of what is signed, so that a digest's key never opens a file of the same name.
  private key(purpose: LinkPurpose, path: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${purpose}:${path}:${expires}`).digest('hex').slice(0, 32);
  }
}
