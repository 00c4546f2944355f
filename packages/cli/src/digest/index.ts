import type { QuarterlyDigest } from '@partnership-tracker/core';
import { renderDigestHtml } from './renderHtml.js';
import { renderDigestMarkdown } from './renderMarkdown.js';

/** The formats `ptrack digest` renders. */
export const DIGEST_FORMATS = ['md', 'html', 'json'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

/** Renders a quarterly digest for people (md, html) or programs (json, the data object itself). */
export function renderDigest(digest: QuarterlyDigest, format: DigestFormat, timeZone: string): string {
  switch (format) {
    case 'md':
      return renderDigestMarkdown(digest, timeZone);
    case 'html':
      return renderDigestHtml(digest, timeZone);
    case 'json':
      return `${JSON.stringify(digest, null, 2)}\n`;
  }
}

export { renderDigestHtml, renderDigestMarkdown };
export { digestView, type DigestView, type Bar } from './digestTables.js';
export { barChart } from './barChart.js';
