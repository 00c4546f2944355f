import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { annualReport, examplePartnership, parsePeriod, unwrap, type Period } from '@partnership-tracker/core';
import { writeReportDocx } from '@partnership-tracker/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReferenceTable } from './support/csv.js';
import { readZip } from './playground/archive.js';

// Issue 16: the Word report is read back, not compared with a snapshot of itself: its XML, and
// the text LibreOffice (headless, which .ci/run installs) finds in it.
const period = unwrap(parsePeriod('2024/25')) as Period & { kind: 'year' };
const narratives = { scrutineer: '# How it went\n\nThe partners **challenged** each other.\n\n1. First\n2. Second' };
const report = annualReport(examplePartnership(), { period, now: '2026-11-20T09:00:00Z', narratives });

/** LibreOffice's command, or a failure saying what to install: a missing LibreOffice fails the test, never skips it. */
function soffice(): string {
  for (const path of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice']) if (existsSync(path)) return path;
  throw new Error('LibreOffice is not installed: the Word report is checked by converting it with soffice --headless. Install Debian\'s libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui), as .ci/run does.');
}

describe('the Word annual report', () => {
  let folder: string;
  let docx: Uint8Array;
  let files: Map<string, Buffer>;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ptrack-word-'));
    docx = await writeReportDocx(report);
    writeFileSync(join(folder, 'report.docx'), docx);
    // The reader the Teams package test uses, which also checks each file's CRC-32.
    files = new Map(readZip(Buffer.from(docx)).map((entry) => [entry.name, entry.data]));
  }, 60_000);

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("uses Word's heading styles, a new page for each section, and page numbers in the footer", () => {
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(16);
    expect(xml.match(/<w:pageBreakBefore\/>/g)).toHaveLength(15);
    const footer = [...files].find(([name]) => /^word\/footer\d+\.xml$/.test(name))![1].toString('utf8');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
  });

  it('repeats each table’s header row across pages, keeps rows whole and aligns figures right', () => {
    const xml = files.get('word/document.xml')!.toString('utf8');
    const tables = xml.match(/<w:tbl>/g)!.length;
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(tables);
    // The income table's Croydon Council row: the name left, £311,609 and its share right.
    const row = /<w:tr>(?:(?!<\/w:tr>).)*Croydon Council<\/w:t>(?:(?!<\/w:tr>).)*£311,609(?:(?!<\/w:tr>).)*<\/w:tr>/.exec(xml)![0];
    expect(row).toContain('<w:cantSplit/>');
    expect(row.match(/<w:jc w:val="right"\/>/g)).toHaveLength(2);
  });

  it('holds each chart as a PNG picture with its text alternative', () => {
    const pictures = [...files.keys()].filter((name) => /^word\/media\/.+\.png$/.test(name));
    // Income shares, engagement, delivery by priority and training uptake by sector.
    expect(pictures).toHaveLength(4);
    for (const name of pictures) expect(files.get(name)!.subarray(1, 4).toString('latin1')).toBe('PNG');
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(
      'descr="Delivery of CSCP Business Plan 2024/25 by priority (% of actions complete): Family resilience 92%; Early intervention 89%; Neglect 80%; Serious youth violence 82%; System learning 88%."',
    );
  });

  it('opens in LibreOffice headless, whose text holds the published tables, the 86%, the commitments and the carried-over actions', () => {
    const command = soffice();
    const profile = pathToFileURL(join(folder, 'profile')).href;
    for (const format of ['txt:Text', 'pdf']) {
      execFileSync(command, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', folder, join(folder, 'report.docx')], { stdio: 'pipe', timeout: 120_000 });
    }
    const lines = readFileSync(join(folder, 'report.txt'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    // LibreOffice writes each table cell on its own line, after the table's title.
    const tableAfter = (title: string, width: number, rows: number) => {
      const start = lines.indexOf(title);
      expect(start, title).toBeGreaterThanOrEqual(0);
      const cells = lines.slice(start + 1 + width, start + 1 + width + rows * width);
      return Array.from({ length: rows }, (_, i) => cells.slice(i * width, (i + 1) * width));
    };
    const percent = (value: string) => (value === '' ? '—' : `${value}%`);
    const pounds = (value: string) => `£${Number(value).toLocaleString('en-GB')}`;
    const engagement = readReferenceTable('engagement-2024-25.csv');
    expect(tableAfter('Engagement 2024/25', 5, engagement.length)).toEqual(
      engagement.map((r) => [r.agency, r.groups, percent(r.review_group_pct!), percent(r.quality_assurance_group_pct!), percent(r.editorial_group_pct!)]),
    );
    const income = readReferenceTable('income-2024-25.csv');
    expect(tableAfter('Income 2024/25', 3, income.length).map(([line, amount]) => [line, amount])).toEqual(income.map((r) => [r.source, pounds(r.amount_gbp!)]));
    const expenditure = readReferenceTable('expenditure-2024-25.csv');
    expect(tableAfter('Expenditure 2024/25', 3, expenditure.length).map(([line, amount]) => [line, amount])).toEqual(expenditure.map((r) => [r.category, pounds(r.amount_gbp!)]));
    expect(lines).toContain('86% of CSCP Business Plan 2024/25 was delivered at 31/03/2025: 43 of its 50 actions were complete (withdrawn actions are not counted).');
    expect(lines).toContain('In 2024/25: 3 cases of concern, 4 learning briefings published.');
    expect(lines.filter((line) => line.startsWith('In 2024/25 there were 526 bookings on 11 courses'))).toHaveLength(1);
    expect(tableAfter('What we said / what we delivered: CSCP Business Plan 2024/25', 2, 9).map(([said]) => said)[8]).toBe('Improve strategic oversight of exploitation');
    expect(tableAfter('Carried over to CSCP Business Plan 2025–27', 5, 7).map((row) => [row[0], row[3]])).toEqual([
      ['A-2', 'B-1'],
      ['A-20', 'B-2'],
      ['A-25', 'B-3'],
      ['A-27', 'B-4'],
      ['A-37', 'B-5'],
      ['A-38', 'B-6'],
      ['A-45', 'B-7'],
    ]);
    // A page per section, the contents before them: LibreOffice laid out more than 15 pages.
    const pdf = readFileSync(join(folder, 'report.pdf')).toString('latin1');
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(15);
  }, 240_000);
});
