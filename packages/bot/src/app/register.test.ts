import { EXAMPLE_IDS, examplePartnership, unwrap, applyCommands } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { registerInputIds } from './forms.js';
import { registerEntriesOf, registerOf } from './register.js';

const { agencies: AGENCY, people: PERSON } = EXAMPLE_IDS;

describe('who a register line can name as deputised for', () => {
  const example = examplePartnership();
  const reviewGroup = example.meetings.find((m) => m.id === 'review-group-2024-09-10')!;

  it('is everyone active in the partnership on the day, by agency in name order, not only colleagues', () => {
    const { deputyCandidates } = registerOf(example, reviewGroup);
    const agencies = deputyCandidates.map((group) => group.agency?.name ?? null);
    expect(agencies).toEqual([...agencies].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'en-GB'))));
    const people = deputyCandidates.flatMap((group) => group.people.map((p) => p.id));
    expect(people).toContain(PERSON.publicHealthConsultant);
    expect(people).toContain(PERSON.healthImprovementLead);
    // The Young Scrutineer was appointed in July 2024 and has no agency: listed last, under no agency.
    expect(deputyCandidates.at(-1)).toMatchObject({ agency: null, people: [expect.objectContaining({ id: PERSON.youngScrutineer })] });
    expect(new Set(people).size).toBe(example.people.length);
  });

  it('still offers a person deputised for at the meeting who has since left', () => {
    const left = unwrap(
      applyCommands(example, [{ type: 'person.leave', personId: PERSON.publicHealthConsultant, on: '2024-09-01' }], { actor: { kind: 'system', name: 'ptrack' }, at: '2026-11-20T10:00:00Z' }),
    ).db;
    const publicHealth = registerOf(left, reviewGroup).deputyCandidates.find((group) => group.agency?.id === AGENCY.publicHealth);
    expect(publicHealth?.people.map((p) => p.id)).toEqual([PERSON.publicHealthConsultant]);
  });
});

describe('reading a submitted register', () => {
  const pair = (index: number, who: string, forId: string) => ({ [registerInputIds.deputyPair(index).who]: who, [registerInputIds.deputyPair(index).forId]: forId });

  it('takes who deputised for whom from the deputy pairs, and a blank pair names no one', () => {
    const entries = unwrap(registerEntriesOf({ 'status:lead': 'present', 'status:other': 'apologies', ...pair(0, 'lead', 'consultant'), ...pair(1, '', '') }));
    expect(entries).toEqual([
      { personId: 'lead', guestName: null, status: 'present', deputisingForId: 'consultant' },
      { personId: 'other', guestName: null, status: 'apologies', deputisingForId: null },
    ]);
  });

  it('clears a deputy whose pair is emptied of the person deputised for', () => {
    const entries = unwrap(registerEntriesOf({ 'status:lead': 'present', 'deputy:lead': 'consultant', ...pair(0, 'lead', '') }));
    expect(entries[0]?.deputisingForId).toBeNull();
  });

  it.each([
    ['a deputy not marked on the register', { 'status:lead': 'none', 'status:other': 'present', ...pair(0, 'lead', 'consultant') }, '"lead" is named as a deputy but is not marked present, apologies or absent: mark them, or clear that deputy. Nothing was recorded.'],
    ['a deputy named twice for different people', { 'status:lead': 'present', ...pair(0, 'lead', 'consultant'), ...pair(1, 'lead', 'director') }, 'Deputies, line 2: the same person is named as deputising twice. Nothing was recorded.'],
    ['a person deputised for with no deputy', { 'status:lead': 'present', ...pair(0, '', 'consultant') }, 'Deputies, line 1: say who deputised, or clear "deputising for". Nothing was recorded.'],
  ])('refuses %s, saying what to fix', (_, data, message) => {
    const result = registerEntriesOf(data);
    expect(result.success ? null : result.error.message).toBe(message);
  });
});
