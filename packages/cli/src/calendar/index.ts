export { buildCalendar, expectedAt, type CalendarSelection } from './buildCalendar.js';
