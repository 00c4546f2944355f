import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { blockKitErrors } from './validateBlocks.js';

/** One call the bot made to the fake Slack Web API (or to a response_url). */
export interface SlackApiCall {
  /** The Web API method (`chat.postMessage`), or `response_url` for a slash command's reply. */
  readonly method: string;
  /** The arguments, with JSON-encoded fields (blocks, view) decoded. */
  readonly args: Record<string, unknown>;
  readonly token: string | null;
}

/** A Slack user as users.info describes them. */
export interface FakeSlackUser {
  readonly id: string;
  readonly teamId: string;
  readonly email?: string;
  readonly isBot?: boolean;
  readonly deleted?: boolean;
}

/** Decodes a form field that the Web API client sent as JSON (blocks, view), leaving plain strings alone. */
function decode(value: unknown): unknown {
  if (typeof value !== 'string' || !/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * A local stand-in for Slack's Web API at `url` + `/api/` (what `slackApiUrl` is given), and for
 * slash commands' response URLs at `url` + `/response/…`. It records every call, answers the
 * methods the bot uses as Slack does, and throttles on demand (429 with Retry-After).
 */
export async function startFakeSlackApi(options: { teamId?: string; botUserId?: string } = {}): Promise<{
  url: string;
  apiUrl: string;
  /** A response_url the fake accepts, for a signed slash command to carry. */
  responseUrl(id: string): string;
  calls: SlackApiCall[];
  /** Payloads refused as Slack would refuse them (`invalid_blocks`), with why. */
  invalid: Array<{ method: string; errors: string[] }>;
  users: Map<string, FakeSlackUser>;
  /** The next `count` Web API calls answer 429 with Retry-After `retryAfterSeconds`. */
  throttleNext(count: number, retryAfterSeconds: number): void;
  throttledCount(): number;
  /** Resolves with the calls once `predicate` holds (requests are acknowledged before they are answered). */
  waitFor(predicate: (calls: readonly SlackApiCall[]) => boolean, timeoutMs?: number): Promise<SlackApiCall[]>;
  close(): Promise<void>;
}> {
  const teamId = options.teamId ?? 'T0EXAMPLE';
  const botUserId = options.botUserId ?? 'U0PTRACKBOT';
  const calls: SlackApiCall[] = [];
  const invalid: Array<{ method: string; errors: string[] }> = [];
  /** Checks a payload's blocks as Slack does; false (and recorded) when Slack would refuse it. */
  const valid = (method: string, args: Record<string, unknown>): boolean => {
    const errors =
      method === 'views.publish'
        ? blockKitErrors('home', args.view)
        : method.startsWith('views.')
          ? blockKitErrors('modal', args.view)
          : args.blocks === undefined
            ? []
            : blockKitErrors('message', args.blocks);
    if (errors.length > 0) invalid.push({ method, errors });
    return errors.length === 0;
  };
  const users = new Map<string, FakeSlackUser>();
  const waiters = new Set<() => void>();
  let throttled = 0;
  let retryAfter = 0;
  let throttledTotal = 0;
  let nextTs = 1;
  let nextView = 1;
  const record = (call: SlackApiCall) => {
    calls.push(call);
    for (const wake of waiters) wake();
  };

  const app = express();
  app.use(express.urlencoded({ extended: false, limit: '5mb' }), express.json({ limit: '5mb' }));
  app.post('/response/:id', (req, res) => {
    const args = { ...(req.body as Record<string, unknown>), responseId: req.params.id };
    record({ method: 'response_url', args, token: null });
    if (!valid('response_url', args)) {
      res.status(400).json({ ok: false, error: 'invalid_blocks' });
      return;
    }
    res.json({ ok: true });
  });
  app.post('/api/:method', (req, res) => {
    if (throttled > 0) {
      throttled -= 1;
      throttledTotal += 1;
      res.status(429).set('Retry-After', String(retryAfter)).json({ ok: false, error: 'ratelimited' });
      return;
    }
    const method = String(req.params.method);
    const args = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, decode(v)]));
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || (typeof args.token === 'string' ? args.token : null);
    record({ method, args, token });
    if ((method === 'chat.postMessage' || method.startsWith('views.')) && !valid(method, args)) {
      res.json({ ok: false, error: 'invalid_blocks' });
      return;
    }
    switch (method) {
      case 'auth.test':
        res.json({ ok: true, url: 'https://example.slack.com/', team: 'Example', user: 'ptrack', team_id: teamId, user_id: botUserId, bot_id: 'B0PTRACK' });
        return;
      case 'users.info': {
        const user = users.get(String(args.user));
        if (!user) {
          res.json({ ok: false, error: 'user_not_found' });
          return;
        }
        res.json({
          ok: true,
          user: { id: user.id, team_id: user.teamId, deleted: user.deleted ?? false, is_bot: user.isBot ?? false, profile: user.email ? { email: user.email } : {} },
        });
        return;
      }
      case 'conversations.open':
        res.json({ ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } });
        return;
      case 'chat.postMessage':
        res.json({ ok: true, channel: args.channel, ts: `1700000000.${String(nextTs++).padStart(6, '0')}`, message: { text: args.text } });
        return;
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish': {
        const id = typeof args.view_id === 'string' ? args.view_id : `V${String(nextView++).padStart(6, '0')}`;
        res.json({ ok: true, view: { ...(args.view as Record<string, unknown>), id } });
        return;
      }
      default:
        res.json({ ok: false, error: 'unknown_method' });
    }
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/response/${id}`,
    calls,
    invalid,
    users,
    throttleNext(count, retryAfterSeconds) {
      throttled = count;
      retryAfter = retryAfterSeconds;
    },
    throttledCount: () => throttledTotal,
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(calls)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(calls);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the fake Slack API did not see what was awaited; calls: ${calls.map((c) => c.method).join(', ') || 'none'}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** How a test signs a request as Slack does (v0: HMAC-SHA256 of `v0:timestamp:body` with the signing secret). */
export { signSlackRequest } from './slackSigning.js';
