export { recordAttendance, type RegisterRequest } from './recordAttendance.js';
export { updateAction, type ActionUpdateRequest } from './updateAction.js';
export { actorFor, CLI_ACTOR } from './actor.js';
export { snoozeAction, type SnoozeRequest } from './snoozeAction.js';
export { changeEmail, erasePerson, movePerson, personLeaves, personByEmail, type MoveRequest, type LeaveRequest } from './people.js';
export { correctMembership, endMembership, removeIncome, removeMeeting, removeSpending, type FundingLineRequest, type MembershipRequest } from './removals.js';
export { withdrawAction, type WithdrawRequest } from './withdrawAction.js';
export { carryOver, planNamed, type CarryOverRequest } from './carryOver.js';
export { chaseReturn, snoozeReturn, type ReturnAgencyRequest } from './returns.js';
