// The baseline for the bot's Slack latency: a bare Bolt app on the same stack as ptrack-bot's
// Slack side (express, Bolt's ExpressReceiver on POST /slack/events checking the v0 signature,
// the Web API at a given URL), started the same way. Its slash command acknowledges and answers
// through the command's response_url; its view handler acknowledges.
//   node slackBoltApp.js --port N --api-url URL --signing-secret S
//   prints "bare bolt app listening on http://127.0.0.1:N"
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import express from 'express';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, 'api-url': { type: 'string' }, 'signing-secret': { type: 'string' }, token: { type: 'string', default: 'xoxb-bench-bare' } },
});
if (values['api-url'] === undefined || values['signing-secret'] === undefined) {
  console.error('usage: slackBoltApp --port N --api-url URL --signing-secret S');
  process.exit(2);
}

const app = express();
const receiver = new ExpressReceiver({ signingSecret: values['signing-secret'], app, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
const bolt = new App({ receiver, token: values.token, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: values['api-url'] } });
bolt.command('/ptrack', async ({ ack, respond, command }) => {
  await ack();
  await respond({ response_type: 'ephemeral', text: `You said: ${command.text}` });
});
bolt.view(/.*/, async ({ ack }) => {
  await ack();
});

const server: Server = await new Promise((resolve) => {
  const s = app.listen(Number(values.port), '127.0.0.1', () => resolve(s));
});
console.log(`bare bolt app listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
