import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parsePeriod, quarterlyDigest, renderDigestHtml, unwrap, type Period } from '@partnership-tracker/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, openWatched } from '../__fixtures__/browser.js';
import { importExamples } from '../__fixtures__/examples.js';

describe('the HTML digest in headless Chromium', () => {
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    browser = await launchChromium();
    folder = mkdtempSync(join(tmpdir(), 'ptrack-digest-'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('shows its tables and both charts, with no console errors and no requests beyond the page', async () => {
    const { db } = importExamples('2025-09-20T09:00:00Z');
    const digest = unwrap(quarterlyDigest(db, { quarter: unwrap(parsePeriod('2025/26 Q2')) as Period, now: '2025-10-01T09:00:00Z' }));
    const file = join(folder, 'digest.html');
    writeFileSync(file, renderDigestHtml(digest, 'Europe/London'));

    const { page, problems, requests } = await openWatched(browser, file);

    expect(await page.title()).toBe('Quarterly digest 2025/26 Q2');
    const tables = await page.locator('table').count();
    expect(tables).toBeGreaterThanOrEqual(5);
    expect(await page.locator('table').first().locator('tbody tr').count()).toBe(5);

    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(2);
    for (const index of [0, 1]) {
      const box = await charts.nth(index).boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(20);
    }
    // Delivery: Neglect is 1 of 2 complete; engagement: five agencies attended this quarter.
    expect(await charts.nth(0).locator('rect.bar').count()).toBe(1);
    expect(await charts.nth(1).locator('rect.bar').count()).toBeGreaterThan(0);
    const firstBar = await charts.nth(1).locator('rect.bar').first().boundingBox();
    expect(firstBar?.width).toBeGreaterThan(0);

    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  });

  it('passes axe-core’s WCAG 2.2 AA rules with no violations (issue 16: published pages must be accessible)', async () => {
    const { db } = importExamples('2025-09-20T09:00:00Z');
    const digest = unwrap(quarterlyDigest(db, { quarter: unwrap(parsePeriod('2025/26 Q2')) as Period, now: '2025-10-01T09:00:00Z' }));
    const file = join(folder, 'digest-axe.html');
    writeFileSync(file, renderDigestHtml(digest, 'Europe/London'));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
