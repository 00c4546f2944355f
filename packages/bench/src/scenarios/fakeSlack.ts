import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** Slack's limit on a Web API method: a sustained rate, and how many calls may go at once above it. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * A token bucket: `burst` tokens to start with, refilled at `perSecond`; a call takes one. When
 * none is left it says how long to wait in whole seconds, as Slack's Retry-After does.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    nowMs: number,
  ) {
    if (!(limit.perSecond > 0) || !(limit.burst >= 1)) throw new RangeError('a rate limit needs a rate above 0 and a burst of at least 1');
    this.tokens = limit.burst;
    this.last = nowMs;
  }

  /** Takes a token at `nowMs` (milliseconds), or answers the Retry-After (seconds, at least 1) when there is none. */
  take(nowMs: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    this.tokens = Math.min(this.limit.burst, this.tokens + ((nowMs - this.last) / 1000) * this.limit.perSecond);
    this.last = Math.max(this.last, nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.limit.perSecond)) };
  }
}

/** A message the fake accepted from chat.postMessage, with when it arrived (performance.now()). */
export interface PostedMessage {
  readonly channel: string;
  readonly text: string;
  readonly at: number;
}

/** A slash command's reply, posted to its response_url, with when it arrived (performance.now()). */
export interface ResponseUrlReply {
  readonly text: string;
  readonly at: number;
}

/** The fake Slack Web API of a bench run. */
export interface FakeSlack {
  /** Where the Web API is, ending in `/api/` (PTRACK_SLACK_API_URL, Bolt's `slackApiUrl`). */
  readonly apiUrl: string;
  /** A response_url for a slash command to carry; its reply is awaited with `waitForReply`. */
  responseUrl(id: string): string;
  /** Resolves when the reply to response_url `id` arrives (register before sending the command). */
  waitForReply(id: string, timeoutMs?: number): Promise<ResponseUrlReply>;
  /** Resolves with the view a views.open call with `triggerId` opened. */
  waitForOpenedView(triggerId: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Every chat.postMessage accepted, in order. */
  readonly posts: readonly PostedMessage[];
  /** chat.postMessage calls answered 429. */
  throttled(): number;
  /** Calls by method, refused ones included. */
  calls(): Readonly<Record<string, number>>;
  close(): Promise<void>;
}

/** Decodes a Web API call's body: form-encoded (the Web API client's way) or JSON, with JSON-encoded fields (blocks, view) decoded. */
export function decodeBody(contentType: string, body: string): Record<string, unknown> {
  let fields: Record<string, unknown>;
  if (contentType.includes('application/json')) {
    fields = body ? (JSON.parse(body) as Record<string, unknown>) : {};
  } else {
    fields = Object.fromEntries(new URLSearchParams(body));
  }
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => {
      if (typeof value !== 'string' || !/^[[{]/.test(value)) return [key, value];
      try {
        return [key, JSON.parse(value) as unknown];
      } catch {
        return [key, value];
      }
    }),
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

type Waiter = { resolve: (value: never) => void; timer: NodeJS.Timeout };

/**
 * A stand-in for Slack's Web API on 127.0.0.1 (at `/api/<method>`) and for slash commands'
 * response URLs (at `/response/<id>`): it answers what the bot and the bare Bolt app call
 * (auth.test, chat.postMessage, views.open/update/publish, conversations.open), at once. With
 * `postMessageLimit` it enforces that rate on chat.postMessage with a token bucket, answering
 * 429 with Retry-After as Slack does.
 */
export async function startFakeSlack(options: { teamId: string; postMessageLimit?: RateLimit }): Promise<FakeSlack> {
  const posts: PostedMessage[] = [];
  const counts: Record<string, number> = {};
  const replies = new Map<string, ResponseUrlReply>();
  const views = new Map<string, Record<string, unknown>>();
  const waiters = new Map<string, Waiter>();
  let throttled = 0;
  let nextTs = 1;
  let nextView = 1;
  const bucket = options.postMessageLimit ? new TokenBucket(options.postMessageLimit, performance.now()) : undefined;

  const settle = (key: string, value: unknown) => {
    const waiter = waiters.get(key);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    waiters.delete(key);
    waiter.resolve(value as never);
  };
  const wait = <T>(key: string, ready: () => T | undefined, timeoutMs: number): Promise<T> => {
    const already = ready();
    if (already !== undefined) return Promise.resolve(already);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(key);
        reject(new Error(`the fake Slack API saw no ${key} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.set(key, { resolve: resolve as (value: never) => void, timer });
    });
  };

  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const at = performance.now();
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const args = decodeBody(req.headers['content-type'] ?? '', body);
      const response = /^\/response\/([^/]+)$/.exec(path);
      if (response) {
        const id = decodeURIComponent(response[1]!);
        counts.response_url = (counts.response_url ?? 0) + 1;
        const reply = { text: typeof args.text === 'string' ? args.text : '', at };
        replies.set(id, reply);
        settle(`reply ${id}`, reply);
        json(200, { ok: true });
        return;
      }
      const method = /^\/api\/([\w.]+)$/.exec(path)?.[1] ?? '';
      counts[method] = (counts[method] ?? 0) + 1;
      switch (method) {
        case 'auth.test':
          json(200, { ok: true, url: 'https://bench.slack.com/', team: 'Bench', user: 'ptrack', team_id: options.teamId, user_id: 'U0BENCHBOT', bot_id: 'B0BENCHBOT' });
          return;
        case 'chat.postMessage': {
          const taken = bucket?.take(at) ?? { ok: true };
          if (!taken.ok) {
            throttled += 1;
            json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(taken.retryAfterSeconds) });
            return;
          }
          posts.push({ channel: String(args.channel), text: typeof args.text === 'string' ? args.text : '', at });
          json(200, { ok: true, channel: args.channel, ts: `1700000000.${String(nextTs++).padStart(6, '0')}` });
          return;
        }
        case 'conversations.open':
          json(200, { ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } });
          return;
        case 'views.open':
        case 'views.update':
        case 'views.push':
        case 'views.publish': {
          const view = (typeof args.view === 'object' && args.view !== null ? args.view : {}) as Record<string, unknown>;
          const id = typeof args.view_id === 'string' ? args.view_id : `V${String(nextView++).padStart(6, '0')}`;
          if (method === 'views.open' && typeof args.trigger_id === 'string') {
            views.set(args.trigger_id, view);
            settle(`view ${args.trigger_id}`, view);
          }
          json(200, { ok: true, view: { ...view, id } });
          return;
        }
        default:
          json(200, { ok: false, error: 'unknown_method' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/response/${encodeURIComponent(id)}`,
    waitForReply: (id, timeoutMs = 30_000) => wait(`reply ${id}`, () => replies.get(id), timeoutMs),
    waitForOpenedView: (triggerId, timeoutMs = 30_000) => wait(`view ${triggerId}`, () => views.get(triggerId), timeoutMs),
    posts,
    throttled: () => throttled,
    calls: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const waiter of waiters.values()) clearTimeout(waiter.timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
