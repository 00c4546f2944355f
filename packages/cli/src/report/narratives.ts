import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fail, NARRATIVE_SECTIONS, ok, type Result } from '@partnership-tracker/core';

/**
 * Reads the narrative sections' Markdown from `--narrative DIR`: `<section>.md` for each section
 * written so far. A Markdown file whose name is no section (a typo, `scrutiny.md`) is refused
 * rather than silently left out of the report; other files (pictures, notes) are ignored.
 */
export async function readNarratives(cwd: string, folder: string): Promise<Result<Record<string, string>>> {
  const path = resolve(cwd, folder);
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail('input.unreadable_folder', `--narrative ${folder}: ${code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : (error as Error).message}`);
  }
  const known = new Map<string, string>(NARRATIVE_SECTIONS.map((s) => [`${s.id}.md`, s.id]));
  const expected = [...known.keys()].join(', ');
  const narratives: Record<string, string> = {};
  for (const name of names.sort()) {
    if (!name.toLowerCase().endsWith('.md')) continue;
    const id = known.get(name.toLowerCase());
    if (id === undefined) return fail('input.unknown_narrative', `--narrative ${folder}: ${name} is not a narrative section of the report; name the files ${expected}. Nothing was written.`);
    const bytes = await readFile(join(path, name));
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.includes('\uFFFD')) return fail('input.bad_encoding', `--narrative ${folder}: ${name} is not UTF-8 text; save it as UTF-8 (in Word: Save As, Plain Text, Unicode (UTF-8)). Nothing was written.`);
    narratives[id] = text;
  }
  return ok(narratives);
}
