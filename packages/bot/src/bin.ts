#!/usr/bin/env node
// ptrack-bot: the Teams bot server. The only place in the bot that reads process.argv/env and exits.
import { parseArgs } from 'node:util';
import { describeDatabaseUrl, isDatabaseUrl, openFileStore, openPgStore, PgStore } from '@partnership-tracker/core/node';
import { ENVIRONMENT, loadBotConfig } from './config.js';
import { createScheduler } from './scheduler/index.js';
import { startBotServer } from './server/server.js';

const USAGE = `Usage: ptrack-bot [--local] [--data FILE|URL] [--partnership SLUG] [--port N] [--host ADDRESS] [--no-scheduler]

  --local        run without Bot Framework credentials, on this machine only (development)
  --data FILE|URL
                 the partnership's data file, or a postgres:// URL (or ${ENVIRONMENT.dataFile})
  --partnership SLUG
                 which partnership of the database (or ${ENVIRONMENT.partnership}; default its only one)
  --port N       port to listen on (or ${ENVIRONMENT.port}; default 3978; 0 picks a free one)
  --host ADDRESS address to listen on (or ${ENVIRONMENT.host}; default 127.0.0.1 in local mode)
  --no-scheduler answer messages only: send no reminders or digests

Without --local it needs ${ENVIRONMENT.appId}, ${ENVIRONMENT.appPassword} and ${ENVIRONMENT.tenantId}; see docs/bot.md.`;

async function main(): Promise<number> {
  let flags;
  try {
    flags = parseArgs({
      options: {
        local: { type: 'boolean' },
        data: { type: 'string' },
        partnership: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'no-scheduler': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`ptrack-bot: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  const { 'no-scheduler': noScheduler, help: _help, ...settings } = flags;
  const config = loadBotConfig(process.env, settings);
  if (!config.success) {
    console.error(`ptrack-bot: ${config.error.message}`);
    return 2;
  }
  if (config.data.dataFile === null) {
    console.error(`ptrack-bot: which partnership? Give the data file (or a postgres:// URL) with --data or ${ENVIRONMENT.dataFile}.`);
    return 2;
  }
  const onPostgres = isDatabaseUrl(config.data.dataFile);
  // Several instances may share one database: each catches up with the others' commits, and
  // the outbox's claims (with their lease) make every message go out once.
  const store = onPostgres ? await openPgStore(config.data.dataFile, config.data.partnership ?? undefined) : await openFileStore(config.data.dataFile);
  if (!store.success) {
    console.error(`ptrack-bot: ${store.error.message}`);
    return 1;
  }
  // Never the URL itself: it may carry a password.
  const dataLabel = store.data instanceof PgStore ? `partnership "${store.data.partnership}" in ${describeDatabaseUrl(config.data.dataFile)}` : config.data.dataFile;
  const log = (line: string) => console.log(`ptrack-bot: ${line}`);
  const clock = { now: () => new Date() };
  const scheduler = noScheduler
    ? undefined
    : (sender: Parameters<typeof createScheduler>[0]['sender']) =>
        createScheduler({
          store: store.data,
          clock,
          sender,
          onReport: (report) => {
            if (report.sent.length > 0 || report.failed.length > 0 || report.errors.length > 0) {
              log(`scheduler at ${report.at}: ${report.sent.length} sent, ${report.failed.length} failed, ${report.errors.length} left for later`);
            }
          },
          onError: (error) => log(`scheduler tick failed: ${(error as Error).stack ?? String(error)}`),
        });
  let server;
  try {
    server = await startBotServer({ config: config.data, store: store.data, clock, log, ...(scheduler ? { scheduler } : {}) });
  } catch (error) {
    await store.data.close();
    console.error(`ptrack-bot: ${(error as Error).message}`);
    return 1;
  }
  if (config.data.mode === 'local') {
    console.log(
      [
        '',
        '  ************************************************************************',
        '  *  LOCAL MODE: NO AUTHENTICATION. Anyone on this machine can act as    *',
        '  *  anyone. For development and tests only; never expose this port.     *',
        '  ************************************************************************',
        '',
      ].join('\n'),
    );
  }
  // Scripts (npm start, the Agents Playground) read this line for the endpoint.
  console.log(`ptrack-bot listening on ${server.url} (messaging endpoint ${server.url}/api/messages, data ${dataLabel})`);
  if (noScheduler) log('the scheduler is off (--no-scheduler): no reminders or digests will be sent.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error(`ptrack-bot: ${signal} again; exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`ptrack-bot: ${signal}: finishing requests in flight, then stopping.`);
    await server.close();
    await store.data.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(`ptrack-bot: unexpected error: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
