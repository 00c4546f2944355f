import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { unwrap } from '@partnership-tracker/core';
import { createScratchDatabase, PgPartnerships, TEST_DATABASE_VARIABLE } from '@partnership-tracker/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedulerDatabase } from './__fixtures__/schedulerFixtures.js';
import { DEFAULT_DELIVERY } from './scheduler.js';

// Bot instances as separate processes on one PostgreSQL database, each with its scheduler, as
// several instances behind a load balancer run. The worker loads the BUILT bot (dist/).
const worker = fileURLToPath(new URL('./__fixtures__/schedulerWorker.mjs', import.meta.url));

let url: string;
let partnerships: PgPartnerships;
let counter = 0;

beforeAll(async () => {
  url = await createScratchDatabase(process.env[TEST_DATABASE_VARIABLE]!);
  partnerships = unwrap(await PgPartnerships.connect(url));
});

afterAll(async () => {
  await partnerships?.close();
});

async function freshPartnership(): Promise<string> {
  const id = `scheduler-${++counter}`;
  unwrap(await partnerships.create(id, schedulerDatabase()));
  return id;
}

/** Starts a worker; `lines` fills as it prints, `done` resolves with its exit code. */
function startWorker(...args: string[]) {
  const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let pending = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop()!;
    for (const line of complete) {
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) waiter.resolve(line);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    stderr: () => stderr,
    done,
    printed: (pattern: RegExp) => new Promise<string>((resolve) => waiters.push({ pattern, resolve })),
  };
}

const sentKeys = (lines: readonly string[]) => lines.filter((l) => l.startsWith('sent ')).map((l) => l.slice(5));
const deliveries = (lines: readonly string[]) => lines.filter((l) => l.startsWith('delivered ')).map((l) => l.slice(10));

describe('several bot instances on one PostgreSQL database', () => {
  it('three instances with their schedulers running deliver each due reminder once', async () => {
    const id = await freshPartnership();
    const instances = [1, 2, 3].map(() => startWorker('tick', url, id, '2026-06-16T08:00:00Z', '3'));
    const codes = await Promise.all(instances.map((i) => i.done));
    expect(codes, instances.map((i) => i.stderr()).join('\n')).toEqual([0, 0, 0]);
    const sent = instances.flatMap((i) => sentKeys(i.lines));
    expect(sent.sort()).toEqual(['please-update:jo:2026-27-Q1', 'reminder:due-14:A-1:2026-06-16']);
    // The fake channel was called exactly once per message, whichever instance sent it.
    expect(instances.flatMap((i) => deliveries(i.lines))).toHaveLength(2);
  }, 120_000);

  it('after kill -9 of an instance mid-send, another delivers the message once, after the lease', async () => {
    const id = await freshPartnership();
    const doomed = startWorker('hang', url, id, '2026-06-16T08:00:00Z');
    const target = (await doomed.printed(/^sending /)).slice(8);
    doomed.child.kill('SIGKILL');
    await doomed.done;

    // Within the lease the claim is the killed instance's: nobody sends that message.
    const early = startWorker('tick', url, id, '2026-06-16T08:05:00Z');
    expect(await early.done, early.stderr()).toBe(0);
    expect(deliveries(early.lines)).not.toContain(target);

    // After the lease another instance takes the claim over and delivers it.
    const afterLease = new Date(Date.parse('2026-06-16T08:00:00Z') + DEFAULT_DELIVERY.leaseMs + 60_000).toISOString();
    const rescuer = startWorker('tick', url, id, afterLease);
    expect(await rescuer.done, rescuer.stderr()).toBe(0);
    expect(deliveries(rescuer.lines).filter((t) => t === target)).toHaveLength(1);

    // Delivered once in all: the killed instance never got it out, and nobody repeats it.
    const later = startWorker('tick', url, id, new Date(Date.parse(afterLease) + DEFAULT_DELIVERY.leaseMs).toISOString());
    expect(await later.done, later.stderr()).toBe(0);
    const all = [doomed, early, rescuer, later].flatMap((i) => deliveries(i.lines));
    expect(all.filter((t) => t === target)).toHaveLength(1);
    expect(sentKeys([...early.lines, ...rescuer.lines, ...later.lines]).sort()).toEqual(['please-update:jo:2026-27-Q1', 'reminder:due-14:A-1:2026-06-16']);
  }, 120_000);
});
