import { readFileSync } from 'node:fs';

/** The reference tables copied into test/fixtures/reference. */
export const referenceDirectory = new URL('../fixtures/reference/', import.meta.url);

/** Parses RFC 4180 CSV text (quoted fields, doubled quotes) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** A reference table as objects keyed by its header. */
export function readReferenceTable(name: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(new URL(name, referenceDirectory), 'utf8'));
  return rows.map((row) => Object.fromEntries(header!.map((column, index) => [column, row[index] ?? ''])));
}
