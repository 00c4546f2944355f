import { SLACK_EVENTS_PATH, SLASH_COMMAND } from './slackApp.js';

/** The bot events the app subscribes to, each with the scope Slack requires for it. */
export const SLACK_BOT_EVENTS = {
  app_home_opened: null,
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
} as const;

/** The Web API methods the code calls, each with the bot scopes it needs (none for auth.test and views.*). */
export const SLACK_METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  // The profile's email is what links an unknown user to a person.
  'users.info': ['users:read', 'users:read.email'],
  'views.open': [],
  'views.publish': [],
};

/** Exactly the bot scopes the app needs: the slash command's, the events' and the methods'. */
export function slackBotScopes(): string[] {
  const scopes = new Set<string>(['commands']);
  for (const scope of Object.values(SLACK_BOT_EVENTS)) if (scope) scopes.add(scope);
  for (const needed of Object.values(SLACK_METHOD_SCOPES)) for (const scope of needed) scopes.add(scope);
  return [...scopes].sort();
}

/**
 * The Slack app manifest (api.slack.com/apps → Create New App → From an app manifest): the bot
 * user, `/ptrack`, the Home and Messages tabs, the events and interactivity, all at one Request
 * URL on the bot's public address, and exactly the scopes the code uses.
 */
export function createSlackManifest(options: { publicUrl: string; name?: string }): Record<string, unknown> {
  const requestUrl = `${options.publicUrl.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}`;
  const name = options.name ?? 'Partnership Tracker';
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Attendance, action updates, reminders and digests for a multi-agency partnership.',
      background_color: '#1d4f91',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: [
        {
          command: SLASH_COMMAND,
          url: requestUrl,
          description: 'Your actions, updates, attendance, digests',
          usage_hint: 'help | my actions | update A-12 60% on track — note',
          should_escape: false,
        },
      ],
    },
    oauth_config: { scopes: { bot: slackBotScopes() } },
    settings: {
      event_subscriptions: { request_url: requestUrl, bot_events: Object.keys(SLACK_BOT_EVENTS).map((e) => e) },
      interactivity: { is_enabled: true, request_url: requestUrl },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
