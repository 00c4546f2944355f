import { fail, ok, type ActionStatus, type Result } from '@partnership-tracker/core';

/** What an owner asked to change about an action, read from a chat message or the update card. */
export interface ActionChange {
  readonly ref: string;
  readonly progress: number | null;
  readonly status: ActionStatus | null;
  readonly note: string | null;
}

/** How to write an update, quoted in every correction. */
export const UPDATE_EXAMPLE = 'update A-12 60% on track — met the ICB lead';

// Longest phrases first so that "not started" wins over a bare "started".
const statusWords: ReadonlyArray<[RegExp, ActionStatus]> = [
  [/^not[\s-]+started\b/i, 'not-started'],
  [/^on[\s-]+track\b/i, 'on-track'],
  [/^at[\s-]+risk\b/i, 'at-risk'],
  [/^off[\s-]+track\b/i, 'off-track'],
  [/^(?:complete|completed|done)\b/i, 'complete'],
  [/^withdrawn\b/i, 'withdrawn'],
];

/**
 * Reads `A-12 60% on track — met the ICB lead` (the words after `update`): a reference, then
 * any of a progress %, a status and, after a dash or colon, a note. Anything it cannot place is
 * a correction naming the part it did not understand; it never guesses.
 */
export function parseUpdateText(text: string): Result<ActionChange> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('update.missing_ref', `Which action? Write it like: ${UPDATE_EXAMPLE}`);
  const refMatch = /^([A-Za-z]{1,4})\s*-\s*(\d{1,5})(?=\s|$|[:—–])/.exec(trimmed);
  if (!refMatch) {
    const first = trimmed.split(/\s+/)[0]!;
    return fail('update.bad_ref', `"${first}" is not an action reference. References look like A-12; write: ${UPDATE_EXAMPLE}`);
  }
  const ref = `${refMatch[1]!.toUpperCase()}-${Number(refMatch[2])}`;
  let rest = trimmed.slice(refMatch[0].length);

  // The note is everything after the first dash (— – or a spaced -) or colon.
  let note: string | null = null;
  const separator = /\s*(?:[—–:]|\s-\s|\s--\s)\s*/.exec(` ${rest} `);
  if (separator) {
    const padded = ` ${rest} `;
    note = padded.slice(separator.index + separator[0].length).trim() || null;
    rest = padded.slice(0, separator.index);
    if (note === null) return fail('update.empty_note', `There is nothing after the dash. Add a note, or leave the dash out: ${UPDATE_EXAMPLE}`);
  }

  let progress: number | null = null;
  let status: ActionStatus | null = null;
  rest = rest.trim();
  while (rest.length > 0) {
    const number = /^(-?\d+(?:[.,]\d+)?)\s*(%|percent\b|per\s*cent\b)?/i.exec(rest);
    if (number) {
      const written = number[0].trim();
      if (!number[2]) {
        return fail('update.bad_progress', `"${written}" needs a % sign if it is the progress, e.g. ${written}%. Write: ${UPDATE_EXAMPLE}`);
      }
      if (progress !== null) return fail('update.two_progress', `Give one progress figure, not ${progress}% and ${written}.`);
      const value = Number(number[1]!.replace(',', '.'));
      if (!Number.isInteger(value)) return fail('update.bad_progress', `Progress is a whole number of per cent; "${written}" is not. Try ${Math.round(value)}%.`);
      if (value < 0 || value > 100) return fail('update.progress_range', `Progress must be between 0% and 100%; you wrote ${written}.`);
      progress = value;
      rest = rest.slice(number[0].length).trim();
      continue;
    }
    const word = statusWords.find(([pattern]) => pattern.test(rest));
    if (word) {
      if (status !== null) return fail('update.two_statuses', 'Give one status: not started, on track, at risk, off track, complete or withdrawn.');
      status = word[1];
      rest = rest.replace(word[0], '').trim();
      continue;
    }
    const unread = rest.length > 40 ? `${rest.slice(0, 40)}…` : rest;
    return fail(
      'update.unclear',
      `I could not read "${unread}". After the reference give a progress % and/or a status (not started, on track, at risk, off track, complete, withdrawn), then a dash and your note: ${UPDATE_EXAMPLE}`,
    );
  }
  if (progress === null && status === null && note === null) {
    return fail('update.nothing', `What changed for ${ref}? Give a progress %, a status or a note: ${UPDATE_EXAMPLE}`);
  }
  return ok({ ref, progress, status, note });
}
