export { remindersOn, ESCALATION_DAYS, type Reminder, type ReminderOccasion } from './reminderRules.js';
export { describeReminders } from './describeReminders.js';
