import { describe, expect, it } from 'vitest';
import type { Actor } from '../audit/auditEntry.js';
import { unwrap } from '../base/result.js';
import { uniqueId } from '../base/ids.js';
import { actors, by, sampleDatabase } from '../store/__fixtures__/sampleDatabase.js';
import { applyCommands } from '../store/applyCommands.js';
import type { CommandInput } from '../store/commands.js';

// Issue 11, item 2: people are never merged by accident.
const chloe = { id: 'chloe-chair', name: 'Chloe Chair', email: 'chloe@council.example', agencyId: 'council' };

function refusal(commands: CommandInput[], actor: Actor = actors.cli) {
  const db = sampleDatabase();
  const result = applyCommands(db, commands, by(actor));
  return result.success ? 'applied' : `${result.error.code}: ${result.error.message}`;
}

describe("a person's email", () => {
  it('is never changed by an upsert: a different person under an existing id is refused, nothing written', () => {
    expect(refusal([{ type: 'person.upsert', person: { ...chloe, name: 'Chloe Chairwoman', email: 'chloe_chair@council.example' } }])).toBe(
      'person.email_change: Chloe Chair (chloe-chair) has the email chloe@council.example, not chloe_chair@council.example. Emails identify people, so a change of email must be asked for on its own (ptrack person email).',
    );
  });

  it('is matched whatever its case', () => {
    const { db, audit } = unwrap(applyCommands(sampleDatabase(), [{ type: 'person.upsert', person: { ...chloe, email: 'Chloe@Council.Example' } }], by(actors.cli)));
    expect(audit).toEqual([]);
    expect(db.people.find((p) => p.id === 'chloe-chair')?.email).toBe('chloe@council.example');
  });

  it('changes when asked for on its own, and the audit records it', () => {
    const { db, audit } = unwrap(applyCommands(sampleDatabase(), [{ type: 'person.changeEmail', personId: 'chloe-chair', email: 'Chloe.Chair@council.example' }], by(actors.cli)));
    expect(db.people.find((p) => p.id === 'chloe-chair')?.email).toBe('chloe.chair@council.example');
    expect(audit.map(({ command, entity, entityId, before, after }) => ({ command, entity, entityId, before, after }))).toEqual([
      { command: 'person.changeEmail', entity: 'person', entityId: 'chloe-chair', before: { email: 'chloe@council.example' }, after: { email: 'chloe.chair@council.example' } },
    ]);
  });

  it('cannot be changed to an address someone else has, nor by anyone but the business team', () => {
    expect(refusal([{ type: 'person.changeEmail', personId: 'chloe-chair', email: 'dev@police.example' }])).toBe('person.duplicate_email: dev@police.example already belongs to Dev Deputy (dev-deputy).');
    expect(refusal([{ type: 'person.changeEmail', personId: 'chloe-chair', email: 'c@council.example' }], actors.chair)).toMatch(/^access.not_business_team/);
  });
});

describe('a new id', () => {
  it('is the slug when free, else the first free numbered one', () => {
    const taken = new Set(['jo-smith-at-example-org', 'jo-smith-at-example-org-2']);
    expect(uniqueId('jo-smith-at-example-org', (id) => taken.has(id))).toBe('jo-smith-at-example-org-3');
    expect(uniqueId('joanne', (id) => taken.has(id))).toBe('joanne');
  });

  it('stays a valid id when the slug is already as long as an id may be', () => {
    const base = 'a'.repeat(120);
    const id = uniqueId(base, (candidate) => candidate === base);
    expect([id.length, id.endsWith('-2')]).toEqual([120, true]);
  });
});
