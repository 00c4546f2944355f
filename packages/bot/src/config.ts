import { z } from 'zod';
import { fail, ok, type Result } from '@partnership-tracker/core';
import { DEFAULT_PACING } from './scheduler/index.js';

/** Addresses that only this machine can reach: local mode may listen on nothing else. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** Slack's Web API, where the bot's calls go unless PTRACK_SLACK_API_URL says otherwise. */
export const SLACK_API_URL = 'https://slack.com/api/';

/** The Slack app's settings: present when the bot answers in Slack (alone or beside Teams). */
export const SlackConfig = z.object({
  /** The app's signing secret: every request to /slack/events must carry its v0 signature. */
  signingSecret: z.string().min(1),
  /** The bot user's OAuth token (`xoxb-…`), for the Web API. */
  botToken: z.string().regex(/^xoxb-/, 'must be a bot token, starting xoxb-'),
  /** Workspaces (team ids) whose requests are handled; anything else is refused before any handler. */
  allowedTeamIds: z.array(z.string().regex(/^[TE][A-Z0-9-]+$/, 'must be Slack workspace ids such as T0123ABCD')).min(1, 'Slack needs at least one allowed workspace'),
  /** The Web API's base address, ending in `/api/`; tests and proxies point it elsewhere. */
  apiUrl: z.url(),
});
export type SlackConfig = z.infer<typeof SlackConfig>;

/** Reminders a second when PTRACK_REMINDER_RATE is not set: the scheduler's own default, well inside Teams' and Slack's limits. */
export const DEFAULT_REMINDER_RATE = DEFAULT_PACING.perSecond;

/** The highest PTRACK_REMINDER_RATE accepted. */
const MAX_REMINDER_RATE = 100;

/** The bot server's settings, after validation. */
export const BotConfig = z
  .object({
    /**
     * `local`: no Teams credentials, loopback only, for development and tests. `teams`: Bot
     * Framework auth on. `slack`: Slack alone, with no Teams endpoint at all.
     */
    mode: z.enum(['local', 'teams', 'slack']),
    appId: z.string().min(1).nullable(),
    appPassword: z.string().min(1).nullable(),
    /** The Microsoft Entra tenant the (single-tenant) bot is registered in. */
    tenantId: z.string().min(1).nullable(),
    /** Tenants whose activities are handled; anything else is refused with 403 before any handler. */
    allowedTenantIds: z.array(z.string().min(1)),
    host: z.string().min(1),
    port: z.number().int().min(0).max(65535),
    /** A data file, or a postgres:// URL of a database of partnerships. */
    dataFile: z.string().min(1).nullable(),
    /** Which partnership of the database (null: its only one). */
    partnership: z.string().min(1).nullable(),
    /** The address people's browsers use for links (the HTML digest); defaults to http://host:port. */
    publicUrl: z.url().nullable(),
    /** Slack, when configured; `--local` relaxes none of its checks. */
    slack: SlackConfig.nullable(),
    /**
     * The scheduler's pace: at most this many reminders and digests a second, across all
     * conversations. The upper bound only catches a slip of the keyboard: Slack and Teams throttle
     * well below it, and the scheduler waits out their 429s either way.
     */
    reminderRate: z
      .number({ error: 'must be a number of messages a second, such as 4' })
      .positive('must be above 0 messages a second')
      .max(MAX_REMINDER_RATE, `must be at most ${MAX_REMINDER_RATE} messages a second`),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'local' && !isLoopback(c.host)) {
      ctx.addIssue({ code: 'custom', path: ['host'], message: `local mode has no authentication, so it listens on loopback only; ${c.host} is not a loopback address` });
    }
    if (c.mode === 'teams' && (c.appId === null || c.appPassword === null || c.tenantId === null)) {
      ctx.addIssue({ code: 'custom', path: ['appId'], message: 'Teams mode needs the app id, its secret and the tenant id' });
    }
    if (c.mode === 'teams' && c.allowedTenantIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['allowedTenantIds'], message: 'Teams mode needs at least one allowed tenant' });
    }
  });
export type BotConfig = z.infer<typeof BotConfig>;

/** The environment variables the bot reads, documented in docs/bot.md. */
export const ENVIRONMENT = {
  appId: 'PTRACK_BOT_APP_ID',
  appPassword: 'PTRACK_BOT_APP_PASSWORD',
  tenantId: 'PTRACK_BOT_TENANT_ID',
  allowedTenantIds: 'PTRACK_BOT_ALLOWED_TENANTS',
  host: 'PTRACK_BOT_HOST',
  port: 'PTRACK_BOT_PORT',
  dataFile: 'PTRACK_DATA',
  partnership: 'PTRACK_PARTNERSHIP',
  publicUrl: 'PTRACK_BOT_PUBLIC_URL',
  slackSigningSecret: 'PTRACK_SLACK_SIGNING_SECRET',
  slackBotToken: 'PTRACK_SLACK_BOT_TOKEN',
  slackAllowedTeams: 'PTRACK_SLACK_ALLOWED_TEAMS',
  slackApiUrl: 'PTRACK_SLACK_API_URL',
  reminderRate: 'PTRACK_REMINDER_RATE',
} as const;

/** Where each Slack setting comes from, for messages. */
const SLACK_ENVIRONMENT: Record<keyof SlackConfig, string> = {
  signingSecret: ENVIRONMENT.slackSigningSecret,
  botToken: ENVIRONMENT.slackBotToken,
  allowedTeamIds: ENVIRONMENT.slackAllowedTeams,
  apiUrl: ENVIRONMENT.slackApiUrl,
};

/** Reads the Slack settings: null when none is set; all that Slack needs, or a message naming what is missing. */
function loadSlackConfig(read: (name: string) => string | null): Result<SlackConfig | null> {
  const signingSecret = read(ENVIRONMENT.slackSigningSecret);
  const botToken = read(ENVIRONMENT.slackBotToken);
  const teams = read(ENVIRONMENT.slackAllowedTeams);
  if (read(SOCKET_MODE_TOKEN) !== null) {
    // Accepting it would promise Socket Mode and quietly serve HTTP only: say so instead.
    return fail(
      'config.no_socket_mode',
      `${SOCKET_MODE_TOKEN} is not read: the bot does not use Slack's Socket Mode. Slack reaches it over HTTPS at /slack/events (docs/slack.md says why); unset it.`,
    );
  }
  if (signingSecret === null && botToken === null && teams === null) return ok(null);
  if (signingSecret === null || botToken === null) {
    return fail('config.partial_slack', `Slack needs both ${ENVIRONMENT.slackSigningSecret} and ${ENVIRONMENT.slackBotToken} (from the app's Basic Information and OAuth pages); see docs/slack.md.`);
  }
  let apiUrl = read(ENVIRONMENT.slackApiUrl) ?? SLACK_API_URL;
  // The Web API client joins method names onto the base, so it must end with a slash.
  if (!apiUrl.endsWith('/')) apiUrl = `${apiUrl}/`;
  const parsed = SlackConfig.safeParse({
    signingSecret,
    botToken,
    allowedTeamIds: teams ? teams.split(',').map((t) => t.trim()).filter(Boolean) : [],
    apiUrl,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('config.invalid', `${SLACK_ENVIRONMENT[issue.path[0] as keyof SlackConfig]}: ${issue.message}`);
  }
  return ok(parsed.data);
}

/**
 * Slack's app-level token, for Socket Mode. Earlier versions checked it but never connected; the
 * bot answers Slack over HTTPS only (docs/slack.md).
 */
const SOCKET_MODE_TOKEN = 'PTRACK_SLACK_APP_TOKEN';

/** A variable earlier versions read but never used; the partnership's data holds its time zone. */
const RETIRED_TIME_ZONE = 'PTRACK_TIME_ZONE';

/** A rate as written (`4`, `0.5`); anything else is NaN, which the schema refuses with the variable's name. */
function parseRate(text: string | null): number {
  if (text === null) return DEFAULT_REMINDER_RATE;
  return /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/** Command-line flags, which win over the environment. */
export interface BotFlags {
  readonly local?: boolean;
  readonly data?: string;
  readonly partnership?: string;
  readonly port?: string;
  readonly host?: string;
}

/**
 * Reads and checks the settings from environment variables and flags. Without credentials the
 * bot starts only with `--local`, and then only on a loopback address; errors name the
 * variable or flag to fix.
 */
export function loadBotConfig(env: Readonly<Record<string, string | undefined>>, flags: BotFlags = {}): Result<BotConfig> {
  const read = (name: string): string | null => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  const appId = read(ENVIRONMENT.appId);
  const appPassword = read(ENVIRONMENT.appPassword);
  const tenantId = read(ENVIRONMENT.tenantId);
  const hasCredentials = appId !== null || appPassword !== null;
  const slack = loadSlackConfig(read);
  if (!slack.success) return slack;
  if (hasCredentials && (appId === null || appPassword === null)) {
    return fail('config.partial_credentials', `Set both ${ENVIRONMENT.appId} and ${ENVIRONMENT.appPassword}, or neither (with --local).`);
  }
  if (flags.local && hasCredentials) {
    return fail('config.local_with_credentials', `--local runs without authentication, but ${ENVIRONMENT.appId} is set. Unset it for local mode, or drop --local.`);
  }
  if (!flags.local && !hasCredentials && slack.data === null) {
    return fail(
      'config.no_credentials',
      `No Bot Framework credentials: set ${ENVIRONMENT.appId}, ${ENVIRONMENT.appPassword} and ${ENVIRONMENT.tenantId} (or the Slack settings in docs/slack.md), or pass --local for a development server on this machine only.`,
    );
  }
  if (hasCredentials && tenantId === null) {
    return fail('config.no_tenant', `Set ${ENVIRONMENT.tenantId} to the Microsoft Entra tenant the bot is registered in (single-tenant).`);
  }
  if (read(RETIRED_TIME_ZONE) !== null) {
    // Setting it once changed nothing, silently: say so rather than let someone rely on it.
    return fail('config.time_zone_not_read', `${RETIRED_TIME_ZONE} is not read: the bot follows the partnership's own time zone, partnership.timeZone in the data file. Unset it.`);
  }
  const mode = flags.local ? 'local' : hasCredentials ? 'teams' : 'slack';
  const portText = flags.port ?? read(ENVIRONMENT.port) ?? '3978';
  const port = /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    return fail('config.bad_port', `${flags.port !== undefined ? '--port' : ENVIRONMENT.port} must be a port number from 0 to 65535, not "${portText}".`);
  }
  const allowed = read(ENVIRONMENT.allowedTenantIds);
  const candidate = {
    mode,
    appId,
    appPassword,
    tenantId,
    allowedTenantIds: allowed ? allowed.split(',').map((t) => t.trim()).filter(Boolean) : tenantId ? [tenantId] : [],
    host: flags.host ?? read(ENVIRONMENT.host) ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0'),
    port,
    dataFile: flags.data ?? read(ENVIRONMENT.dataFile),
    partnership: flags.partnership ?? read(ENVIRONMENT.partnership),
    publicUrl: read(ENVIRONMENT.publicUrl),
    slack: slack.data,
    reminderRate: parseRate(read(ENVIRONMENT.reminderRate)),
  };
  const parsed = BotConfig.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const where = key === 'host' && flags.host !== undefined ? '--host' : (ENVIRONMENT as Record<string, string>)[key] ?? key;
    return fail('config.invalid', `${where}: ${issue.message}`, { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  return ok(parsed.data);
}
