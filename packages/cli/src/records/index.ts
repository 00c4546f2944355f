export { recordAttendance, type RegisterRequest } from './recordAttendance.js';
export { updateAction, type ActionUpdateRequest } from './updateAction.js';
export { actorFor, CLI_ACTOR } from './actor.js';
