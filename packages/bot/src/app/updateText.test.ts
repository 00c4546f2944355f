import { describe, expect, it } from 'vitest';
import { parseUpdateText } from './updateText.js';

describe('parseUpdateText', () => {
  it.each([
    ['A-12 60% on track — met the ICB lead', { ref: 'A-12', progress: 60, status: 'on-track', note: 'met the ICB lead' }],
    ['a-12 60%', { ref: 'A-12', progress: 60, status: null, note: null }],
    ['A-12 at risk', { ref: 'A-12', progress: null, status: 'at-risk', note: null }],
    ['A-12: waiting for the audit', { ref: 'A-12', progress: null, status: null, note: 'waiting for the audit' }],
    ['A-12 — waiting: for the audit', { ref: 'A-12', progress: null, status: null, note: 'waiting: for the audit' }],
    ['A-12 off track 30 % - budget cut', { ref: 'A-12', progress: 30, status: 'off-track', note: 'budget cut' }],
    ['A-12 done', { ref: 'A-12', progress: null, status: 'complete', note: null }],
    ['A-12 100 percent', { ref: 'A-12', progress: 100, status: null, note: null }],
    ['A-12 0% not started', { ref: 'A-12', progress: 0, status: 'not-started', note: null }],
    ['A-12 on-track–slipping a little', { ref: 'A-12', progress: null, status: 'on-track', note: 'slipping a little' }],
  ])('reads "%s"', (text, expected) => {
    expect(parseUpdateText(text)).toEqual({ success: true, data: expected });
  });

  it.each([
    ['', 'update.missing_ref'],
    ['twelve 60%', 'update.bad_ref'],
    ['A-12 120%', 'update.progress_range'],
    ['A-12 -5%', 'update.progress_range'],
    ['A-12 60.5%', 'update.bad_progress'],
    ['A-12 60', 'update.bad_progress'],
    ['A-12 60% 70%', 'update.two_progress'],
    ['A-12 on track at risk', 'update.two_statuses'],
    ['A-12 sixty percent', 'update.unclear'],
    ['A-12 60% on track met the ICB lead', 'update.unclear'],
    ['A-12', 'update.nothing'],
    ['A-12 60% —', 'update.empty_note'],
  ])('corrects "%s" with %s', (text, code) => {
    const result = parseUpdateText(text);
    expect(result.success ? 'parsed' : result.error.code).toBe(code);
  });

  it('names the part it could not read and shows the form to use', () => {
    const result = parseUpdateText('A-12 sixty percent');
    expect(result.success ? '' : result.error.message).toMatchInlineSnapshot(
      `"I could not read "sixty percent". After the reference give a progress % and/or a status (not started, on track, at risk, off track, complete, withdrawn), then a dash and your note: update A-12 60% on track — met the ICB lead"`,
    );
  });

  it('says what range progress must be in', () => {
    const result = parseUpdateText('A-12 120%');
    expect(result.success ? '' : result.error.message).toMatchInlineSnapshot(`"Progress must be between 0% and 100%; you wrote 120%."`);
  });
});
