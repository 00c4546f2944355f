// The scheduler's public surface: the server creates one, starts it, and stops it on shutdown.
export {
  createScheduler,
  SCHEDULER_ACTOR,
  DEFAULT_PACING,
  DEFAULT_DELIVERY,
  type Scheduler,
  type SchedulerOptions,
  type TickReport,
  type SkipReason,
  type Pacing,
  type DeliveryPolicy,
  type Timers,
} from './scheduler.js';
export { composeReply, type ComposeReply } from './composeReply.js';
