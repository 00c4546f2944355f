import type { DomainError } from '@partnership-tracker/core';

/** What an unknown sender is told: who can add them, and what to give them. */
export const UNKNOWN_SENDER_TEXT =
  "Hello! I don't know you yet, so I can't show you anything. Please ask the partnership's business team to add you: " +
  'they need your name, work email and agency, and they add your Teams identity for you. Once they have, say "help" to start.';

/**
 * The one place where domain errors become what the bot says. Core's messages are already
 * written for people; this adds what the person can do next and hides internal detail.
 */
export function describeError(error: DomainError): string {
  switch (error.code) {
    case 'access.unknown_person':
      return UNKNOWN_SENDER_TEXT;
    case 'attendance.not_chair':
      return `${error.message} Nothing was recorded. If you are chairing today, ask the business team to record it or to make you deputy chair.`;
    case 'action.not_owner':
      return `${error.message} Nothing was changed. If it should be yours, ask the business team to make you its owner.`;
    case 'action.not_found':
      return `${error.message} Say "my actions" to see the references of yours.`;
    case 'action.complete_needs_100':
      return `${error.message} Nothing was changed: say "complete" on its own, or give a progress below 100% with another status.`;
    case 'action.empty_update':
    case 'action.reopen_not_allowed':
    case 'action.withdraw_not_allowed':
    case 'action.reason_needed':
      return `${error.message} Nothing was changed.`;
    case 'return.not_contact':
    case 'return.already_accepted':
    case 'return.not_asked':
      return `${error.message} Nothing was recorded.`;
    case 'attendance.meeting_not_started':
    case 'attendance.meeting_cancelled':
    case 'meeting.not_found':
      return `${error.message} Nothing was recorded.`;
    case 'store.closed':
      return 'The bot is restarting, so nothing was changed. Please try again in a minute.';
    case 'store.conflict':
    case 'store.locked':
    case 'store.lock_lost':
      return 'Someone else was saving a change at the same moment, so nothing was changed. Please try again.';
    case 'store.write_uncertain':
      return "I may not have saved that: the disk did not confirm it. Please check (say \"my actions\") before trying again, and tell the business team if it keeps happening.";
    default:
      if (error.code.startsWith('command.') || error.code.startsWith('store.')) {
        return `Sorry, I couldn't save that (${error.code}). Nothing was changed; please tell the business team.`;
      }
      return error.message;
  }
}

/** What the bot says when something it did not expect went wrong: nothing internal leaks. */
export const UNEXPECTED_ERROR_TEXT = 'Sorry, something went wrong on my side and nothing was changed. Please try again, and tell the business team if it keeps happening.';
