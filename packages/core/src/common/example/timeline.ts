import { zonedTimeToInstant } from '../base/dates.js';
import type { CommandInput } from '../store/commands.js';

/** The partnership's time zone: every wall-clock time in the example is London time. */
export const TIME_ZONE = 'Europe/London';

/**
 * One batch of the example's history: the commands the business team (or a chair) would have
 * sent at that moment. The example is replayed batch by batch in time order.
 */
export interface Step {
  readonly at: string;
  readonly commands: readonly CommandInput[];
}

/** The UTC instant (ISO 8601) at which London clocks show `date` and `time`; mind BST. */
export function londonTime(date: string, time: string): string {
  return zonedTimeToInstant(date, time, TIME_ZONE).toISOString();
}

/**
 * A stable number in [0, 1) for a text: the "random" variation of generated registers, which
 * must come out the same on every build.
 */
export function stableFraction(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}
