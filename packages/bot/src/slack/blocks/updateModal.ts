import type { Action } from '@partnership-tracker/core';
import { dueText, formatStatus, statusChoices } from '../../app/format.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { plainText, section, SLACK_LIMITS, type Block } from './elements.js';
import { INPUT_ACTION, UPDATE_MODAL } from './interactive.js';

/** The block ids of the update modal's inputs; a correction names one of these to show beside it. */
export const UPDATE_BLOCKS = { progress: 'progress', status: 'status', note: 'note' } as const;

const option = (value: string, label: string) => ({ text: plainText(label, SLACK_LIMITS.optionText), value });

/**
 * The modal that updates one action: progress (a whole number from 0 to 100), status and a note
 * for its history, pre-filled with where it is now.
 */
export function createUpdateModal(action: Action, today: string): Record<string, unknown> {
  const status = statusChoices.map((s) => option(s.value, s.label));
  const blocks: Block[] = [
    section(`*${escapeMrkdwn(action.ref)}* ${escapeMrkdwn(action.title)}\nDue ${dueText(action.due, today)} · now ${formatStatus(action.status)}, ${action.progress}%`),
    {
      type: 'input',
      block_id: UPDATE_BLOCKS.progress,
      label: plainText('Progress (%)', SLACK_LIMITS.inputLabel),
      element: { type: 'number_input', action_id: INPUT_ACTION, is_decimal_allowed: false, min_value: '0', max_value: '100', initial_value: String(action.progress) },
    },
    {
      type: 'input',
      block_id: UPDATE_BLOCKS.status,
      label: plainText('Status', SLACK_LIMITS.inputLabel),
      element: { type: 'static_select', action_id: INPUT_ACTION, options: status, initial_option: status.find((o) => o.value === action.status) },
    },
    {
      type: 'input',
      block_id: UPDATE_BLOCKS.note,
      optional: true,
      label: plainText('What happened (goes in the action history)', SLACK_LIMITS.inputLabel),
      element: { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: true, max_length: 1000 },
    },
  ];
  return {
    type: 'modal',
    callback_id: UPDATE_MODAL,
    private_metadata: JSON.stringify({ ref: action.ref }),
    title: plainText(`Update ${action.ref}`, SLACK_LIMITS.modalTitle),
    submit: plainText('Save', SLACK_LIMITS.modalButton),
    close: plainText('Cancel', SLACK_LIMITS.modalButton),
    blocks,
  };
}
