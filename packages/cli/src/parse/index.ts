export { parseAmount } from './amount.js';
// Dates are read the same way by the bot, so the rule lives in core.
export { parseLocalDate } from '@partnership-tracker/core';
export { parseTimeOfDay } from './localDate.js';
export { parseYearLabel, parseEmailList, splitList } from './lists.js';
