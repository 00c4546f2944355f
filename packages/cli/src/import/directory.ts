import { slugify, type Agency, type Database, type Person, type Subgroup } from '@partnership-tracker/core';

/** Reduces a name to what people mean by it: case, spacing, curly quotes and `&` do not matter. */
export function nameKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/\s+/g, ' ')
    .trim();
}

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

  /** The agency people call `name`, if any. */
  find(name: string): Agency | undefined {
    return this.byKey.get(nameKey(name));
  }

  /** An id for a new agency called `name` that no other agency has. */
  newId(name: string): string {
    const base = slugify(name);
    let id = base;
    for (let n = 2; [...this.byKey.values()].some((a) => a.id === id); n++) id = `${base}-${n}`;
    return id;
  }
}

/** The person with an email address (case does not matter). */
export function findPersonByEmail(db: Database, email: string): Person | undefined {
  const wanted = email.trim().toLowerCase();
  return db.people.find((p) => p.email === wanted);
}

/** The subgroup called `name` (its name, short name or id). */
export function findSubgroup(db: Database, name: string): Subgroup | undefined {
  const key = nameKey(name);
  return db.subgroups.find((s) => nameKey(s.name) === key || nameKey(s.shortName) === key || s.id === key);
}
