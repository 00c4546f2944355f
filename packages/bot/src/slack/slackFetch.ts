import http from 'node:http';
import https from 'node:https';
import type { webApi } from '@slack/bolt';

/** The HTTP client the Web API clients and Bolt's `respond` use, and the connections it keeps. */
export interface SlackFetch {
  readonly fetch: webApi.FetchFunction;
  /** Closes the kept connections; calls after this open new ones. */
  close(): void;
}

/** A response whose body has been read whole: the Web API's answers are small JSON documents. */
function readResponse(url: string, res: http.IncomingMessage, body: Buffer): Awaited<ReturnType<webApi.FetchFunction>> {
  const status = res.statusCode ?? 0;
  const headerOf = (name: string): string | null => {
    const value = res.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  const text = () => body.toString('utf8');
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    headers: {
      get: headerOf,
      entries: () => Object.keys(res.headers).map((name): [string, string] => [name, headerOf(name) ?? '']),
    },
    text: async () => text(),
    json: async () => JSON.parse(text()) as unknown,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
  };
}

/**
 * A `fetch` for Slack's Web API and response_urls on Node's own HTTP client, with kept-alive
 * connections. Node's global `fetch` (undici) spends about twice the CPU per call on the event
 * loop (its WHATWG streams for a body of a few hundred bytes, written in several pieces), and the
 * calls made after a modal is answered compete with the next requests there. Redirects are not
 * followed (the Web API client asks for none; a 3xx is an error to it); a form body (file
 * uploads, which the bot does not make) goes through the global `fetch`.
 */
export function createSlackFetch(): SlackFetch {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  const fetch: webApi.FetchFunction = (input, init = {}) => {
    if (init.body !== undefined && typeof init.body !== 'string') return globalThis.fetch(input, init as RequestInit);
    const url = new URL(input);
    const body = init.body;
    const protocol = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
    if (protocol === undefined) return Promise.reject(new TypeError(`cannot fetch ${url.protocol} URLs`));
    return new Promise((resolve, reject) => {
      const request = protocol.request(
        url,
        {
          method: init.method ?? 'GET',
          headers: { ...init.headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) },
          agent: agents[url.protocol as keyof typeof agents],
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve(readResponse(url.href, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))));
        },
      );
      request.on('error', reject);
      // Headers and body in one write.
      request.end(body);
    });
  };
  return {
    fetch,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
