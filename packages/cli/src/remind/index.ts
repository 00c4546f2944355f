export { remindersOn } from './remindersOn.js';
export { describeReminders } from './describeReminders.js';
