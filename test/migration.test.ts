import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  CURRENT_SCHEMA_VERSION,
  deliveryPercent,
  engagementByAgency,
  engagementTable,
  expenditureTable,
  fundingSummary,
  incomeTable,
  meetingsSummary,
  parsePeriod,
  periodInstants,
  unwrap,
  type Database,
  type EngagementCell,
} from '@partnership-tracker/core';
import { openFileStore } from '@partnership-tracker/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Issue 11: a data file written before schema version 2 opens, is migrated, and gives the same
// tables. The file and the tables the old program calculated from it are in fixtures/v1.
const fixtures = new URL('./fixtures/v1/', import.meta.url);
type Tables = Record<'engagement' | 'engagementByAgency' | 'meetings' | 'income' | 'expenditure', Record<string, string[]>> & {
  delivery: Record<string, Record<string, string>>;
};

let directory: string;
let path: string;
let db: Database;
let expected: Tables;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ptrack-v1-'));
  path = join(directory, 'partnership.json');
  await writeFile(path, gunzipSync(await readFile(new URL('example-v1.json.gz', fixtures))));
  expected = JSON.parse(await readFile(new URL('example-v1-tables.json', fixtures), 'utf8')) as Tables;
  const store = unwrap(await openFileStore(path));
  db = await store.read();
  await store.close();
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const cell = (x: EngagementCell): string => (x.kind === 'value' ? `${x.attendances}/${x.meetingsHeld}` : x.kind === 'non-member' ? '—' : 'n/a');

describe('the example partnership written at schema version 1', () => {
  it('is a version 1 file, and opens as the current version', async () => {
    expect(JSON.parse(await readFile(path, 'utf8')).version).toBe(1);
    expect(db.version).toBe(CURRENT_SCHEMA_VERSION);
  });

  it.each(['2023/24', '2024/25', '2025/26', '2026/27'].flatMap((y) => [y, `${y} Q1`, `${y} Q2`, `${y} Q3`, `${y} Q4`]))(
    'gives the engagement, meetings and delivery it gave for %s',
    (label) => {
      const period = unwrap(parsePeriod(label));
      const table = engagementTable(db, { period });
      expect(table.rows.map((r) => [r.label, r.groups.join(', '), ...table.columns.map((c) => cell(r.cells[c.subgroupId]!))].join(' | '))).toEqual(expected.engagement[label]);
      expect(engagementByAgency(db, { period }).map((r) => `${r.label} | ${r.attendances}/${r.meetingsHeld}`)).toEqual(expected.engagementByAgency[label]);
      expect(meetingsSummary(db, { period }).map((m) => `${m.name} | planned ${m.planned} held ${m.held} cancelled ${m.cancelled} quorate ${m.quorate}`)).toEqual(expected.meetings[label]);
      const end = periodInstants(period, db.partnership.timeZone).end.toISOString();
      const delivery = Object.fromEntries(
        db.plans.map((p) => {
          const d = deliveryPercent(db.actions.filter((a) => a.planId === p.id), end);
          return [p.id, `${d.completed}/${d.counted} ${d.percent}%`];
        }),
      );
      expect(delivery).toEqual(expected.delivery[label]);
    },
  );

  it.each(['2023/24', '2024/25', '2025/26', '2026/27'])('gives the income and expenditure lines it gave for %s', (year) => {
    const amounts = (lines: string[]) => lines.map((line) => line.split(' | ').slice(0, 2).join(' | '));
    expect(incomeTable(db, year).lines.map((l) => `${l.label} | ${l.amountPence}`)).toEqual(amounts(expected.income[year]!));
    expect(expenditureTable(db, year).lines.map((l) => `${l.label} | ${l.amountPence}`)).toEqual(amounts(expected.expenditure[year]!));
  });

  it('gives the published 2024/25 shares it gave', () => {
    expect(incomeTable(db, '2024/25').lines.map((l) => `${l.label} | ${l.amountPence} | ${l.share}`)).toEqual(expected.income['2024/25']);
    expect(expenditureTable(db, '2024/25').lines.map((l) => `${l.label} | ${l.amountPence} | ${l.share}`)).toEqual(expected.expenditure['2024/25']);
  });

  it('counts the ICB, not the NHS provider trusts it marked as health, as the statutory health partner', () => {
    const partners = fundingSummary(db, '2024/25').byStatutoryPartner.lines.map((l) => `${l.label} | ${l.amountPence} | ${l.share}`);
    expect(partners).toEqual([
      'Croydon Council | 31160900 | 7409',
      'NHS Southwest London Integrated Care Board | 3385000 | 805',
      'Metropolitan Police | 1000000 | 238',
      'Relevant agencies | 5309000 | 1262',
      'Other sources | 1205400 | 286',
    ]);
  });

  it('is written back as the current version with the next change, and opens again the same', async () => {
    const store = unwrap(await openFileStore(path));
    unwrap(await store.commit([{ type: 'partnership.update', partnership: { engagementThreshold: 60 } }], { actor: { kind: 'system', name: 'test' }, at: '2026-11-20T10:00:00.000Z' }));
    await store.close();
    expect(JSON.parse(await readFile(path, 'utf8')).version).toBe(CURRENT_SCHEMA_VERSION);
    const reopened = unwrap(await openFileStore(path));
    const again = await reopened.read();
    await reopened.close();
    expect(again.attendance).toEqual(db.attendance);
  });
});
