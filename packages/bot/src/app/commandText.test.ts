import { describe, expect, it } from 'vitest';
import { parseCommandText } from './commandText.js';

describe('parseCommandText', () => {
  it.each([
    ['help', { kind: 'help' }],
    ['  HELP. ', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['my actions', { kind: 'myActions' }],
    ['My Actions', { kind: 'myActions' }],
    ['/my actions', { kind: 'myActions' }],
    ['<p>my&nbsp;actions</p>', { kind: 'myActions' }],
    ['update A-12 60% on track — met the ICB lead', { kind: 'update', rest: 'A-12 60% on track — met the ICB lead' }],
    ['attendance', { kind: 'attendance', subgroup: null }],
    ['attendance QAG', { kind: 'attendance', subgroup: 'QAG' }],
    ['digest', { kind: 'digest', period: null }],
    ['digest 2024/25 Q4', { kind: 'digest', period: '2024/25 Q4' }],
    ['engagement Review Group 2024/25', { kind: 'engagement', rest: 'Review Group 2024/25' }],
    ['funding 2024/25', { kind: 'funding', year: '2024/25' }],
    ['funding', { kind: 'funding', year: null }],
    ['report 2024/25', { kind: 'report', rest: '2024/25' }],
    ['Annual report 2024/25.', { kind: 'report', rest: '2024/25' }],
    ['annual leave', { kind: 'unknown', text: 'annual leave' }],
    ['my returns', { kind: 'myReturns' }],
    ['submit return q4 https://share.example/a.xlsx', { kind: 'submitReturn', rest: 'q4 https://share.example/a.xlsx' }],
    ['submitted https://share.example/a.xlsx', { kind: 'submitReturn', rest: 'https://share.example/a.xlsx' }],
    // Slack writes a link <url|label>, with & as &amp;; Teams as an HTML anchor.
    ['submit return q4 <https://share.example/a.xlsx?v=2&amp;web=1|our return>', { kind: 'submitReturn', rest: 'q4 https://share.example/a.xlsx?v=2&web=1' }],
    ['<p>submit return q4 <a href="https://share.example/a.xlsx">https://share.example/a.xlsx</a></p>', { kind: 'submitReturn', rest: 'q4 https://share.example/a.xlsx' }],
    ['post digests here', { kind: 'postDigests', subgroup: null }],
    ['Post the digest here.', { kind: 'postDigests', subgroup: null }],
    ['post digests here for QAG', { kind: 'postDigests', subgroup: 'QAG' }],
    ["post the Executive's digests here", { kind: 'postDigests', subgroup: 'Executive' }],
    ['post Review Group digests in this channel', { kind: 'postDigests', subgroup: 'Review Group' }],
    ['post a letter', { kind: 'unknown', text: 'post a letter' }],
    ['stop', { kind: 'stopDigests' }],
    ['stop posting digests here', { kind: 'stopDigests' }],
    ['Stop digests', { kind: 'stopDigests' }],
    ['stop reminders for A-12', { kind: 'unknown', text: 'stop reminders for A-12' }],
    ['my lunch', { kind: 'unknown', text: 'my lunch' }],
    ['what is this', { kind: 'unknown', text: 'what is this' }],
  ])('reads "%s"', (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });
});
