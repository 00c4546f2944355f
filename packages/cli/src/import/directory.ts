import { nameKey, slugify, uniqueId, type Agency, type Database, type Person, type Subgroup } from '@partnership-tracker/core';

/** Names match as people mean them: core's rule, shared with the funding keys. */
export { nameKey };

/** Finds agencies by name, alias or id, including agencies added earlier in the same import. */
export class AgencyDirectory {
  private readonly byKey = new Map<string, Agency>();

  constructor(agencies: readonly Agency[]) {
    for (const agency of agencies) this.add(agency);
  }

  /** Makes an agency findable by its id, name and aliases. */
  add(agency: Agency): void {
    for (const key of [agency.id, agency.name, ...agency.aliases]) this.byKey.set(nameKey(key), agency);
  }

  /** Every agency in the directory, those added since it was made included. */
  agencies(): Agency[] {
    return [...new Map([...this.byKey.values()].map((agency) => [agency.id, agency])).values()];
  }

  /** The agency people call `name`, if any. */
  find(name: string): Agency | undefined {
    return this.byKey.get(nameKey(name));
  }

  /** An id for a new agency called `name` that no other agency has. */
  newId(name: string): string {
    const ids = new Set([...this.byKey.values()].map((a) => a.id));
    return uniqueId(slugify(name), (id) => ids.has(id));
  }
}

/** Gives new records ids that no record of a collection has, nor any given out earlier in the same file. */
export class NewIds {
  private readonly taken: Set<string>;

  constructor(existing: Iterable<string>) {
    this.taken = new Set(existing);
  }

  /** A free id for a record called `text`, reserved from then on. */
  for(text: string): string {
    const id = uniqueId(slugify(text), (candidate) => this.taken.has(candidate));
    this.taken.add(id);
    return id;
  }
}

/** The person with an email address: exactly that address, whatever its case. */
export function findPersonByEmail(db: Database, email: string): Person | undefined {
  const wanted = email.trim().toLowerCase();
  return db.people.find((p) => p.email === wanted);
}

/** The subgroup called `name` (its name, short name or id). */
export function findSubgroup(db: Database, name: string): Subgroup | undefined {
  const key = nameKey(name);
  return db.subgroups.find((s) => nameKey(s.name) === key || nameKey(s.shortName) === key || s.id === key);
}
