import { CURRENT_SCHEMA_VERSION, Database, MemoryStore, type Clock } from '@partnership-tracker/core';
import type { ProactiveSender, ProactiveTarget, SendOutcome } from '../../app/proactive.js';
import type { Reply } from '../../app/reply.js';

/** The Executive's Teams channel in the fixture. */
export const EXECUTIVE_CHANNEL = '19:executive@thread.tacv2';

function action(ref: string, title: string, due: string, ownerId: string, leadAgencyId: string | null, createdAt = '2026-01-05T10:00:00Z') {
  return {
    ref,
    planId: 'plan',
    title,
    ownerId,
    leadAgencyIds: leadAgencyId === null ? [] : [leadAgencyId],
    due,
    status: 'on-track',
    progress: 30,
    createdAt,
    history: [{ at: createdAt, byId: 'system:cli', progress: 30, status: 'on-track', note: 'Created' }],
  };
}

/**
 * A partnership with one action for each reminder rule in June and July 2026: A-1 (QAG's, due
 * Tuesday 30 June), A-2 (due Friday 3 July, owned by Sam, who has not installed the app), a QAG meeting
 * on Friday 5 June, and the Executive's channel for the Q1 digest on 1 July.
 */
export function schedulerDatabase(): Database {
  return Database.parse({
    version: CURRENT_SCHEMA_VERSION,
    partnership: { name: 'Test Partnership', area: 'Testshire' },
    agencies: [
      { id: 'council', name: 'Testshire Council', sector: 'local-authority', statutoryRole: 'local-authority' },
      { id: 'schools', name: 'Testshire Schools', sector: 'education' },
    ],
    people: [
      { id: 'erin', name: 'Erin Exec', email: 'erin@example.org', agencyId: 'council' },
      { id: 'quinn', name: 'Quinn Chair', email: 'quinn@example.org', agencyId: 'council' },
      { id: 'jo', name: 'Jo Owner', email: 'jo@example.org', agencyId: 'schools' },
      { id: 'sam', name: 'Sam Unreachable', email: 'sam@example.org', agencyId: 'council' },
    ],
    subgroups: [
      {
        id: 'executive',
        name: 'Executive',
        shortName: 'Exec',
        kind: 'executive',
        chairId: 'erin',
        members: [{ agencyId: 'council', joined: '2024-04-01' }],
        channel: { kind: 'teams', conversationId: EXECUTIVE_CHANNEL, boundBy: 'erin', boundAt: '2026-01-05T10:00:00Z' },
      },
      {
        id: 'qag',
        name: 'Quality Assurance Group',
        shortName: 'QAG',
        chairId: 'quinn',
        members: [
          { agencyId: 'council', joined: '2024-04-01' },
          { agencyId: 'schools', joined: '2024-04-01' },
        ],
      },
    ],
    plans: [{ id: 'plan', name: 'Business plan 2025–27', start: '2025-04-01', end: '2027-03-31' }],
    actions: [
      action('A-1', 'Audit of strategy meeting minutes', '2026-06-30', 'jo', 'schools'),
      action('A-2', 'Refresh the escalation policy', '2026-07-03', 'sam', 'council', '2026-06-25T10:00:00Z'),
    ],
    meetings: [{ id: 'qag-2026-06-05', subgroupId: 'qag', start: '2026-06-05T09:00:00Z', end: '2026-06-05T11:00:00Z', status: 'held' }],
    // Everyone but Sam has the app: the bot has a personal chat with them.
    conversations: ['erin', 'quinn', 'jo'].map((personId) => personalChat(personId)),
  });
}

/** A saved personal chat with a person, as the Teams bot records it when they install the app. */
export function personalChat(personId: string) {
  return {
    key: `teams:personal:${personId}`,
    channel: 'teams' as const,
    scope: 'personal' as const,
    personId,
    conversationId: `a:personal-${personId}`,
    reference: { conversation: { id: `a:personal-${personId}` } },
    savedAt: '2026-01-05T09:00:00.000Z',
  };
}

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  private at: number;

  constructor(start: string) {
    this.at = Date.parse(start);
  }

  now(): Date {
    return new Date(this.at);
  }

  set(instant: string): void {
    this.at = Date.parse(instant);
  }

  advance(ms: number): void {
    this.at += ms;
  }
}

/** One call of the fake sender. */
export interface SentMessage {
  readonly target: ProactiveTarget;
  readonly reply: Reply;
  readonly at: string;
}

/**
 * A sender that records every call. People in `unreachable` have no saved conversation (a
 * permanent failure, as the Teams sender reports it); `script` can answer calls in turn.
 */
export class FakeSender implements ProactiveSender {
  readonly calls: SentMessage[] = [];
  private readonly script: Array<SendOutcome | Error | Promise<SendOutcome>> = [];

  constructor(
    private readonly clock: Clock,
    private readonly unreachable: ReadonlySet<string> = new Set(['sam']),
  ) {}

  /** Answers the next calls with these outcomes (an Error is thrown), then goes back to succeeding. */
  answer(...outcomes: Array<SendOutcome | Error | Promise<SendOutcome>>): void {
    this.script.push(...outcomes);
  }

  async send(target: ProactiveTarget, reply: Reply): Promise<SendOutcome> {
    this.calls.push({ target, reply, at: this.clock.now().toISOString() });
    const next = this.script.shift();
    if (next instanceof Error) throw next;
    if (next !== undefined) return next;
    if (target.kind === 'person' && this.unreachable.has(target.personId)) {
      return { ok: false, permanent: true, error: `no conversation reference for ${target.personId}` };
    }
    return { ok: true };
  }

  /** The calls as `who: first words`, for readable assertions. */
  summary(): string[] {
    return this.calls.map((c) => `${c.target.kind === 'person' ? c.target.personId : c.target.conversationId}: ${(c.reply.text ?? '').split(':')[0]}`);
  }
}

/** A sleep that moves the fake clock instead of waiting, and records each wait. */
export function fakeSleep(clock: FakeClock): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
  };
}

/** A fresh in-memory store holding the fixture. */
export function schedulerStore(): MemoryStore {
  return new MemoryStore(schedulerDatabase());
}
