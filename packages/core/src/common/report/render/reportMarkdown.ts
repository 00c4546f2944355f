import { formatDate } from '../../reporting/formatCell.js';
import { escapeMarkdown, markdownTable } from '../../reporting/render/markdown.js';
import type { AnnualReport, ReportBlock } from '../annualReport.js';
import type { NarrativeBlock, TextRun } from '../narrative.js';
import { aboutThisReport, PLACEHOLDER_LABEL } from './about.js';

function runsMarkdown(runs: readonly TextRun[]): string {
  return runs
    .map((run) => {
      let text = escapeMarkdown(run.text);
      if (run.bold) text = `**${text}**`;
      if (run.italic) text = `*${text}*`;
      if (run.href) text = `[${text}](${run.href})`;
      return text;
    })
    .join('');
}

function narrativeMarkdown(block: NarrativeBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${block.level === 1 ? '###' : '####'} ${runsMarkdown(block.runs)}`;
    case 'paragraph':
      return runsMarkdown(block.runs);
    case 'quote':
      return `> ${runsMarkdown(block.runs)}`;
    case 'list':
      return block.items.map((item, index) => `${block.ordered ? `${index + 1}.` : '-'} ${runsMarkdown(item)}`).join('\n');
  }
}

function blockMarkdown(block: ReportBlock): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [escapeMarkdown(block.text)];
    case 'table':
      return [`**${escapeMarkdown(block.table.title)}**`, markdownTable(block.table), ...(block.notes?.length ? [block.notes.map(escapeMarkdown).join('  \n')] : [])];
    case 'chart':
      // The table beside each chart holds its figures; pasted Markdown carries no pictures.
      return [];
    case 'narrative':
      return block.blocks.map(narrativeMarkdown);
    case 'placeholder':
      return [`> **${PLACEHOLDER_LABEL[block.reason]}:** ${escapeMarkdown(block.text)}`];
  }
}

/**
 * The annual report as Markdown for pasting into an existing document: a heading per section in
 * order, the tables as pipe tables, the narratives as written, and the placeholders marked.
 */
export function renderReportMarkdown(report: AnnualReport): string {
  const about = aboutThisReport(report);
  const parts = [
    `# ${escapeMarkdown(report.title)}`,
    `${escapeMarkdown(report.area)} · figures as at ${formatDate(report.asAt)} · prepared ${formatDate(report.preparedOn)}`,
    '## About this report',
    ...about.paragraphs.map(escapeMarkdown),
    ...(about.missing.length > 0 ? [about.missing.map((m) => `- ${escapeMarkdown(m)}`).join('\n')] : []),
  ];
  report.sections.forEach((section, index) => {
    parts.push(`## ${index + 1}. ${escapeMarkdown(section.title)}`);
    for (const block of section.blocks) parts.push(...blockMarkdown(block));
  });
  return `${parts.join('\n\n')}\n`;
}
