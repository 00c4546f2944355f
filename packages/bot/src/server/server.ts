import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Clock, Store } from '@partnership-tracker/core';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Conversation } from '../app/conversation.js';
import type { ProactiveSender } from '../app/proactive.js';
import { isLoopback, type BotConfig } from '../config.js';
import { TeamsProactiveSender } from '../teams/proactiveSender.js';
import { createTeamsApplication } from '../teams/teamsApplication.js';

/** A scheduler the server starts after it listens and stops before it closes. */
export interface SchedulerHandle {
  start(): void;
  stop(): Promise<void>;
}

/** Everything the server is built from; the store's owner opens and closes it. */
export interface BotServerOptions {
  readonly config: BotConfig;
  readonly store: Store;
  readonly clock?: Clock;
  /** A scheduler, or a factory given the server's ProactiveSender (the usual case). */
  readonly scheduler?: SchedulerHandle | ((sender: ProactiveSender) => SchedulerHandle);
  readonly log?: (line: string) => void;
  /** Extra Bot Framework authentication settings (e.g. another cloud's OpenID metadata URL). */
  readonly authentication?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
}

/** A running bot server. */
export interface BotServer {
  /** The address it listens on, e.g. http://127.0.0.1:3978 */
  readonly url: string;
  readonly port: number;
  readonly proactiveSender: ProactiveSender;
  /** Stops the scheduler, stops taking requests and waits for the ones in flight (and their writes). */
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

/** The tenant an incoming activity belongs to, as Teams sends it. */
function tenantOf(body: unknown): string | undefined {
  const activity = body as { channelData?: { tenant?: { id?: string } }; conversation?: { tenantId?: string } } | undefined;
  return activity?.channelData?.tenant?.id ?? activity?.conversation?.tenantId;
}

/**
 * Starts the bot: POST /api/messages through botbuilder's CloudAdapter (which validates the Bot
 * Framework token on every request when credentials are set) into the teams-ai router; GET
 * /healthz; and the HTML digest. Activities from tenants not allowed are refused before any
 * handler runs. In local mode it refuses to listen anywhere but loopback.
 */
export async function startBotServer(options: BotServerOptions): Promise<BotServer> {
  const { config, store } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.log(line));
  if (config.mode === 'local' && !isLoopback(config.host)) {
    throw new Error(`Refusing to start: local mode has no authentication and ${config.host} is not a loopback address.`);
  }

  const adapter = new TeamsAdapter({
    MicrosoftAppId: config.appId ?? undefined,
    MicrosoftAppPassword: config.appPassword ?? undefined,
    MicrosoftAppType: config.appId ? 'SingleTenant' : undefined,
    MicrosoftAppTenantId: config.tenantId ?? undefined,
    ...options.authentication,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const botAppId = config.appId ?? '';
  const proactiveSender = new TeamsProactiveSender(adapter, store, botAppId);

  let listeningUrl = '';
  // Digest links carry a key derived from the bot's secret, so the server (public in Teams mode)
  // shows a digest only to someone who was given its link in Teams.
  const linkSecret = config.appPassword ?? randomBytes(32).toString('hex');
  const digestKey = (slug: string) => createHmac('sha256', linkSecret).update(`digest:${slug}`).digest('hex').slice(0, 32);
  const linkToDigest = (slug: string) => `${config.publicUrl ?? listeningUrl}/digest/${slug}.html?key=${digestKey(slug)}`;
  const conversation = new Conversation({ store, clock, linkToDigest });
  const application = createTeamsApplication({ adapter, botAppId, conversation, store, clock, log });

  const inFlight = new Set<Promise<unknown>>();
  let closing = false;
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.status(closing ? 503 : 200).json({ status: closing ? 'closing' : 'ok', mode: config.mode });
  });
  // The full digest the card links to.
  app.get('/digest/:file', async (req, res) => {
    const slug = String(req.params.file).replace(/\.html$/i, '');
    const given = Buffer.from(typeof req.query.key === 'string' ? req.query.key : '');
    const expected = Buffer.from(digestKey(slug));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(403).type('text/plain').send('This digest link is not valid. Ask the bot for "digest" in Teams to get a fresh one.');
      return;
    }
    const page = await conversation.digestPage(slug);
    res.status(page.status).type('text/html').send(page.html);
  });
  app.post(
    '/api/messages',
    express.json({ limit: '1mb' }),
    (req: Request, res: Response, next: NextFunction) => {
      if (closing) {
        res.status(503).json({ error: 'The bot is shutting down.' });
        return;
      }
      if (config.allowedTenantIds.length > 0) {
        const tenant = tenantOf(req.body);
        if (!tenant || !config.allowedTenantIds.includes(tenant)) {
          log(`refused an activity from tenant ${tenant ?? '(none)'}: not allowed`);
          res.status(403).json({ error: 'This tenant is not allowed to use this bot.' });
          return;
        }
      }
      next();
    },
    async (req: Request, res: Response) => {
      const work = adapter.process(req, res, async (context) => {
        await application.run(context);
      });
      inFlight.add(work);
      try {
        await work;
      } finally {
        inFlight.delete(work);
      }
    },
  );

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  listeningUrl = `http://${hostForUrl}:${port}`;

  if (config.mode === 'teams' && config.publicUrl === null) {
    log(`PTRACK_BOT_PUBLIC_URL is not set, so digest links point at ${listeningUrl}, which people's browsers may not reach.`);
  }

  const scheduler = typeof options.scheduler === 'function' ? options.scheduler(proactiveSender) : options.scheduler;
  scheduler?.start();

  return {
    url: listeningUrl,
    port,
    proactiveSender,
    async close() {
      if (closing) return;
      closing = true;
      await scheduler?.stop();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.allSettled([...inFlight]);
      server.closeAllConnections();
      await stopped;
    },
  };
}
