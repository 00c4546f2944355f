import { cpus, totalmem, platform, release } from 'node:os';

/** The machine a run was measured on, printed beside its results. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  readonly date: string;
}

/** Describes this machine; `now` is the moment of the run. */
export function describeMachine(now: Date): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
    date: now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
}
