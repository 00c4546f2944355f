// The data a form sends back, whatever the channel drew it as (an Adaptive Card's inputs, a Slack
// modal's blocks): the verb naming the button and the names of the fields. The conversation reads
// submissions by these names only.

/** The verb of the update form's Save button. */
export const UPDATE_ACTION_VERB = 'action.update';

/** The verb of the register's Record button. */
export const RECORD_ATTENDANCE_VERB = 'attendance.record';

/** The field names of an action's update form; suffixed with the reference so several forms fit on one card. */
export function updateInputIds(ref: string): { progress: string; status: string; note: string } {
  return { progress: `${ref}.progress`, status: `${ref}.status`, note: `${ref}.note` };
}

/** The choice that leaves a person off the register (not expected at this meeting). */
export const NOT_ON_REGISTER = 'none';

/** The field names of the register form. */
export const registerInputIds = {
  status: (personId: string) => `status:${personId}`,
  deputy: (personId: string) => `deputy:${personId}`,
  /** A "who deputised / for whom" pair, for a form that cannot put a deputy field beside every person. */
  deputyPair: (index: number) => ({ who: `deputyPair:${index}:who`, forId: `deputyPair:${index}:for` }),
  guests: 'guests',
} as const;
