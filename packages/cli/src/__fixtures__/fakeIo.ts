import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../io.js';

const folders: string[] = [];

/** An Io in a fresh folder that records what ptrack prints and answers its questions from a list. */
export function fakeIo(answers: string[] = [], interactive = answers.length > 0, overrides: Partial<Io> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'ptrack-io-'));
  folders.push(cwd);
  const out: Array<string | Uint8Array> = [];
  const err: string[] = [];
  const asked: string[] = [];
  const io: Io = {
    stdout: (chunk) => out.push(chunk),
    stderr: (text) => err.push(text),
    stdoutIsTerminal: false,
    env: {},
    cwd,
    now: () => new Date('2026-11-23T12:00:00Z'),
    realNow: () => new Date('2026-11-23T12:00:00Z'),
    ...(interactive ? { ask: async (question: string) => (asked.push(question), answers.shift() ?? '') } : {}),
    ...overrides,
  };
  const text = () => out.map((chunk) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))).join('');
  return { io, cwd, out, err, asked, text };
}

/** Removes the folders fakeIo made; call it after each test. */
export function removeFakeIoFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}
