import { z } from 'zod';

/** A record identifier: lower-case slug characters, stable across exports and imports. */
export const Id = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9._:/-]*$/, 'must be lower-case letters, digits and . _ : / -');
export type Id = z.infer<typeof Id>;

/** An action's reference as people write it, e.g. `A-12`. */
export const ActionRef = z.string().regex(/^[A-Z]{1,4}-\d{1,5}$/, 'must look like A-12');
export type ActionRef = z.infer<typeof ActionRef>;

/** Turns a display name into an id slug ("Croydon Council: Housing" -> "croydon-council-housing"). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.length > 0 ? slug.slice(0, 120) : 'x';
}

/**
 * `base` if no record has it, else `base-2`, `base-3`… the first free one: a new record never
 * takes an existing record's id, however its name or email slugs (`jo.smith@` and `jo_smith@`,
 * `IT (Adobe)` and `IT - Adobe`, names with no Latin letters at all).
 */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, 120 - suffix.length)}${suffix}`;
    if (!taken(id)) return id;
  }
}
