import { createHmac } from 'node:crypto';

/** The headers Slack sends with a request: its timestamp and the v0 signature over timestamp and raw body. */
export function signSlackRequest(secret: string, body: string, timestamp: number = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}
