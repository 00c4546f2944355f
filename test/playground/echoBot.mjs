#!/usr/bin/env node
// A minimal Bot Framework bot for testing the Playground harness and `npm start` before the real
// bot exists: botbuilder's CloudAdapter with no credentials, on loopback only. It echoes text,
// sends an Adaptive Card with an Action.Submit and an Action.Execute, and answers both.
//
//   node test/playground/echoBot.mjs --port 3978   # stands in for packages/bot/dist/bin.js
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/** The card the echo bot sends after each text message (Adaptive Cards 1.5, as Teams supports). */
export const echoCard = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Echo card', weight: 'Bolder' },
    { type: 'Input.Text', id: 'note', label: 'Note' },
  ],
  actions: [
    { type: 'Action.Submit', title: 'Submit', data: { kind: 'echo-submit' } },
    { type: 'Action.Execute', title: 'Execute', verb: 'echo-execute', data: { kind: 'echo-execute' } },
  ],
};

async function handleTurn(context) {
  const activity = context.activity;
  if (activity.type === 'message' && activity.value !== undefined) {
    await context.sendActivity(`You submitted ${JSON.stringify(activity.value)}`);
  } else if (activity.type === 'message') {
    await context.sendActivity(`You said: ${activity.text} (from ${activity.from?.aadObjectId ?? 'no aadObjectId'})`);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(echoCard)] });
  } else if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const { verb } = activity.value?.action ?? {};
    await context.sendActivity({
      type: 'invokeResponse',
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: `Executed ${verb}` } },
    });
  }
}

/**
 * Starts the echo bot on 127.0.0.1 (port 0 picks a free one).
 * @param {{port?: number}} [options]
 */
export async function startEchoBot({ port = 0 } = {}) {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const received = [];
  adapter.onTurnError = async (_context, error) => {
    console.error('echo bot: turn failed', error);
  };
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (request.method !== 'POST' || request.url !== '/api/messages') {
      response.writeHead(404).end();
      return;
    }
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        response.writeHead(400).end('bad JSON');
        return;
      }
      received.push(body);
      // The shape botbuilder's CloudAdapter.process expects of an Express-like request and response.
      const adapterRequest = { body, headers: request.headers, method: request.method };
      const adapterResponse = {
        socket: response.socket,
        status(code) {
          response.statusCode = code;
          return adapterResponse;
        },
        header(name, value) {
          response.setHeader(name, value);
          return adapterResponse;
        },
        send(payload) {
          if (payload !== undefined) {
            if (typeof payload === 'string' || Buffer.isBuffer(payload)) response.write(payload);
            else {
              response.setHeader('content-type', 'application/json');
              response.write(JSON.stringify(payload));
            }
          }
          return adapterResponse;
        },
        end() {
          response.end();
          return adapterResponse;
        },
      };
      adapter.process(adapterRequest, adapterResponse, handleTurn).catch((error) => {
        console.error('echo bot: request failed', error);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    port: address.port,
    endpoint: `http://127.0.0.1:${address.port}/api/messages`,
    received,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  // Accept the real bot's flags so `npm start` can run this in its place.
  const { values } = parseArgs({ options: { port: { type: 'string' }, data: { type: 'string' }, local: { type: 'boolean' } }, strict: false });
  const bot = await startEchoBot({ port: Number(values.port ?? 3978) });
  console.log(`Echo bot listening on ${bot.endpoint} (no credentials, loopback only)`);
  // ECHO_BOT_SHUTDOWN_MARKER stands for the real bot's in-flight writes: a file written a moment
  // after the stop signal, so a test can tell a graceful stop from a kill.
  const marker = process.env.ECHO_BOT_SHUTDOWN_MARKER;
  const stop = async () => {
    await bot.close();
    if (marker) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      writeFileSync(marker, 'stopped gracefully\n');
    }
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
