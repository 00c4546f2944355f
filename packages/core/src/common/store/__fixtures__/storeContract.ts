import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../base/result.js';
import type { CommandInput } from '../commands.js';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { actors, by, sampleDatabase } from './sampleDatabase.js';

/** Opens a fresh store of one implementation holding `initial`. */
export type OpenStore = (initial: Database) => Promise<Store>;

/**
 * Opens a second store on the same data as `store` (another process's, in life: the bot and a
 * CLI run on one data file, two bot instances on one database). Stores that are only ever one
 * (in memory) have none.
 */
export type OpenTwin = (store: Store) => Promise<Store>;

const progressNote = (note: string): CommandInput => ({ type: 'action.update', ref: 'A-1', note });
/** What the sample partnership knows of A-1's owner, whom the erasure test erases. */
const OWNER = { id: 'olu-owner', name: 'Olu Owner', email: 'olu@council.example' } as const;

/**
 * The behaviour every Store implementation promises (see store.ts), as one suite run against
 * each: the in-memory store and the file store must be interchangeable for their callers.
 */
export function describeStoreContract(name: string, open: OpenStore, openTwin?: OpenTwin): void {
  describe(`${name} (store contract)`, () => {
    const opened: Store[] = [];
    const openStore = async (initial: Database = sampleDatabase()): Promise<Store> => {
      const store = await open(initial);
      opened.push(store);
      return store;
    };
    const twinOf = async (store: Store): Promise<Store> => {
      const twin = await openTwin!(store);
      opened.push(twin);
      return twin;
    };

    // Only stores that can be opened twice on the same data have these promises to keep.
    if (openTwin !== undefined) describe('with a second store on the same data', () => {
      it("shows each store the other's commits, once they are acknowledged", async () => {
        const first = await openStore();
        const second = await twinOf(first);
        unwrap(await first.commit([progressNote('from the first')], by(actors.owner)));
        expect((await second.read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'from the first']);
        unwrap(await second.commit([progressNote('from the second')], by(actors.owner)));
        expect((await first.read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'from the first', 'from the second']);
        expect((await first.read()).revision).toBe(2);
      });

      it('loses none of the commits both make at once: one revision each, one unbroken audit', async () => {
        const first = await openStore();
        const second = await twinOf(first);
        const notes = Array.from({ length: 60 }, (_, index) => `note ${index}`);
        const results = await Promise.all(notes.map((note, index) => (index % 2 ? first : second).commit([progressNote(note)], by(actors.owner))));
        expect(results.filter((r) => !r.success)).toEqual([]);
        expect(results.map((r) => (r.success ? r.data.revision : 0)).sort((a, b) => a - b)).toEqual(notes.map((_, index) => index + 1));
        for (const store of [first, second, await twinOf(first)]) {
          const db = unwrap(await store.readWithHistory());
          expect(db.revision).toBe(60);
          expect(db.audit.map((e) => e.seq)).toEqual(notes.map((_, index) => index + 1));
          expect(new Set(db.actions[0]?.history.map((h) => h.note))).toEqual(new Set(['Created', ...notes]));
        }
      }, 60_000);

      it('applies a commit on the latest data, even when this store has not read since the other committed', async () => {
        const first = await openStore();
        const second = await twinOf(first);
        unwrap(await first.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner)));
        // A change that only makes sense after the first: a note with no progress keeps 40%.
        unwrap(await second.commit([progressNote('after forty')], by(actors.owner)));
        const db = await (await twinOf(first)).read();
        expect(db.actions[0]?.progress).toBe(40);
        expect(db.actions[0]?.history.map((h) => [h.progress, h.note])).toEqual([
          [0, 'Created'],
          [40, null],
          [40, 'after forty'],
        ]);
      });
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('reads back the data it was opened with', async () => {
      const store = await openStore();
      expect(await store.read()).toEqual(sampleDatabase());
    });

    it('applies a commit, reporting the new revision and what changed', async () => {
      const store = await openStore();
      const result = unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner)));
      expect(result.revision).toBe(1);
      expect(result.audit.map((e) => [e.command, e.entityId, e.by])).toEqual([['action.update', 'A-1', 'olu-owner']]);
      const db = await store.read();
      expect(db.revision).toBe(1);
      expect(db.actions[0]?.progress).toBe(40);
    });

    it('refuses a failing batch as a value and changes nothing', async () => {
      const store = await openStore();
      const result = await store.commit([progressNote('first'), { type: 'action.update', ref: 'A-1', progress: 50 }], by(actors.bystander));
      expect(result.success ? 'committed' : result.error.code).toBe('action.not_owner');
      expect(await store.read()).toEqual(sampleDatabase());
    });

    it('reports a commit that changes nothing with the current revision and no audit', async () => {
      const store = await openStore();
      const agency = { type: 'agency.upsert', agency: { id: 'police', name: 'Metropolitan Police', sector: 'police', statutoryRole: 'police' } } as const;
      expect(unwrap(await store.commit([agency], by(actors.cli)))).toEqual({ revision: 0, audit: [] });
    });

    it('loses none of 200 concurrent commits', async () => {
      const store = await openStore();
      const notes = Array.from({ length: 200 }, (_, index) => `update ${index}`);
      const results = await Promise.all(notes.map((note) => store.commit([progressNote(note)], by(actors.owner))));
      expect(results.filter((r) => !r.success)).toEqual([]);
      expect(results.map((r) => (r.success ? r.data.revision : 0)).sort((a, b) => a - b)).toEqual(notes.map((_, index) => index + 1));
      const db = unwrap(await store.readWithHistory());
      expect(db.revision).toBe(200);
      expect(db.audit.map((e) => e.seq)).toEqual(notes.map((_, index) => index + 1));
      expect(new Set(db.actions[0]?.history.map((h) => h.note))).toEqual(new Set(['Created', ...notes]));
    }, 60_000); // a file store fsyncs each commit, which takes a while on a slow disk

    it('never changes a snapshot already handed out', async () => {
      const store = await openStore();
      unwrap(await store.commit([progressNote('first')], by(actors.owner)));
      const before = await store.read();
      const copy = JSON.parse(JSON.stringify(before)) as Database;
      unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner)));
      expect(before).toEqual(copy);
      expect(before.revision).toBe(1);
    });

    it("hands out the audit's last entry with a snapshot, and every entry, in order, read afresh on request", async () => {
      const store = await openStore();
      const notes = ['first', 'second', 'third'];
      for (const note of notes) unwrap(await store.commit([progressNote(note)], by(actors.owner)));
      const snapshot = await store.read();
      expect(snapshot.audit.map((e) => [e.seq, JSON.stringify(e.after).includes('third')])).toEqual([[3, true]]);
      const whole = unwrap(await store.readWithHistory());
      expect(whole.audit.map((e) => [e.seq, e.command, e.by])).toEqual(notes.map((_, index) => [index + 1, 'action.update', 'olu-owner']));
      expect({ ...whole, audit: whole.audit.slice(-1) }).toEqual(snapshot);
      whole.audit.length = 0;
      expect(unwrap(await store.readWithHistory()).audit).toHaveLength(3);
    });

    it('keeps numbering the audit from its last entry when commits change nothing or fail in between', async () => {
      const store = await openStore();
      unwrap(await store.commit([progressNote('first')], by(actors.owner)));
      const refused = await store.commit([progressNote('not mine')], by(actors.bystander));
      expect(refused.success ? 'committed' : refused.error.code).toBe('action.not_owner');
      const police = { type: 'agency.upsert', agency: { id: 'police', name: 'Metropolitan Police', sector: 'police', statutoryRole: 'police' } } as const;
      unwrap(await store.commit([police], by(actors.cli)));
      unwrap(await store.commit([progressNote('second')], by(actors.owner)));
      const db = unwrap(await store.readWithHistory());
      expect(db.revision).toBe(2);
      expect(db.audit.map((e) => e.seq)).toEqual([1, 2]);
    });

    it('serves nothing of an erased person, to itself or any store opened on the data before or after, and goes on committing', async () => {
      const store = await openStore();
      const before = openTwin === undefined ? undefined : await twinOf(store);
      unwrap(await store.commit([progressNote(`Checked with ${OWNER.name} (${OWNER.email})`)], by(actors.owner)));
      if (before !== undefined) expect(JSON.stringify(unwrap(await before.readWithHistory()))).toContain(OWNER.email);
      const erased = unwrap(await store.commit([{ type: 'person.erase', personId: OWNER.id }], by(actors.businessTeam)));
      unwrap(await store.commit([progressNote('Carried on by the business team')], by(actors.businessTeam)));
      const after = openTwin === undefined ? undefined : await twinOf(store);
      for (const reader of [store, before, after]) {
        if (reader === undefined) continue;
        const db = unwrap(await reader.readWithHistory());
        const text = JSON.stringify([db, await reader.read()]).toLowerCase();
        for (const trace of Object.values(OWNER)) expect(text).not.toContain(trace.toLowerCase());
        expect(db.revision).toBe(erased.revision + 1);
        expect(JSON.stringify(db.audit[0]?.after)).toContain('Checked with Erased person 1 (erased-1@erased.invalid)');
        expect(db.audit.map((e) => e.seq)).toEqual(Array.from({ length: db.audit.length }, (_, index) => index + 1));
        expect(db.actions[0]).toMatchObject({ ownerId: 'erased-person-1' });
        expect(db.actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'Checked with Erased person 1 (erased-1@erased.invalid)', 'Carried on by the business team']);
      }
    });

    it('finishes commits already in flight when closed, then refuses new ones', async () => {
      const store = await openStore();
      const inFlight = store.commit([progressNote('just in time')], by(actors.owner));
      const closing = store.close();
      const late = await store.commit([progressNote('too late')], by(actors.owner));
      await closing;
      expect(unwrap(await inFlight).revision).toBe(1);
      expect(late.success ? 'committed' : late.error.code).toBe('store.closed');
      expect((await store.read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'just in time']);
    });
  });
}
