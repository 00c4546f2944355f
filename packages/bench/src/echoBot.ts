// The baseline for the bot's turn latency: a bare botbuilder echo bot on the same stack as
// ptrack-bot (express, express.json, CloudAdapter with no credentials), started the same way.
//   node echoBot.js --port N   prints "echo bot listening on http://127.0.0.1:N"
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
  await next();
});
const app = express();
app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
const server: Server = await new Promise((resolve) => {
  const s = app.listen(Number(values.port), '127.0.0.1', () => resolve(s));
});
console.log(`echo bot listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
