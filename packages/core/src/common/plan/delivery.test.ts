import { describe, expect, it } from 'vitest';
import { unwrap } from '../base/result.js';
import { applyCommands } from '../store/applyCommands.js';
import { Database, emptyDatabase } from '../store/database.js';
import {
  actionStateAt,
  carryOverCommands,
  deliveryByPriority,
  deliveryPercent,
  dueSoonActions,
  isOpen,
  overdueActions,
  planCovering,
  ragOf,
  staleActions,
} from './delivery.js';
import { Action, type ActionStatus } from './plan.js';

interface Step {
  at: string;
  status: ActionStatus;
  progress: number;
}

/** An action whose history is the given steps (the first is its creation). */
function action(ref: string, fields: { plan?: string; priority?: string | null; due?: string; steps?: Step[]; carriedFrom?: string } = {}): Action {
  const steps = fields.steps ?? [{ at: '2024-04-10T09:00:00.000Z', status: 'not-started', progress: 0 }];
  const last = steps[steps.length - 1]!;
  return Action.parse({
    ref,
    planId: fields.plan ?? 'plan-2024',
    priorityId: fields.priority === undefined ? 'early-help' : fields.priority,
    title: `Action ${ref}`,
    ownerId: 'olive',
    leadAgencyIds: ['council'],
    due: fields.due ?? '2025-03-31',
    status: last.status,
    progress: last.progress,
    carriedOverFrom: fields.carriedFrom ? { planId: 'plan-2024', ref: fields.carriedFrom } : null,
    createdAt: steps[0]!.at,
    history: steps.map((s) => ({ ...s, byId: 'olive', note: null })),
  });
}

function planDb(actions: Action[]): Database {
  const base = emptyDatabase({ name: 'Test Partnership', area: 'Testshire' });
  return Database.parse({
    ...base,
    agencies: [{ id: 'council', name: 'Council', sector: 'local-authority', statutoryRole: 'local-authority' }],
    people: [{ id: 'olive', name: 'Olive Owner', email: 'olive@example.org', agencyId: 'council' }],
    plans: [
      {
        id: 'plan-2024',
        name: 'Business Plan 2023–25',
        start: '2023-04-01',
        end: '2025-03-31',
        status: 'closed',
        priorities: [
          { id: 'early-help', title: 'Early help' },
          { id: 'neglect', title: 'Neglect' },
          { id: 'learning', title: 'System learning' },
        ],
      },
      {
        id: 'plan-2025',
        name: 'Business Plan 2025–27',
        start: '2025-04-01',
        end: '2027-03-31',
        priorities: [
          { id: 'early-intervention', title: 'Early help' },
          { id: 'neglect', title: 'Neglect' },
        ],
      },
      { id: 'plan-draft', name: 'Draft', start: '2027-04-01', end: '2029-03-31', status: 'draft' },
    ],
    actions,
  });
}

const created = { at: '2024-04-10T09:00:00.000Z', status: 'not-started', progress: 0 } as const;

describe('an action as it stood', () => {
  const a = action('A-1', {
    steps: [
      created,
      { at: '2024-07-01T09:00:00.000Z', status: 'on-track', progress: 40 },
      { at: '2024-10-01T09:00:00.000Z', status: 'complete', progress: 100 },
    ],
  });

  it.each([
    ['2024-04-10T08:59:59.999Z', null],
    ['2024-04-10T09:00:00.000Z', { status: 'not-started', progress: 0 }],
    ['2024-06-30T23:59:59.999Z', { status: 'not-started', progress: 0 }],
    ['2024-07-01T09:00:00Z', { status: 'on-track', progress: 40 }],
    ['2025-01-01T00:00:00.000Z', { status: 'complete', progress: 100 }],
  ])('at %s was %j', (at, state) => {
    expect(actionStateAt(a, at)).toEqual(state);
  });

  it.each<[ActionStatus, boolean]>([
    ['not-started', true],
    ['on-track', true],
    ['at-risk', true],
    ['off-track', true],
    ['complete', false],
    ['withdrawn', false],
  ])('an action %s is open: %s', (status, open) => {
    expect(isOpen({ status })).toBe(open);
  });
});

describe('delivery', () => {
  const actions = [
    action('A-1', { steps: [created, { at: '2024-09-01T09:00:00.000Z', status: 'complete', progress: 100 }] }),
    action('A-2', { steps: [created, { at: '2025-02-01T09:00:00.000Z', status: 'complete', progress: 100 }] }),
    action('A-3', { steps: [created, { at: '2024-12-01T09:00:00.000Z', status: 'withdrawn', progress: 10 }] }),
    action('A-4', { priority: 'neglect' }),
    action('A-5', { priority: null, steps: [{ at: '2025-01-15T09:00:00.000Z', status: 'not-started', progress: 0 }] }),
  ];

  it('divides completed actions by those not withdrawn, rounding half up', () => {
    // 2 of 4 counted (A-3 withdrawn).
    expect(deliveryPercent(actions)).toEqual({ completed: 2, counted: 4, percent: 50 });
    expect(deliveryPercent(actions.slice(0, 4))).toEqual({ completed: 2, counted: 3, percent: 67 });
  });

  it('takes actions as they stood at an instant, leaving out those not yet created and counting a later-withdrawn one', () => {
    expect(deliveryPercent(actions, '2024-10-01T00:00:00.000Z')).toEqual({ completed: 1, counted: 4, percent: 25 });
    expect(deliveryPercent(actions, '2024-04-01T00:00:00.000Z')).toEqual({ completed: 0, counted: 0, percent: null });
  });

  it('gives a null percentage, not 0%, when every action is withdrawn', () => {
    expect(deliveryPercent([actions[2]!])).toEqual({ completed: 0, counted: 0, percent: null });
  });

  it('splits delivery by priority in plan order, with a "No priority" line for the rest', () => {
    expect(deliveryByPriority(planDb(actions), 'plan-2024')).toEqual([
      { priorityId: 'early-help', title: 'Early help', completed: 2, counted: 2, percent: 100 },
      { priorityId: 'neglect', title: 'Neglect', completed: 0, counted: 1, percent: 0 },
      { priorityId: 'learning', title: 'System learning', completed: 0, counted: 0, percent: null },
      { priorityId: null, title: 'No priority', completed: 0, counted: 1, percent: 0 },
    ]);
    expect(deliveryByPriority(planDb(actions), 'plan-2024', '2024-10-01T00:00:00.000Z').map((line) => line.title)).toEqual([
      'Early help',
      'Neglect',
      'System learning',
      'No priority',
    ]);
    expect(deliveryByPriority(planDb(actions), 'no-such-plan')).toEqual([]);
  });
});

describe('RAG ratings', () => {
  const today = '2025-01-01';
  it.each<[string, ActionStatus, number, string, 'red' | 'amber' | 'green' | null]>([
    ['withdrawn has none', 'withdrawn', 10, '2024-06-01', null],
    ['complete is green even when it was due long ago', 'complete', 100, '2024-06-01', 'green'],
    ['off-track is red', 'off-track', 60, '2025-12-01', 'red'],
    ['overdue by a day is red', 'on-track', 90, '2024-12-31', 'red'],
    ['due today is not overdue', 'on-track', 90, '2025-01-01', 'green'],
    ['at risk is amber', 'at-risk', 80, '2025-12-01', 'amber'],
    ['due in 30 days at 49% is amber', 'on-track', 49, '2025-01-31', 'amber'],
    ['due in 30 days at 50% is green', 'on-track', 50, '2025-01-31', 'green'],
    ['due in 31 days at 0% is green', 'not-started', 0, '2025-02-01', 'green'],
    ['due today, not started, is amber', 'not-started', 0, '2025-01-01', 'amber'],
    ['on track and far off is green', 'on-track', 20, '2025-06-01', 'green'],
  ])('%s', (_name, status, progress, due, rag) => {
    expect(ragOf({ status, progress, due }, today)).toBe(rag);
  });
});

describe('action lists', () => {
  const db = planDb([
    action('A-1', { due: '2024-12-01' }),
    action('A-2', { due: '2024-11-01' }),
    action('A-3', { due: '2024-11-01', steps: [created, { at: '2024-12-01T09:00:00.000Z', status: 'complete', progress: 100 }] }),
    action('A-4', { due: '2025-01-10' }),
    action('A-5', { due: '2025-01-15', steps: [created, { at: '2024-12-20T09:00:00.000Z', status: 'on-track', progress: 30 }] }),
    action('A-6', { due: '2025-01-16' }),
    action('A-7', { due: '2024-10-01', steps: [created, { at: '2024-10-20T09:00:00.000Z', status: 'withdrawn', progress: 0 }] }),
    action('A-8', { due: '2024-09-01' }),
    action('B-1', { plan: 'plan-2025', due: '2024-09-01', carriedFrom: 'A-8' }),
  ]);
  const refs = (actions: Action[]): string[] => actions.map((a) => a.ref);

  it('lists open overdue actions soonest due first, leaving out complete, withdrawn and carried-over ones', () => {
    expect(refs(overdueActions(db, '2025-01-01'))).toEqual(['B-1', 'A-2', 'A-1']);
    expect(refs(overdueActions(db, '2025-01-01', { planId: 'plan-2024' }))).toEqual(['A-2', 'A-1']);
  });

  it('lists actions due from today up to 14 days ahead by default, inclusive', () => {
    expect(refs(dueSoonActions(db, '2025-01-01'))).toEqual(['A-4', 'A-5']);
    expect(refs(dueSoonActions(db, '2025-01-02', 14))).toEqual(['A-4', 'A-5', 'A-6']);
    expect(refs(dueSoonActions(db, '2025-01-10', 0))).toEqual(['A-4']);
  });

  it('lists open actions not updated for more than 30 days, least recently updated first', () => {
    // Everything was created on 10 April 2024; A-5 was updated on 20 December.
    expect(refs(staleActions(db, '2025-01-15T09:00:00.000Z'))).toEqual(['A-1', 'A-2', 'A-4', 'A-6', 'B-1']);
    expect(refs(staleActions(db, '2025-01-19T09:00:00.000Z', 30)).includes('A-5')).toBe(false);
    expect(refs(staleActions(db, '2025-01-19T09:00:00.001Z', 30)).includes('A-5')).toBe(true);
  });
});

describe('the plan covering a date', () => {
  const db = planDb([]);
  it.each([
    ['2024-06-01', 'plan-2024'],
    ['2025-03-31', 'plan-2024'],
    ['2025-04-01', 'plan-2025'],
    ['2028-01-01', 'plan-2025'],
  ])('on %s is %s', (date, planId) => {
    expect(planCovering(db, date)?.id).toBe(planId);
  });

  it('is undefined before any plan, and never a draft', () => {
    expect(planCovering(db, '2020-01-01')).toBeUndefined();
  });

  it('prefers an active plan to a closed one covering the same date', () => {
    const overlapping = Database.parse({ ...db, plans: [...db.plans, { id: 'bridge', name: 'Bridge', start: '2025-01-01', end: '2025-06-30' }] });
    expect(planCovering(overlapping, '2025-02-01')?.id).toBe('bridge');
  });
});

describe('carrying actions over', () => {
  const db = planDb([
    action('A-1', { steps: [created, { at: '2024-09-01T09:00:00.000Z', status: 'complete', progress: 100 }] }),
    action('A-2', { steps: [created, { at: '2024-09-01T09:00:00.000Z', status: 'at-risk', progress: 40 }] }),
    action('A-3', { priority: 'neglect' }),
    action('A-4', { priority: 'learning', steps: [created, { at: '2024-09-01T09:00:00.000Z', status: 'withdrawn', progress: 0 }] }),
    action('A-5', { priority: 'learning' }),
    action('R-9', { priority: null }),
  ]);

  it('creates one linked action per open action, numbered after the highest ref with the same prefix', () => {
    const commands = unwrap(carryOverCommands(db, 'plan-2024', 'plan-2025'));
    expect(commands.map((c) => (c.type === 'action.create' ? [c.action.ref, c.action.carriedOverFrom, c.action.priorityId] : c.type))).toEqual([
      ['A-6', { planId: 'plan-2024', ref: 'A-2' }, 'early-intervention'],
      ['A-7', { planId: 'plan-2024', ref: 'A-3' }, 'neglect'],
      ['A-8', { planId: 'plan-2024', ref: 'A-5' }, null],
      ['R-10', { planId: 'plan-2024', ref: 'R-9' }, null],
    ]);
    expect(commands[0]).toMatchObject({
      action: { planId: 'plan-2025', title: 'Action A-2', ownerId: 'olive', leadAgencyIds: ['council'], status: 'at-risk', progress: 40, due: '2025-03-31' },
    });
  });

  it('produces commands the store accepts, and running it again afterwards carries nothing twice', () => {
    const commands = unwrap(carryOverCommands(db, 'plan-2024', 'plan-2025'));
    const after = unwrap(applyCommands(db, commands, { actor: { kind: 'system', name: 'test' }, at: '2025-04-01T09:00:00.000Z' })).db;
    const carried = after.actions.find((a) => a.ref === 'A-6')!;
    expect(carried).toMatchObject({ planId: 'plan-2025', status: 'at-risk', progress: 40, carriedOverFrom: { planId: 'plan-2024', ref: 'A-2' } });
    expect(carried.history[0]!.note).toBe('Carried over from Business Plan 2023–25 (A-2)');
    expect(unwrap(carryOverCommands(after, 'plan-2024', 'plan-2025'))).toEqual([]);
    // The old open actions stop appearing as overdue once their successors exist.
    expect(overdueActions(after, '2025-05-01').map((a) => a.planId)).toEqual(['plan-2025', 'plan-2025', 'plan-2025', 'plan-2025']);
  });

  it('takes the caller’s refs, priorities and due dates', () => {
    const commands = unwrap(
      carryOverCommands(db, 'plan-2024', 'plan-2025', {
        refFor: (a) => `C-${a.ref.slice(2)}`,
        priorityFor: () => 'neglect',
        dueFor: () => '2026-03-31',
      }),
    );
    expect(commands.map((c) => (c.type === 'action.create' ? [c.action.ref, c.action.priorityId, c.action.due] : null))).toEqual([
      ['C-2', 'neglect', '2026-03-31'],
      ['C-3', 'neglect', '2026-03-31'],
      ['C-5', 'neglect', '2026-03-31'],
      ['C-9', 'neglect', '2026-03-31'],
    ]);
  });

  it.each<[string, Parameters<typeof carryOverCommands>, string, RegExp]>([
    ['an unknown source plan', [db, 'nope', 'plan-2025', {}], 'plan.not_found', /"nope"/],
    ['an unknown target plan', [db, 'plan-2024', 'nope', {}], 'plan.not_found', /"nope"/],
    ['the same plan', [db, 'plan-2024', 'plan-2024', {}], 'plan.same_plan', /into itself/],
    ['a ref already taken', [db, 'plan-2024', 'plan-2025', { refFor: () => 'A-1' }], 'action.duplicate_ref', /A-2: A-1 is already taken/],
    ['two actions given one ref', [db, 'plan-2024', 'plan-2025', { refFor: () => 'C-1' }], 'action.duplicate_ref', /A-3: C-1/],
    ['a malformed ref', [db, 'plan-2024', 'plan-2025', { refFor: () => 'carried 2' }], 'action.bad_ref', /"carried 2"/],
    ['a priority the new plan lacks', [db, 'plan-2024', 'plan-2025', { priorityFor: () => 'learning' }], 'action.unknown_priority', /no priority "learning"/],
  ])('refuses %s with a message naming it', (_name, args, code, message) => {
    const result = carryOverCommands(...args);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    }
  });
});
