export { parseAmount } from './amount.js';
export { parseLocalDate, parseTimeOfDay } from './localDate.js';
export { parseYearLabel, parseEmailList, splitList } from './lists.js';
