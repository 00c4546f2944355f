import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { formatDate, localDateOf, type Clock, type Store } from '@partnership-tracker/core';
import { writeAnnualReport, writeReport } from '@partnership-tracker/core/node';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Conversation } from '../app/conversation.js';
import { exportCommandText, parseExportFileName, type ChatExportFormat } from '../app/exportRequests.js';
import { linkingDigests, RoutedSender, type ProactiveSender } from '../app/proactive.js';
import { parseReportFileName, type ChatReportFormat } from '../app/reportRequests.js';
import { isLoopback, type BotConfig } from '../config.js';
import { TeamsProactiveSender } from '../teams/proactiveSender.js';
import { createTeamsApplication } from '../teams/teamsApplication.js';
import type { Delay } from '../slack/keyedCoalescer.js';
import { mountSlack, type SlackHandle } from '../slack/slackApp.js';
import { SlackProactiveSender } from '../slack/slackProactiveSender.js';
import { LinkSigner, type LinkVerdict } from './signedLinks.js';

/** A scheduler the server starts after it listens and stops before it closes. */
export interface SchedulerHandle {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Many partnerships served by one deployment: their stores, and which partnership answers in
 * each Teams tenant. Each activity goes to the partnership of its tenant; others are refused.
 */
export interface PartnershipDirectory {
  /** The partnerships served, by id, each with its open store. */
  readonly stores: ReadonlyMap<string, Store>;
  /** The partnership each Teams tenant routes to; read at start and again now and then (see `startBotServer`). */
  teamsTenants(): Promise<ReadonlyMap<string, string>>;
  /** The partnership each Slack workspace (team id) routes to, read like the tenants. */
  slackWorkspaces?(): Promise<ReadonlyMap<string, string>>;
}

/** Everything the server is built from; the stores' owner opens and closes them. */
export interface BotServerOptions {
  readonly config: BotConfig;
  /** The one partnership served, answering in the tenants `config.allowedTenantIds` allows… */
  readonly store?: Store;
  /** …or many, each answering in its own tenants. */
  readonly partnerships?: PartnershipDirectory;
  readonly clock?: Clock;
  /** A scheduler, or a factory given a partnership's ProactiveSender and store (the usual case): one per partnership. */
  readonly scheduler?: SchedulerHandle | ((sender: ProactiveSender, store: Store) => SchedulerHandle);
  readonly log?: (line: string) => void;
  /** Extra Bot Framework authentication settings (e.g. another cloud's OpenID metadata URL). */
  readonly authentication?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** How Slack's Home tab redraw after a change waits: a short timer unless a test decides (slack/homeRefresh.ts). */
  readonly slackHomeRefreshDelay?: Delay;
  /** How a Slack modal's confirmation waits for more from the same person; a timer unless a test decides. */
  readonly slackConfirmationDelay?: Delay;
}

/** A running bot server. */
export interface BotServer {
  /** The address it listens on, e.g. http://127.0.0.1:3978 */
  readonly url: string;
  readonly port: number;
  /** The ProactiveSender of the partnership served (of the first, when there are many). */
  readonly proactiveSender: ProactiveSender;
  /** Stops the scheduler, stops taking requests and waits for the ones in flight (and their writes). */
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * How long a digest link opens its digest: long enough to read a quarter's digest before the
 * meeting that discusses it, short enough that a forwarded or leaked link stops working.
 */
export const DIGEST_LINK_DAYS = 30;

/**
 * How long a download link opens its file: the business team asks for a file to download it
 * there and then, and the registers and the plan name people, so a forwarded link should not
 * keep working.
 */
export const EXPORT_LINK_HOURS = 24;

/**
 * How long an annual report link opens the report: asked for while drafting, to open there and
 * then; the report is built from the data when opened, so a fresh link shows the latest figures.
 */
export const REPORT_LINK_HOURS = 24;

/** How each format of the annual report is served: Word as a download, the page to read in the browser. */
const REPORT_MEDIA: Record<ChatReportFormat, { type: string; disposition: string }> = {
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', disposition: 'attachment' },
  html: { type: 'text/html; charset=utf-8', disposition: 'inline' },
};

/** How each downloadable format is served. */
const EXPORT_MEDIA_TYPES: Record<ChatExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The host name a request was addressed to (its Host header without the port), or undefined. */
function hostOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (bracketed) return bracketed[1];
  return /^[^:]+(?::\d+)?$/.test(header) ? header.replace(/:\d+$/, '') : undefined;
}

/** Whether a Bot Framework service URL is on this machine, where local mode may send replies. */
function isLoopbackUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isLoopback(parsed.hostname);
  } catch {
    return false;
  }
}

/** How long a tenant routing table is used before it is read again (a new tenant may be added while the bot runs). */
const ROUTES_FRESH_MS = 30_000;

/** What the server holds for one partnership it serves. */
interface Served {
  readonly store: Store;
  readonly conversation: Conversation;
  readonly application: ReturnType<typeof createTeamsApplication>;
  readonly proactiveSender: TeamsProactiveSender;
  /** The signed address of a period's full digest page, e.g. for `2024-25-Q4`. */
  readonly linkToDigest: (slug: string) => string;
}

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
  const { config } = options;
  const directory = options.partnerships;
  if ((options.store === undefined) === (directory === undefined)) throw new Error('startBotServer: give either a store or a partnership directory');
  if (directory !== undefined && directory.stores.size === 0) throw new Error('startBotServer: the partnership directory holds no partnership');
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.log(line));
  if (config.mode === 'local' && !isLoopback(config.host)) {
    throw new Error(`Refusing to start: local mode has no authentication and ${config.host} is not a loopback address.`);
  }

  const adapter = new TeamsAdapter({
    MicrosoftAppId: config.appId ?? undefined,
    MicrosoftAppPassword: config.appPassword ?? undefined,
    // Partnerships in other organisations' tenants need a bot registered for every tenant.
    MicrosoftAppType: config.appId ? (directory ? 'MultiTenant' : 'SingleTenant') : undefined,
    MicrosoftAppTenantId: config.tenantId ?? undefined,
    ...options.authentication,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const botAppId = config.appId ?? '';

  let listeningUrl = '';
  // Digest and download links carry a key derived from the bot's secret, so the server (public in
  // Teams mode) serves a digest or a file only to someone who was given its link in Teams. A link
  // names its path (and, with many partnerships, the partnership) and when it expires, nothing else.
  const links = new LinkSigner(config.appPassword ?? randomBytes(32).toString('hex'), clock);
  const serve = (store: Store, partnership: string | null): Served => {
    const path = (slug: string) => (partnership === null ? slug : `${partnership}/${slug}`);
    const linkToDigest = (slug: string) => `${config.publicUrl ?? listeningUrl}/digest/${path(slug)}.html?${links.query('digest', path(slug), DIGEST_LINK_DAYS * 86_400)}`;
    const linkToExport = (fileName: string) => ({
      url: `${config.publicUrl ?? listeningUrl}/export/${path(fileName)}?${links.query('export', path(fileName), EXPORT_LINK_HOURS * 3_600)}`,
      hours: EXPORT_LINK_HOURS,
    });
    const linkToReport = (fileName: string) => ({
      url: `${config.publicUrl ?? listeningUrl}/report/${path(fileName)}?${links.query('report', path(fileName), REPORT_LINK_HOURS * 3_600)}`,
      hours: REPORT_LINK_HOURS,
    });
    const conversation = new Conversation({ store, clock, linkToDigest, linkToExport, linkToReport });
    const application = createTeamsApplication({ adapter, botAppId, conversation, store, clock, log });
    return { store, conversation, application, proactiveSender: new TeamsProactiveSender(adapter, store, botAppId), linkToDigest };
  };
  const single = options.store === undefined ? undefined : serve(options.store, null);
  const served = new Map<string, Served>([...(directory?.stores ?? [])].map(([id, store]) => [id, serve(store, id)]));

  // A routing table (Teams tenants, Slack workspaces), read at start and again once it is
  // ROUTES_FRESH_MS old or an unknown key turns up (at most every few seconds, so that a stranger
  // cannot make us read it on every request).
  const router = async (what: string, readTable: () => Promise<ReadonlyMap<string, string>>) => {
    let routes: { table: ReadonlyMap<string, string>; readAt: number } = { table: new Map(), readAt: 0 };
    let reading: Promise<void> | undefined;
    const readRoutes = (): Promise<void> =>
      (reading ??= readTable()
        .then((table) => {
          routes = { table, readAt: Date.now() };
        })
        .finally(() => (reading = undefined)));
    await readRoutes();
    return async (key: string): Promise<Served | undefined> => {
      const age = Date.now() - routes.readAt;
      if (age > ROUTES_FRESH_MS || (!routes.table.has(key) && age > 5_000)) await readRoutes().catch((error: unknown) => log(`could not read the ${what} routes: ${(error as Error).message}`));
      const id = routes.table.get(key);
      return id === undefined ? undefined : served.get(id);
    };
  };
  const partnershipOf = directory ? await router('tenant', () => directory.teamsTenants()) : async () => undefined;
  const slackWorkspaces = directory?.slackWorkspaces?.bind(directory);
  const slackPartnershipOf =
    single !== undefined ? async () => single : slackWorkspaces ? await router('Slack workspace', slackWorkspaces) : async () => undefined;

  const inFlight = new Set<Promise<unknown>>();
  let closing = false;
  const app = express();
  app.disable('x-powered-by');
  if (config.mode === 'local') {
    // Local mode has no authentication, so a web page elsewhere must not reach it through a DNS
    // name that resolves to this machine (DNS rebinding): only requests addressed to loopback.
    app.use((req, res, next) => {
      const host = hostOf(req.headers.host);
      if (host === undefined || !isLoopback(host)) {
        res.status(421).type('text/plain').send('Local mode answers only requests addressed to this machine (Host: localhost or a loopback address).');
        return;
      }
      next();
    });
  }
  app.get('/healthz', (_req, res) => {
    res.status(closing ? 503 : 200).json({ status: closing ? 'closing' : 'ok', mode: config.mode });
  });
  /** Answers a link that does not open (403) or no longer opens (410), saying what to ask the bot for instead. */
  const refuseLink = async (res: Response, verdict: LinkVerdict, partnership: Served | undefined, what: string, ask: string) => {
    if (verdict.state === 'expired' && partnership !== undefined) {
      const zone = (await partnership.store.read()).partnership.timeZone;
      const day = formatDate(localDateOf(verdict.expiredAt.toISOString(), zone));
      res.status(410).type('text/plain').send(`This ${what} link expired on ${day}. Ask the bot for "${ask}" in Teams to get a fresh one.`);
      return;
    }
    res.status(403).type('text/plain').send(`This ${what} link is not valid. Ask the bot for "${ask}" in Teams to get a fresh one.`);
  };
  // The full digest the card links to: /digest/SLUG.html, or /digest/PARTNERSHIP/SLUG.html.
  const digest = async (req: Request, res: Response, partnership: Served | undefined, path: string, slug: string) => {
    const verdict = partnership === undefined ? ({ state: 'invalid' } as const) : links.check('digest', path, req.query);
    if (verdict.state !== 'open') {
      await refuseLink(res, verdict, partnership, 'digest', 'digest');
      return;
    }
    const page = await partnership!.conversation.digestPage(slug);
    res.status(page.status).type('text/html').send(page.html);
  };
  app.get('/digest/:file', async (req, res) => {
    const slug = String(req.params.file).replace(/\.html$/i, '');
    await digest(req, res, single, slug, slug);
  });
  app.get('/digest/:partnership/:file', async (req, res) => {
    const id = String(req.params.partnership);
    const slug = String(req.params.file).replace(/\.html$/i, '');
    await digest(req, res, served.get(id), `${id}/${slug}`, slug);
  });
  // A file the business team asked for in chat: /export/NAME, or /export/PARTNERSHIP/NAME, built
  // from the data as it is when downloaded, by the writer ptrack export uses.
  const download = async (req: Request, res: Response, partnership: Served | undefined, path: string, fileName: string) => {
    const verdict = partnership === undefined ? ({ state: 'invalid' } as const) : links.check('export', path, req.query);
    if (verdict.state !== 'open') {
      const named = parseExportFileName(fileName);
      await refuseLink(res, verdict, partnership, 'download', named.success ? exportCommandText(named.data) : 'export');
      return;
    }
    const file = await partnership!.conversation.exportFile(fileName);
    if (!file.success) {
      res.status(404).type('text/plain').send(file.error.message);
      return;
    }
    const content = await writeReport(file.data.report, file.data.request.format, clock.now());
    sendFile(res, EXPORT_MEDIA_TYPES[file.data.request.format], `attachment; filename="${fileName}"`, content);
  };
  app.get('/export/:file', async (req, res) => {
    await download(req, res, single, String(req.params.file), String(req.params.file));
  });
  app.get('/export/:partnership/:file', async (req, res) => {
    const id = String(req.params.partnership);
    await download(req, res, served.get(id), `${id}/${String(req.params.file)}`, String(req.params.file));
  });
  // The annual report asked for in chat: /report/NAME, or /report/PARTNERSHIP/NAME, built from the
  // data as it is when opened, by the writers ptrack report uses.
  const reportFile = async (req: Request, res: Response, partnership: Served | undefined, path: string, fileName: string) => {
    const verdict = partnership === undefined ? ({ state: 'invalid' } as const) : links.check('report', path, req.query);
    if (verdict.state !== 'open') {
      const named = parseReportFileName(fileName);
      await refuseLink(res, verdict, partnership, 'report', named.success ? `report ${named.data.year.year.label}` : 'report');
      return;
    }
    const file = await partnership!.conversation.reportFile(fileName);
    if (!file.success) {
      res.status(404).type('text/plain').send(file.error.message);
      return;
    }
    const content = await writeAnnualReport(file.data.report, file.data.format);
    const media = REPORT_MEDIA[file.data.format];
    sendFile(res, media.type, `${media.disposition}; filename="${fileName}"`, content);
  };
  app.get('/report/:file', async (req, res) => {
    await reportFile(req, res, single, String(req.params.file), String(req.params.file));
  });
  app.get('/report/:partnership/:file', async (req, res) => {
    const id = String(req.params.partnership);
    await reportFile(req, res, served.get(id), `${id}/${String(req.params.file)}`, String(req.params.file));
  });
  // Slack, when configured: Bolt's receiver reads the raw body itself, so no body parser may run
  // before it (the only one here is on /api/messages).
  const slack: SlackHandle | undefined = config.slack
    ? mountSlack({ config: config.slack, app, partnershipOf: slackPartnershipOf, clock, log, closing: () => closing, ...(options.slackHomeRefreshDelay ? { homeRefreshDelay: options.slackHomeRefreshDelay } : {}), ...(options.slackConfirmationDelay ? { confirmationDelay: options.slackConfirmationDelay } : {}) })
    : undefined;
  // Slack alone: no Teams endpoint at all, rather than one without authentication.
  if (config.mode !== 'slack') {
    app.post(
      '/api/messages',
      express.json({ limit: '1mb' }),
      async (req: Request, res: Response, next: NextFunction) => {
        if (closing) {
          res.status(503).json({ error: 'The bot is shutting down.' });
          return;
        }
        if (config.mode === 'local' && !isLoopbackUrl((req.body as { serviceUrl?: unknown } | undefined)?.serviceUrl)) {
          // Replies go to the activity's serviceUrl: unauthenticated, it must not make us post elsewhere.
          log('refused an activity whose serviceUrl is not on this machine (local mode)');
          res.status(403).json({ error: 'Local mode replies only to a connector on this machine: the serviceUrl must be a loopback address.' });
          return;
        }
        const tenant = tenantOf(req.body);
        if (single !== undefined) {
          if (config.allowedTenantIds.length > 0 && (!tenant || !config.allowedTenantIds.includes(tenant))) {
            log(`refused an activity from tenant ${tenant ?? '(none)'}: not allowed`);
            res.status(403).json({ error: 'This tenant is not allowed to use this bot.' });
            return;
          }
          res.locals.served = single;
          next();
          return;
        }
        // Many partnerships: the tenant's partnership answers; a tenant no partnership answers in is refused.
        const routed = tenant === undefined ? undefined : await partnershipOf(tenant);
        if (routed === undefined) {
          log(`refused an activity from tenant ${tenant ?? '(none)'}: no partnership answers in it`);
          res.status(403).json({ error: 'This tenant is not allowed to use this bot.' });
          return;
        }
        res.locals.served = routed;
        next();
      },
      async (req: Request, res: Response) => {
        const { application } = res.locals.served as Served;
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
  }

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

  // Each partnership's scheduler sends through the chat services this server answers in.
  const senderOf = (p: Served): ProactiveSender =>
    slack === undefined
      ? p.proactiveSender
      : linkingDigests(
          new RoutedSender({ ...(config.mode === 'slack' ? {} : { teams: p.proactiveSender }), slack: new SlackProactiveSender(slack.proactiveClient, p.store) }, () => p.store.read()),
          p.linkToDigest,
        );
  const senders = new Map<Served, ProactiveSender>([...(single ? [single] : served.values())].map((p) => [p, senderOf(p)]));
  const factory = options.scheduler;
  const schedulers = factory === undefined ? [] : typeof factory === 'function' ? [...senders].map(([p, sender]) => factory(sender, p.store)) : [factory];
  for (const scheduler of schedulers) scheduler.start();

  return {
    url: listeningUrl,
    port,
    proactiveSender: senders.get(single ?? [...served.values()][0]!)!,
    async close() {
      if (closing) return;
      closing = true;
      await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.allSettled([...inFlight, slack?.close()]);
      server.closeAllConnections();
      await stopped;
    },
  };
}

/** Sends a file built for one person: never cached by a proxy, never sniffed into another type. */
function sendFile(res: Response, type: string, disposition: string, content: string | Uint8Array): void {
  res
    .status(200)
    .set('Content-Type', type)
    .set('Content-Disposition', disposition)
    .set('Cache-Control', 'private, no-store')
    .set('X-Content-Type-Options', 'nosniff')
    .send(typeof content === 'string' ? content : Buffer.from(content));
}
