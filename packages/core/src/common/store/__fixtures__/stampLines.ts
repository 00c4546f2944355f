/**
 * Hand-written test data as recording would store it: each register line without an `agencyId`
 * is stamped with the agency of the person it counts for (the deputised person, else the
 * attendee; null for a guest), from the people in the same data.
 */
export function stampLines<T extends { people?: readonly unknown[]; attendance?: readonly unknown[] }>(data: T): T {
  const agencyOf = new Map<unknown, unknown>();
  for (const person of (data.people ?? []) as Array<{ id: unknown; agencyId?: unknown }>) agencyOf.set(person.id, person.agencyId ?? null);
  const attendance = ((data.attendance ?? []) as Array<Record<string, unknown>>).map((line) => {
    if ('agencyId' in line) return line;
    const counted = line.deputisingForId ?? line.personId ?? null;
    return { ...line, agencyId: counted === null ? null : (agencyOf.get(counted) ?? null) };
  });
  return { ...data, attendance };
}
