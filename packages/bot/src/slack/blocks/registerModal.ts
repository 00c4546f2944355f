import type { AttendanceStatus, Person } from '@partnership-tracker/core';
import { NOT_ON_REGISTER, registerInputIds } from '../../app/forms.js';
import type { RegisterRow } from '../../app/register.js';
import type { RegisterView } from '../../app/views.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { clip, context, plainText, section, SLACK_LIMITS, type Block } from './elements.js';
import { INPUT_ACTION, REGISTER_MODAL } from './interactive.js';

/**
 * How the register modal is laid out, fullest first. Slack allows 100 blocks in a modal and 100
 * options in a select (in up to 100 groups of 100):
 * - `perPerson`: a status select for each person, under a line naming their agency;
 * - `byStatus`: for a group too large for that, one multi-select each for present, apologies and
 *   absent, listing everyone grouped by agency.
 * Both end with "who deputised / for whom" pairs (the recorded ones and two blank) and the guests.
 */
export type RegisterModalLayout = 'perPerson' | 'byStatus';

/** The block ids of the `byStatus` layout's lists, by the status they record. */
export const BY_STATUS_BLOCKS: Readonly<Record<AttendanceStatus, string>> = { present: 'byStatus:present', apologies: 'byStatus:apologies', absent: 'byStatus:absent' };

const STATUS_LABELS: ReadonlyArray<[AttendanceStatus, string]> = [
  ['present', 'Present'],
  ['apologies', 'Apologies'],
  ['absent', 'Absent'],
];

/** Blank deputy pairs offered beside the recorded ones. */
const BLANK_DEPUTY_PAIRS = 2;

type Option = { text: { type: 'plain_text'; text: string; emoji: false }; value: string };
const option = (value: string, label: string): Option => ({ text: plainText(label, SLACK_LIMITS.optionText) as Option['text'], value });

/** People as option groups by agency, each at most 100 options (a larger agency is split), at most 100 groups. */
function optionGroups(groups: ReadonlyArray<{ label: string; people: readonly Person[] }>): Array<{ label: Option['text']; options: Option[] }> {
  const result: Array<{ label: Option['text']; options: Option[] }> = [];
  for (const group of groups) {
    for (let from = 0; from < group.people.length; from += SLACK_LIMITS.selectOptions) {
      const part = group.people.slice(from, from + SLACK_LIMITS.selectOptions);
      const label = group.people.length > SLACK_LIMITS.selectOptions ? `${group.label} (${from / SLACK_LIMITS.selectOptions + 1})` : group.label;
      result.push({ label: plainText(label, SLACK_LIMITS.optionText) as Option['text'], options: part.map((p) => option(p.id, p.name)) });
    }
  }
  return result.slice(0, SLACK_LIMITS.selectOptions);
}

/** The blocks of the chosen layout; the caller checks they fit. */
function registerBlocks(view: RegisterView, layout: RegisterModalLayout): Block[] {
  const rows: RegisterRow[] = view.groups.flatMap((g) => g.rows);
  const blocks: Block[] = [
    section(`*${escapeMrkdwn(view.subgroup.name)}*, ${escapeMrkdwn(view.meeting.title ?? 'Meeting')}, ${escapeMrkdwn(view.when)}`),
    context('Mark each person; leave out people who were not expected. A deputy counts for the agency of the person they stand in for.'),
  ];
  if (layout === 'perPerson') {
    const statusOptions = [...STATUS_LABELS.map(([value, label]) => option(value, label)), option(NOT_ON_REGISTER, 'Not expected')];
    for (const group of view.groups) {
      blocks.push(context(`*${escapeMrkdwn(group.agency?.name ?? 'Others already recorded')}*`));
      for (const row of group.rows) {
        const initial = statusOptions.find((o) => o.value === row.status);
        blocks.push({
          type: 'input',
          block_id: registerInputIds.status(row.person.id),
          optional: true,
          label: plainText(row.person.name, SLACK_LIMITS.inputLabel),
          element: { type: 'static_select', action_id: INPUT_ACTION, placeholder: plainText('Not expected', 150), options: statusOptions, ...(initial ? { initial_option: initial } : {}) },
        });
      }
    }
  } else {
    const everyone = optionGroups(view.groups.map((g) => ({ label: g.agency?.name ?? 'Others already recorded', people: g.rows.map((r) => r.person) })));
    for (const [status, label] of STATUS_LABELS) {
      const chosen = rows.filter((r) => r.status === status).map((r) => option(r.person.id, r.person.name));
      blocks.push({
        type: 'input',
        block_id: BY_STATUS_BLOCKS[status],
        optional: true,
        label: plainText(label, SLACK_LIMITS.inputLabel),
        element: { type: 'multi_static_select', action_id: INPUT_ACTION, placeholder: plainText('Type a name', 150), option_groups: everyone, ...(chosen.length > 0 ? { initial_options: chosen } : {}) },
      });
    }
  }
  const onRegister = optionGroups(view.groups.map((g) => ({ label: g.agency?.name ?? 'Others already recorded', people: g.rows.map((r) => r.person) })));
  const candidates = optionGroups(view.deputyCandidates.map((g) => ({ label: g.agency?.name ?? 'No agency', people: g.people })));
  const recorded = rows.filter((r) => r.deputisingForId !== null);
  const pairs = recorded.length + BLANK_DEPUTY_PAIRS;
  const nameOf = (id: string) => rows.find((r) => r.person.id === id)?.person.name ?? view.deputyCandidates.flatMap((g) => g.people).find((p) => p.id === id)?.name ?? id;
  for (let index = 0; index < pairs; index++) {
    const ids = registerInputIds.deputyPair(index);
    const pair = recorded[index];
    const select = (blockId: string, label: string, groups: typeof onRegister, initial: string | null) => ({
      type: 'input',
      block_id: blockId,
      optional: true,
      label: plainText(label, SLACK_LIMITS.inputLabel),
      element: { type: 'static_select', action_id: INPUT_ACTION, placeholder: plainText('Type a name', 150), option_groups: groups, ...(initial ? { initial_option: option(initial, nameOf(initial)) } : {}) },
    });
    blocks.push(select(ids.who, `Deputy ${index + 1}: who deputised`, onRegister, pair?.person.id ?? null), select(ids.forId, `Deputy ${index + 1}: deputising for`, candidates, pair?.deputisingForId ?? null));
  }
  blocks.push({
    type: 'input',
    block_id: registerInputIds.guests,
    optional: true,
    label: plainText('Guests (one name a line)', SLACK_LIMITS.inputLabel),
    element: { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: true, max_length: 3000, ...(view.guests.length > 0 ? { initial_value: clip(view.guests.join('\n'), 3000) } : {}) },
  });
  return blocks;
}

/** The register modal for a meeting at the fullest layout that fits in Slack's 100 blocks; undefined if none does. */
export function createRegisterModal(view: RegisterView): { modal: Record<string, unknown>; layout: RegisterModalLayout } | undefined {
  for (const layout of ['perPerson', 'byStatus'] as const) {
    const blocks = registerBlocks(view, layout);
    if (blocks.length > SLACK_LIMITS.surfaceBlocks) continue;
    return {
      layout,
      modal: {
        type: 'modal',
        callback_id: REGISTER_MODAL,
        private_metadata: JSON.stringify({ meetingId: view.meeting.id }),
        title: plainText(`Register: ${view.subgroup.shortName}`, SLACK_LIMITS.modalTitle),
        submit: plainText('Record', SLACK_LIMITS.modalButton),
        close: plainText('Cancel', SLACK_LIMITS.modalButton),
        blocks,
      },
    };
  }
  return undefined;
}

/** A submitted register modal's values as the register form's fields (forms.ts), whichever layout it had; or the fault. */
export function registerDataOf(values: Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_options?: Array<{ value: string }> }>>): { data: Record<string, unknown> } | { error: string; block: string } {
  const data: Record<string, unknown> = {};
  const marked = new Map<string, AttendanceStatus>();
  for (const [blockId, inputs] of Object.entries(values)) {
    const input = inputs[INPUT_ACTION];
    if (!input) continue;
    const status = (Object.entries(BY_STATUS_BLOCKS) as Array<[AttendanceStatus, string]>).find(([, id]) => id === blockId)?.[0];
    if (status) {
      for (const chosen of input.selected_options ?? []) {
        const before = marked.get(chosen.value);
        if (before && before !== status) return { error: `Someone is marked both ${before} and ${status}: choose one. Nothing was recorded.`, block: blockId };
        marked.set(chosen.value, status);
        data[registerInputIds.status(chosen.value)] = status;
      }
      continue;
    }
    data[blockId] = input.selected_option?.value ?? input.value ?? null;
  }
  return { data };
}
