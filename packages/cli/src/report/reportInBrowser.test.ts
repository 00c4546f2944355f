import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { annualReport, examplePartnership, parsePeriod, renderReportHtml, unwrap, type Period } from '@partnership-tracker/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, openWatched } from '../__fixtures__/browser.js';

const period = unwrap(parsePeriod('2024/25')) as Period & { kind: 'year' };
const narratives = {
  scrutineer: '# How the arrangements worked\n\nThe partners **challenged** each other, as the [arrangements](https://example.org/arrangements) require.\n\n- Young Scrutineers joined QAG\n- The Executive met four times\n\n> We were listened to.',
};

describe('the HTML annual report in headless Chromium', () => {
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    browser = await launchChromium();
    folder = mkdtempSync(join(tmpdir(), 'ptrack-report-'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('passes axe-core’s WCAG 2.2 AA rules with no violations, shows its charts and asks for nothing beyond the page', async () => {
    const file = join(folder, 'report.html');
    writeFileSync(file, renderReportHtml(annualReport(examplePartnership(), { period, now: '2026-11-20T09:00:00Z', narratives })));
    const { page, problems, requests } = await openWatched(browser, file);

    expect(await page.title()).toBe('Croydon Safeguarding Children Partnership: annual report 2024/25');
    expect(await axeViolations(page)).toEqual([]);
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(4);
    for (const index of [0, 1, 2, 3]) expect((await charts.nth(index).boundingBox())?.width).toBeGreaterThan(300);
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);

    // Printed, each section starts a page and the table headers repeat: 15 sections, more pages.
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(15);
    await page.close();
  });
});
