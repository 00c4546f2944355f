import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string | null;
  readonly replyToId: string | null;
  readonly body: Record<string, unknown>;
}

/** Teams' limit on a bot message: about 100 KB, counted with the text as UTF-16 (two bytes a code unit). */
export const TEAMS_MESSAGE_LIMIT_BYTES = 100 * 1024;

/**
 * A local stand-in for the Bot Connector service, given to the bot as the activity's
 * `serviceUrl`. It records every call it accepts; `throttleNext` makes the next calls answer
 * 429, and a message over Teams' size limit is refused with 413 MessageSizeTooBig, as Teams does.
 */
export async function startFakeConnector(): Promise<{
  url: string;
  calls: ConnectorCall[];
  throttleNext(count: number, retryAfterSeconds: number): void;
  /** How many requests were answered 429 so far. */
  throttledCount(): number;
  /** How many messages were refused as too large (413) so far. */
  tooLargeCount(): number;
  close(): Promise<void>;
}> {
  const calls: ConnectorCall[] = [];
  let throttled = 0;
  let retryAfter = 0;
  let nextId = 1;
  let throttledTotal = 0;
  let refusedTotal = 0;
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  app.use((req, res, next) => {
    if (throttled > 0) {
      throttled -= 1;
      throttledTotal += 1;
      res.status(429).set('Retry-After', String(retryAfter)).json({ error: { code: 'TooManyRequests', message: 'slow down' } });
      return;
    }
    if (JSON.stringify(req.body ?? {}).length * 2 > TEAMS_MESSAGE_LIMIT_BYTES) {
      refusedTotal += 1;
      res.status(413).json({ error: { code: 'MessageSizeTooBig', message: 'Message size too big' } });
      return;
    }
    next();
  });
  const record = (req: express.Request, conversationId: string | null, replyToId: string | null) =>
    calls.push({ method: req.method, path: req.path, conversationId, replyToId, body: req.body as Record<string, unknown> });
  app.post('/v3/conversations', (req, res) => {
    record(req, null, null);
    const channel = (req.body as { channelData?: { channel?: { id?: string } } }).channelData?.channel?.id ?? 'new';
    const activityId = `created-${nextId++}`;
    res.status(201).json({ id: `${channel};messageid=${activityId}`, activityId });
  });
  app.post('/v3/conversations/:conversationId/activities', (req, res) => {
    record(req, req.params.conversationId, null);
    res.status(200).json({ id: `sent-${nextId++}` });
  });
  app.post('/v3/conversations/:conversationId/activities/:replyToId', (req, res) => {
    record(req, req.params.conversationId, req.params.replyToId);
    res.status(200).json({ id: `reply-${nextId++}` });
  });
  app.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    record(req, req.params.conversationId, req.params.activityId);
    res.status(200).json({ id: req.params.activityId });
  });
  app.use((req, res) => {
    record(req, null, null);
    res.status(404).json({ error: { code: 'NotFound', message: `${req.method} ${req.path}` } });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    throttleNext(count, seconds) {
      throttled = count;
      retryAfter = seconds;
    },
    throttledCount: () => throttledTotal,
    tooLargeCount: () => refusedTotal,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
