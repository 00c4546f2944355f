import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, which .ci/run installs; playwright-core downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts headless Chromium, or fails saying what to install: a missing browser is a failure, never a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: the HTML pages are checked in it. Install Debian's chromium package (apt-get install chromium), as .ci/run does.`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** The WCAG 2.2 AA rules, and the A and AA rules of the versions before it, which 2.2 includes. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core (the engine, injected into the page as a script: nothing is fetched) over the
 * open page with the WCAG 2.2 AA rules, and returns each violation as a line naming the rule and
 * the elements, so that a failing test says what to fix.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(async (tags) => {
    const engine = (globalThis as unknown as { axe: typeof axe }).axe;
    // With no context, axe checks the whole document.
    return engine.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, WCAG_22_AA);
  return results.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/** A page opened from a file, with what it logged as an error or warning and every URL it asked for. */
export interface WatchedPage {
  readonly page: Page;
  readonly problems: string[];
  readonly requests: string[];
}

/**
 * Opens a local HTML file in a new page, recording console errors and warnings, page errors and
 * requests from the first byte, so a test can say the page is self-contained and runs clean.
 */
export async function openWatched(browser: Browser, file: string): Promise<WatchedPage> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems, requests };
}
