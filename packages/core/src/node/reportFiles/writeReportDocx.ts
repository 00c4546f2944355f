import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { aboutThisReport, PLACEHOLDER_LABEL, type AnnualReport, type NarrativeBlock, type ReportBlock, type TextRun as NarrativeRun } from '../../common/report/index.js';
import { displayCell, formatDate } from '../../common/reporting/formatCell.js';
import { isNumeric, type Row, type Table as ReportTable } from '../../common/reporting/table.js';
import { chartPng } from './chartPng.js';

/** The widest a chart is shown on an A4 page between the margins, in pixels at 96 to the inch. */
const PAGE_WIDTH_PX = 600;
const FONT = 'Arial';
const NUMBERED = 'report-numbered';

function runs(parts: readonly NarrativeRun[]): ParagraphChild[] {
  return parts.map((part) => {
    const text = new TextRun({ text: part.text, ...(part.bold ? { bold: true } : {}), ...(part.italic ? { italics: true } : {}), ...(part.href ? { style: 'Hyperlink' } : {}) });
    return part.href ? new ExternalHyperlink({ link: part.href, children: [text] }) : text;
  });
}

function narrativeParagraphs(block: NarrativeBlock, listInstance: () => number): Paragraph[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: block.level === 1 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: runs(block.runs) })];
    case 'paragraph':
      return [new Paragraph({ children: runs(block.runs) })];
    case 'quote':
      return [new Paragraph({ indent: { left: 567 }, children: runs(block.runs).map((r) => r), style: 'Quote' })];
    case 'list': {
      const instance = listInstance();
      return block.items.map((item) => new Paragraph({ children: runs(item), ...(block.ordered ? { numbering: { reference: NUMBERED, level: 0, instance } } : { bullet: { level: 0 } }) }));
    }
  }
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6' } as const;
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER } as const;

/**
 * A table as Word shows a report's: a caption above it, a header row that repeats on every page,
 * rows that never split across pages, figures right-aligned, and the closing row in bold.
 */
function wordTable(table: ReportTable): Array<Paragraph | Table> {
  const cell = (text: string, numeric: boolean, options: { header?: boolean; bold?: boolean } = {}) =>
    new TableCell({
      borders: BORDERS,
      ...(options.header || options.bold ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F2F1' } } : {}),
      children: [new Paragraph({ alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, ...(options.header || options.bold ? { bold: true } : {}) })] })],
    });
  const line = (row: Row, bold: boolean) =>
    new TableRow({ cantSplit: true, children: table.columns.map((c) => cell(displayCell(row[c.key] ?? null, c.type), isNumeric(c.type), { bold })) });
  return [
    new Paragraph({ keepNext: true, spacing: { before: 240, after: 80 }, children: [new TextRun({ text: table.title, bold: true })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: table.columns.map((c) => cell(c.header, isNumeric(c.type), { header: true })) }),
        ...table.rows.map((row) => line(row, false)),
        ...(table.total ? [line(table.total, true)] : []),
      ],
    }),
  ];
}

function blockContent(block: ReportBlock, id: string, listInstance: () => number): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'paragraph':
      return [new Paragraph({ text: block.text })];
    case 'table':
      return [...wordTable(block.table), ...(block.notes ?? []).map((note) => new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: note, size: 18, color: '505A5F' })] }))];
    case 'chart': {
      const picture = chartPng(block.chart, id);
      const scale = Math.min(1, PAGE_WIDTH_PX / picture.width);
      return [
        new Paragraph({
          keepNext: true,
          spacing: { before: 240 },
          children: [
            new ImageRun({
              type: 'png',
              data: picture.png,
              transformation: { width: Math.round(picture.width * scale), height: Math.round(picture.height * scale) },
              altText: { name: id, title: block.chart.title, description: block.chart.description },
            }),
          ],
        }),
        new Paragraph({ children: [new TextRun({ text: block.chart.title, italics: true, size: 18, color: '505A5F' })] }),
      ];
    }
    case 'narrative':
      return block.blocks.flatMap((b) => narrativeParagraphs(b, listInstance));
    case 'placeholder': {
      const border = { style: BorderStyle.DASHED, size: 12, color: '505A5F', space: 6 } as const;
      return [
        new Paragraph({
          border: { top: border, bottom: border, left: border, right: border },
          spacing: { before: 120, after: 120 },
          children: [new TextRun({ text: `${PLACEHOLDER_LABEL[block.reason]}: `, bold: true }), new TextRun({ text: block.text })],
        }),
      ];
    }
  }
}

/**
 * The annual report as a Word document (.docx) the business team edits and publishes: Word's
 * own heading styles (so the navigation pane and an inserted table of contents find every
 * section), each section on a new page, tables whose header rows repeat across pages with
 * figures right-aligned, the charts as pictures with their text alternatives, and page numbers.
 */
export async function writeReportDocx(report: AnnualReport): Promise<Uint8Array> {
  let lists = 0;
  const listInstance = () => ++lists;
  const about = aboutThisReport(report);
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, text: report.title }),
    new Paragraph({ text: `${report.area} · figures as at ${formatDate(report.asAt)} · prepared ${formatDate(report.preparedOn)}` }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'About this report' }),
    ...about.paragraphs.map((text) => new Paragraph({ text })),
    ...about.missing.map((text) => new Paragraph({ text, bullet: { level: 0 } })),
  ];
  report.sections.forEach((section, index) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, text: `${index + 1}. ${section.title}` }));
    section.blocks.forEach((block, blockIndex) => children.push(...blockContent(block, `${section.id}-chart-${blockIndex + 1}`, listInstance)));
  });
  const document = new Document({
    creator: report.partnership,
    title: report.title,
    description: `Annual report ${report.yearLabel}, prepared by Partnership Tracker`,
    styles: { default: { document: { run: { font: FONT, size: 22 } }, heading1: { run: { font: FONT, size: 32, bold: true, color: '0B0C0C' } }, heading2: { run: { font: FONT, size: 26, bold: true, color: '0B0C0C' } }, title: { run: { font: FONT, size: 44, bold: true, color: '0B0C0C' } } } },
    numbering: { config: [{ reference: NUMBERED, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] }] },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })] })],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
