// The ids Slack sends back when someone presses a button or submits a modal. They are the
// contract between the blocks we draw and the handlers in slackApp.ts; values carry data only
// (an action reference, a meeting id), never anything the handler trusts for identity.

/** The Update button on an action: opens the update modal. Value: the action reference. */
export const UPDATE_BUTTON = 'ptrack.action.update';

/** The Snooze button on an action: no reminders for two weeks. Value: the action reference. */
export const SNOOZE_BUTTON = 'ptrack.action.snooze';

/** How long the Snooze button pauses an action's reminders, in the command language. */
export const SNOOZE_BUTTON_SPAN = '2 weeks';

/** The Record attendance button on a chair's meeting: opens the register modal. Value: the meeting id. */
export const REGISTER_BUTTON = 'ptrack.register.open';

/** The callback id of the update modal; its private_metadata is `{"ref": …}`. */
export const UPDATE_MODAL = 'ptrack.update';

/** The callback id of the register modal; its private_metadata is `{"meetingId": …}`. */
export const REGISTER_MODAL = 'ptrack.register';

/** The action id of every input in our modals: blocks are told apart by their block_id. */
export const INPUT_ACTION = 'value';
