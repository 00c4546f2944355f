// The public surface of @partnership-tracker/bot.
export type { Reply } from './app/reply.js';
export type { ProactiveSender, ProactiveTarget, SendOutcome } from './app/proactive.js';
export { Conversation, type ConversationOptions, type CardActionOutcome } from './app/conversation.js';
export { findSender, type ChatIdentity } from './app/identity.js';
export { describeError, UNKNOWN_SENDER_TEXT } from './app/errors.js';
export type { View, ReportDetail } from './app/views.js';
export { teamsMessageOf } from './teams/cards/teamsMessage.js';
export { BotConfig, loadBotConfig, isLoopback, ENVIRONMENT, type BotFlags } from './config.js';
export { startBotServer, type BotServer, type BotServerOptions, type SchedulerHandle } from './server/server.js';
export { TeamsProactiveSender, outcomeOfError } from './teams/proactiveSender.js';
export { createScheduler, type Scheduler, type SchedulerOptions, type TickReport, type Timers } from './scheduler/index.js';
