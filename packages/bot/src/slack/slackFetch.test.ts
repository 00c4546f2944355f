import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackFetch } from './slackFetch.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A Web API on 127.0.0.1 that records each request and the connections it was sent on. */
async function fakeApi(answer: (seen: Seen, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      answer(request, res);
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    seen,
    connections: () => connections,
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp(answer: (seen: Seen, res: ServerResponse) => void) {
  const api = await fakeApi(answer);
  const slackHttp = createSlackFetch();
  cleanups.push(() => slackHttp.close(), api.close);
  return { api, slackHttp };
}

describe('the HTTP client of the Slack Web API', () => {
  it('sends a Web API call with its token and form body, and returns Slack\'s answer', async () => {
    const { api, slackHttp } = await setUp((_, res) => json(res, 200, { ok: true, channel: 'D1', ts: '1.2' }));
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: api.apiUrl, fetch: slackHttp.fetch, retryConfig: { retries: 0 } });

    const result = await client.chat.postMessage({ channel: 'U1', text: 'Updated A-1 & more', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ü' } }] });

    expect(result).toMatchObject({ ok: true, channel: 'D1', ts: '1.2' });
    const [request] = api.seen;
    expect(request).toMatchObject({ method: 'POST', path: '/api/chat.postMessage' });
    expect(request!.headers.authorization).toBe('Bearer xoxb-test');
    const form = new URLSearchParams(request!.body);
    expect(form.get('text')).toBe('Updated A-1 & more');
    expect(JSON.parse(form.get('blocks')!)).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'ü' } }]);
  });

  it('keeps the connection open between calls, so that a call does not pay for a new connection (in production a TLS handshake)', async () => {
    const { api, slackHttp } = await setUp((_, res) => json(res, 200, { ok: true }));
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: api.apiUrl, fetch: slackHttp.fetch, retryConfig: { retries: 0 } });

    for (let i = 0; i < 5; i += 1) await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });

    expect(api.seen).toHaveLength(5);
    expect(api.connections()).toBe(1);
  });

  it('reports a rate limit with Slack\'s Retry-After, for the scheduler to honour', async () => {
    const { api, slackHttp } = await setUp((_, res) => json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '7' }));
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: api.apiUrl, fetch: slackHttp.fetch, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });

    await expect(client.chat.postMessage({ channel: 'U1', text: 'Reminder' })).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });
  });

  it('reports an HTTP failure and an API error as the Web API client does with the global fetch', async () => {
    const { api, slackHttp } = await setUp((seen, res) => (seen.path.endsWith('views.open') ? json(res, 200, { ok: false, error: 'expired_trigger_id' }) : (res.writeHead(502), res.end('bad gateway'))));
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: api.apiUrl, fetch: slackHttp.fetch, retryConfig: { retries: 0 } });

    await expect(client.views.open({ trigger_id: 't', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } })).rejects.toMatchObject({ code: webApi.ErrorCode.PlatformError, data: { error: 'expired_trigger_id' } });
    await expect(client.auth.test()).rejects.toMatchObject({ code: webApi.ErrorCode.HTTPError, statusCode: 502, body: 'bad gateway' });
  });

  it('posts a reply to a response_url as JSON', async () => {
    const { api, slackHttp } = await setUp((_, res) => (res.writeHead(200), res.end('ok')));

    const response = await slackHttp.fetch(`${api.apiUrl}../respond/1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'A-1' }) });

    expect(response.ok).toBe(true);
    expect(await response.text()).toBe('ok');
    expect(api.seen[0]).toMatchObject({ path: '/respond/1', body: '{"text":"A-1"}' });
    expect(api.seen[0]!.headers['content-type']).toBe('application/json');
  });

  it('fails a call whose server cannot be reached, for the Web API client to retry', async () => {
    const { api, slackHttp } = await setUp((_, res) => json(res, 200, { ok: true }));
    const url = api.apiUrl;
    await api.close();
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: url, fetch: slackHttp.fetch, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });

    await expect(client.auth.test()).rejects.toMatchObject({ code: webApi.ErrorCode.RequestError });
  });
});
