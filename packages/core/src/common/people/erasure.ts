import type { AuditEntry } from '../audit/auditEntry.js';
import { rekeyOutboxKey } from '../reminders/outboxKeys.js';
import { RECORD_KEYS, targetOfEntity, type RecordCollection } from '../store/recordChanges.js';
import type { Person } from './person.js';

/**
 * One GDPR erasure as the stores must carry it: what the person was known by and the pseudonym
 * that replaces it. It holds the erased values themselves, so it lives only in memory, for the
 * length of the commit that makes it: a store uses it to redact the history it keeps (the audit,
 * a change log, a database's per-commit changes), and never writes it anywhere.
 */
export interface Erasure {
  readonly personId: string;
  readonly pseudonymId: string;
  readonly name: string;
  readonly email: string;
  /** Their Teams and Slack ids, which name them in chat services' records. */
  readonly chatIds: readonly string[];
  readonly pseudonymName: string;
  readonly pseudonymEmail: string;
}

/** What an audit entry's redacted fields read as. */
export const ERASED = '(erased)';

/** The fields of a person's own audit entries that held what they were known by. */
const PERSONAL_FIELDS = ['name', 'email', 'roleTitles', 'roles', 'teamsAadObjectId', 'slackUserId'] as const;

/** The pseudonym of the `ordinal`th person erased in a partnership, with an id none of its people has. */
export function pseudonymFor(person: Person, ordinal: number, takenIds: ReadonlySet<string>): Erasure {
  let pseudonymId = `erased-person-${ordinal}`;
  for (let n = 2; takenIds.has(pseudonymId); n++) pseudonymId = `erased-person-${ordinal}-${n}`;
  return {
    personId: person.id,
    pseudonymId,
    name: person.name,
    email: person.email,
    chatIds: [person.teamsAadObjectId, person.slackUserId].filter((id): id is string => id !== null),
    pseudonymName: `Erased person ${ordinal}`,
    pseudonymEmail: `erased-${ordinal}@erased.invalid`,
  };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The rewrites of free text an erasure makes: the email and chat ids wherever they appear, the
 * name wherever it appears as whole words (a note saying "Jo Smith to lead"); a one- or
 * two-letter name is left, as it would match too much that is not them. Ids are not rewritten as
 * text: an id may also be another record's (an agency and a person can share one) or a value of
 * a list of choices, so references are rewritten field by field (`rekeyRecord`).
 */
function textRewrites(erasure: Erasure): ReadonlyArray<readonly [RegExp, string]> {
  const rewrites: Array<readonly [RegExp, string]> = [
    [new RegExp(escape(erasure.email), 'gi'), erasure.pseudonymEmail],
    ...erasure.chatIds.map((id) => [new RegExp(escape(id), 'g'), ERASED] as const),
  ];
  const name = erasure.name.trim();
  if (name.length >= 3) rewrites.push([new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'giu'), erasure.pseudonymName]);
  return rewrites;
}

/**
 * A function that gives any stored value with the erased person's name, email and chat ids
 * rewritten wherever they appear (deeply: records, audit entries' before and after), or the very
 * same value when it held none, so that a caller can tell cheaply what changed.
 */
export function scrubberOf(erasure: Erasure): <T>(value: T) => T {
  const rewrites = textRewrites(erasure);
  const scrubText = (text: string): string => {
    let out = text;
    for (const [pattern, replacement] of rewrites) out = out.replace(pattern, replacement);
    return out;
  };
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return scrubText(value);
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, index) => {
        const next = scrub(item);
        if (next !== item) (copy ??= [...value])[index] = next;
      });
      return copy ?? value;
    }
    if (typeof value === 'object' && value !== null) {
      let copy: Record<string, unknown> | undefined;
      for (const [key, item] of Object.entries(value)) {
        const next = scrub(item);
        if (next !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
      }
      return copy ?? value;
    }
    return value;
  };
  return scrub as <T>(value: T) => T;
}

type Fields = Record<string, unknown>;

/** `record` with each of `fields` that holds `from` holding `to` instead; the same object when none did. */
function swapped(record: Fields, fields: readonly string[], from: string, to: string): Fields {
  let copy: Fields | undefined;
  for (const field of fields) if (record[field] === from) (copy ??= { ...record })[field] = to;
  return copy ?? record;
}

/**
 * Every field in which a record of each collection names a person: by id, or as the audit names
 * an actor (a person's id). A record may be partial (an audit entry's fields that changed).
 */
const REFERENCES: Readonly<Partial<Record<RecordCollection, (record: Fields, from: string, to: string) => Fields>>> = {
  people: (record, from, to) => swapped(record, ['id'], from, to),
  attendance: (record, from, to) => {
    const out = swapped(record, ['personId', 'deputisingForId', 'recordedById'], from, to);
    const id = out.id;
    return typeof id === 'string' && id.endsWith(`/${from}`) ? { ...out, id: `${id.slice(0, -from.length)}${to}` } : out;
  },
  // The audit records an update as the history items it appended (`historyAppended`).
  actions: (record, from, to) => {
    let out = swapped(record, ['ownerId'], from, to);
    for (const field of ['history', 'historyAppended']) {
      const items = out[field];
      if (!Array.isArray(items)) continue;
      const moved = (items as Fields[]).map((entry) => swapped(entry, ['byId'], from, to));
      if (moved.some((entry, index) => entry !== items[index])) out = { ...out, [field]: moved };
    }
    return out;
  },
  subgroups: (record, from, to) => {
    const out = swapped(record, ['chairId', 'deputyChairId'], from, to);
    const channel = out.channel;
    if (typeof channel !== 'object' || channel === null) return out;
    const bound = swapped(channel as Fields, ['boundBy'], from, to);
    return bound === channel ? out : { ...out, channel: bound };
  },
  returns: (record, from, to) => {
    if (!Array.isArray(record.agencies)) return record;
    const asked = record.agencies as Fields[];
    const agencies = asked.map((ask) => swapped(ask, ['contactId'], from, to));
    return agencies.some((ask, index) => ask !== asked[index]) ? { ...record, agencies } : record;
  },
  returnResponses: (record, from, to) => swapped(record, ['receivedById'], from, to),
  conversations: (record, from, to) => swapped(record, ['personId'], from, to),
  outbox: (record, from, to) => {
    const key = typeof record.key === 'string' ? rekeyOutboxKey(record.key, from, to) : record.key;
    return key === record.key ? record : { ...record, key };
  },
};

/**
 * A record of `collection` with its references to the erased person moved to the pseudonym and
 * their name, email and chat ids rewritten; the same object when it held none.
 */
export function rekeyRecord<T>(collection: RecordCollection | 'partnership', record: T, erasure: Erasure, scrub: <V>(value: V) => V = scrubberOf(erasure)): T {
  const rekey = collection === 'partnership' ? undefined : REFERENCES[collection];
  const scrubbed = scrub(record);
  if (rekey === undefined || typeof scrubbed !== 'object' || scrubbed === null || Array.isArray(scrubbed)) return scrubbed;
  const rekeyed = rekey(scrubbed as Fields, erasure.personId, erasure.pseudonymId);
  return rekeyed as T;
}

/**
 * The audit as an erasure leaves it: every entry that named the person, quoted their details or
 * described their own record is rewritten and marked `redacted`; the others are returned as they
 * were. The entries keep their places (`seq`), times and commands, so the history still says
 * that something was done, when, and to what kind of record.
 */
export function redactAudit(audit: readonly AuditEntry[], erasures: readonly Erasure[]): AuditEntry[] {
  let entries = [...audit];
  for (const erasure of erasures) {
    const scrub = scrubberOf(erasure);
    entries = entries.map((entry) => {
      const collection = collectionOfEntity(entry.entity);
      const own = entry.entity === 'person' && entry.entityId === erasure.personId;
      const rewrite = (value: unknown): unknown => {
        const rekeyed = collection === null ? scrub(value) : rekeyRecord(collection, value, erasure, scrub);
        return own ? withoutPersonalFields(rekeyed) : rekeyed;
      };
      const before = rewrite(entry.before);
      const after = rewrite(entry.after);
      const by = entry.by === erasure.personId ? erasure.pseudonymId : entry.by;
      const entityId = collection === null ? scrub(entry.entityId) : entityIdAfter(collection, entry.entityId, erasure, scrub);
      if (before === entry.before && after === entry.after && by === entry.by && entityId === entry.entityId) return entry;
      return { ...entry, by, entityId, before, after, redacted: true };
    });
  }
  return entries;
}

/** The collection of an audited entity, or null for one that holds no records of its own. */
function collectionOfEntity(entity: string): RecordCollection | 'partnership' | null {
  try {
    return targetOfEntity(entity);
  } catch {
    return null;
  }
}

/** The key an audit entry names once the record it names is rekeyed. */
function entityIdAfter(collection: RecordCollection | 'partnership', entityId: string, erasure: Erasure, scrub: <V>(value: V) => V): string {
  if (collection === 'partnership') return scrub(entityId);
  const field = RECORD_KEYS[collection];
  const rekeyed = rekeyRecord(collection, { [field]: entityId }, erasure, scrub) as Fields;
  return rekeyed[field] as string;
}

/** A person record's (or audited change's) fields as an erasure leaves them in the history. */
function withoutPersonalFields(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const present = PERSONAL_FIELDS.filter((field) => field in record && record[field] !== ERASED);
  if (present.length === 0) return value;
  return { ...record, ...Object.fromEntries(present.map((field) => [field, ERASED])) };
}
