import type { z } from 'zod';
import { fail, ok, type Result } from './result.js';

/** Renders a zod issue path as people read it: `actions[3].due`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out.length === 0 ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Parses a value with a schema, turning the first failure into a domain error naming its path. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  code: string,
  where = '',
): Result<z.infer<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.map((issue) => {
    const path = formatPath([...(where ? [where] : []), ...issue.path]);
    return { path, message: issue.message };
  });
  const first = issues[0]!;
  return fail(code, `${first.path || '(root)'}: ${first.message}`, { issues });
}
