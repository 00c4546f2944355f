import type { BotResult, Skipped } from '../report.js';
import type { Workload } from '../synthetic/partnership.js';
import { builtBin } from './packages.js';

/** Bot turn latency over HTTP against a bare echo bot on the same stack. */
export async function measureBot(options: { requests: number; dataFile: string; scale: number; workload: Workload; directory: string }): Promise<BotResult | Skipped> {
  const bin = builtBin('bot');
  if (bin === undefined) return { skipped: 'packages/bot/dist/bin.js does not exist (the bot is not built, or not on this branch yet).' };
  return { skipped: `not implemented yet (${options.requests})` };
}
