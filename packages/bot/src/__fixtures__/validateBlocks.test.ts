import { describe, expect, it } from 'vitest';
import { blockKitErrors } from './validateBlocks.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('the Block Kit subset schema', () => {
  it('accepts what the bot sends', () => {
    expect(blockKitErrors('message', [{ type: 'header', text: { type: 'plain_text', text: 'Hi', emoji: false } }, section('*A-1*'), { type: 'divider' }])).toEqual([]);
  });

  it.each([
    ['51 blocks', Array.from({ length: 51 }, () => section('x'))],
    ['a section of 3,001 characters', [section('x'.repeat(3001))]],
    ['a header of 151 characters', [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }]],
    ['a misspelt property', [{ type: 'section', txt: { type: 'mrkdwn', text: 'x' } }]],
    ['an input in a message', [{ type: 'input', label: { type: 'plain_text', text: 'x' }, element: { type: 'plain_text_input', action_id: 'v' } }]],
    ['a button with 76 characters', [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'x'.repeat(76) }, action_id: 'a', value: 'v' }] }]],
  ])('refuses a message with %s, as Slack would', (_what, blocks) => {
    expect(blockKitErrors('message', blocks)).not.toEqual([]);
  });

  it('refuses a select of 101 options and a modal of 101 blocks', () => {
    const option = (i: number) => ({ text: { type: 'plain_text', text: `P${i}` }, value: `p${i}` });
    const select = { type: 'input', label: { type: 'plain_text', text: 'x' }, element: { type: 'static_select', action_id: 'v', options: Array.from({ length: 101 }, (_, i) => option(i)) } };
    expect(blockKitErrors('modal', { type: 'modal', title: { type: 'plain_text', text: 'R' }, blocks: [select] })).not.toEqual([]);
    expect(blockKitErrors('modal', { type: 'modal', title: { type: 'plain_text', text: 'R' }, blocks: Array.from({ length: 101 }, () => section('x')) })).not.toEqual([]);
  });
});
