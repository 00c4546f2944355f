import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEADER_SYNONYMS } from './csv/index.js';
import { importers } from './import/index.js';
import { DIGEST_FORMATS, EXPORT_TABLE_NAMES, FORMATS, IMPORT_ENTITIES } from './program.js';

const docs = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');

/** The part of docs/cli.md under a heading, up to the next heading of the same level or above. */
function section(heading: string): string {
  const start = docs.indexOf(`${heading}\n`);
  expect(start, `docs/cli.md has no "${heading}"`).toBeGreaterThanOrEqual(0);
  const level = heading.split(' ')[0]!;
  const rest = docs.slice(start + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

describe('docs/cli.md', () => {
  it('lists the same import entities as the program, and every one has an importer', () => {
    expect(importers.map((i) => i.entity)).toEqual([...IMPORT_ENTITIES]);
  });

  it.each(importers.map((i) => [i.entity, i] as const))('documents every column of the %s import, and has its example file', (entity, importer) => {
    const text = section(`### ${entity}`);
    for (const column of importer.columns) expect(text, `column ${column.name}`).toContain(`| \`${column.name}\` | ${column.required ? 'yes' : 'no'} |`);
    const example = readFileSync(new URL(`../../../docs/examples/${entity}.csv`, import.meta.url), 'utf8');
    expect(example.split('\n')[0]!.split(',')).toEqual(importer.columns.map((c) => c.name));
  });

  it.each(['init', 'partnerships', 'workspaces', 'copy --from FILE|URL --to FILE|URL', 'import ENTITY FILE.csv', 'export TABLE', 'digest --quarter QUARTER', 'calendar', 'attendance record', 'action update REF', 'remind --dry-run', 'person move EMAIL', 'person email EMAIL NEW-EMAIL', 'person leave EMAIL', 'action withdraw REF', 'person erase EMAIL', 'income remove LINE', 'spending remove LINE', 'meeting remove ID', 'membership end|correct|remove', 'plan carry-over --from PLAN --to PLAN', 'report --year YEAR'])(
    'documents ptrack %s',
    (command) => {
      expect(section(`### \`ptrack ${command}\``)).toMatch(/```sh\nptrack /);
    },
  );

  it('documents every export table and format', () => {
    const text = section('### `ptrack export TABLE`');
    for (const table of EXPORT_TABLE_NAMES) expect(text).toContain(`| \`${table}\` |`);
    for (const format of [...FORMATS, ...DIGEST_FORMATS]) expect(docs).toContain(`**${format}**`);
  });

  it('lists every header synonym the imports accept', () => {
    const text = section('### `ptrack import ENTITY FILE.csv`');
    for (const [column, synonyms] of Object.entries(HEADER_SYNONYMS)) {
      expect(text).toContain(`| \`${column}\` | ${synonyms.map((s) => `\`${s}\``).join(', ')} |`);
    }
  });
});
