export { recordAttendance, type RegisterRequest } from './recordAttendance.js';
export { updateAction, type ActionUpdateRequest } from './updateAction.js';
export { actorFor, CLI_ACTOR } from './actor.js';
export { snoozeAction, type SnoozeRequest } from './snoozeAction.js';
export { changeEmail, movePerson, personLeaves, personByEmail, type MoveRequest, type LeaveRequest } from './people.js';
export { withdrawAction, type WithdrawRequest } from './withdrawAction.js';
