import type { CliResult, Skipped } from '../report.js';
import { builtBin } from './packages.js';

/** CLI cold start, hyperfine style: repeated runs of each command, medians, against `node -e 0`. */
export async function measureCli(options: { runs: number; dataFile: string | undefined }): Promise<CliResult | Skipped> {
  const bin = builtBin('cli');
  if (bin === undefined) return { skipped: 'packages/cli/dist/bin.js does not exist (the CLI is not built, or not on this branch yet).' };
  if (options.dataFile === undefined) return { skipped: 'no data file was generated' };
  return { skipped: `not implemented yet (${options.runs})` };
}
