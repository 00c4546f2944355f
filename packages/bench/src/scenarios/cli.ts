import { median, ratio } from '../measure/statistics.js';
import type { CliResult, Skipped } from '../report.js';
import { builtBin } from './packages.js';
import { timeRun } from './processes.js';

/**
 * CLI cold start, hyperfine style: each command run `runs` times after one warm-up run (so the
 * file cache is warm for all alike), interleaved with `node -e 0`, reported as medians.
 */
export async function measureCli(options: { runs: number; dataFile: string | undefined; year: string }): Promise<CliResult | Skipped> {
  const bin = builtBin('cli');
  if (bin === undefined) return { skipped: 'packages/cli/dist/bin.js does not exist (the CLI is not built, or not on this branch yet).' };
  if (options.dataFile === undefined) return { skipped: 'no data file was generated' };
  const node = process.execPath;
  const commands = {
    floor: ['-e', '0'],
    version: [bin, '--version'],
    exportEngagement: [bin, 'export', 'engagement', '--data', options.dataFile, '--year', options.year],
  };
  const samples: Record<keyof typeof commands, number[]> = { floor: [], version: [], exportEngagement: [] };
  for (const args of Object.values(commands)) await timeRun(node, args);
  for (let run = 0; run < options.runs; run++) {
    for (const [name, args] of Object.entries(commands) as Array<[keyof typeof commands, string[]]>) {
      samples[name].push(await timeRun(node, args));
    }
  }
  const floor = median(samples.floor);
  const against = (values: number[]) => ({ floor, value: median(values), ratio: ratio(median(values), floor), samples: values.length });
  return { runs: options.runs, floor, version: against(samples.version), exportEngagement: against(samples.exportEngagement) };
}
