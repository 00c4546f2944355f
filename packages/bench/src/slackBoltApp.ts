// The baseline for the bot's Slack latency: a bare Bolt app on the same stack as ptrack-bot's
// Slack side (express, Bolt's ExpressReceiver on POST /slack/events checking the v0 signature,
// the Web API at a given URL), started the same way. Its slash command acknowledges and answers
// through the command's response_url; its view handler acknowledges. With --durable-file, the view
// handler first makes the submission durable, as ptrack must before it closes a modal: the
// disk's cost is then in the baseline too, and what is left of a ratio is ptrack's own.
//   node slackBoltApp.js --port N --api-url URL --signing-secret S [--durable-file FILE]
//   prints "bare bolt app listening on http://127.0.0.1:N"
import { open, type FileHandle } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import express from 'express';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'api-url': { type: 'string' },
    'signing-secret': { type: 'string' },
    token: { type: 'string', default: 'xoxb-bench-bare' },
    'durable-file': { type: 'string' },
  },
});
if (values['api-url'] === undefined || values['signing-secret'] === undefined) {
  console.error('usage: slackBoltApp --port N --api-url URL --signing-secret S [--durable-file FILE]');
  process.exit(2);
}

const app = express();
const receiver = new ExpressReceiver({ signingSecret: values['signing-secret'], app, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
const bolt = new App({ receiver, token: values.token, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: values['api-url'] } });
bolt.command('/ptrack', async ({ ack, respond, command }) => {
  await ack();
  await respond({ response_type: 'ephemeral', text: `You said: ${command.text}` });
});
const durable = values['durable-file'] === undefined ? undefined : durableAppender(await open(values['durable-file'], 'a'));
bolt.view(/.*/, async ({ ack, body, view }) => {
  await durable?.(`${JSON.stringify({ user: body.user.id, view: view.id, values: view.state.values })}\n`);
  await ack();
});

/**
 * The least a durable answer costs: each line appended and fsynced before its promise resolves,
 * lines that arrive while an fsync is under way sharing the next one (a group commit, as ptrack's
 * file store makes; one fsync per submission would put twenty users' waits in a queue ptrack
 * does not have).
 */
function durableAppender(handle: FileHandle): (line: string) => Promise<void> {
  let waiting: Array<{ line: string; done: (error?: unknown) => void }> = [];
  let writing = false;
  const writeAll = async () => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      let failure: unknown;
      try {
        await handle.write(batch.map((entry) => entry.line).join(''));
        await handle.sync();
      } catch (error) {
        failure = error ?? new Error('the append failed');
      }
      for (const entry of batch) entry.done(failure);
    }
    writing = false;
  };
  return (line) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ line, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!writing) void writeAll();
    });
}

const server: Server = await new Promise((resolve) => {
  const s = app.listen(Number(values.port), '127.0.0.1', () => resolve(s));
});
console.log(`bare bolt app listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
