import { describe, expect, it } from 'vitest';
import { describeError } from './errors.js';

describe('what the bot says when the store could not save a change', () => {
  it.each([
    ['store.locked', 'another process held the data file'],
    ['store.lock_lost', 'another process changed the data file under this one'],
    ['store.write_failed', 'the disk refused the write'],
  ])('%s (%s) says nothing was changed, because nothing was', (code) => {
    expect(describeError({ code, message: 'internal detail' })).toMatch(/nothing was changed/i);
  });

  it('never says "nothing was changed" when the disk did not confirm a write that may have happened', () => {
    const text = describeError({ code: 'store.write_uncertain', message: 'internal detail' });
    expect(text).not.toMatch(/nothing was changed/i);
    expect(text).toBe('I may not have saved that: the disk did not confirm it. Please check (say "my actions") before trying again, and tell the business team if it keeps happening.');
  });
});
