// Drives the Microsoft 365 Agents Playground (the offline Teams-like client) the way its web page
// does, so an end-to-end test can hold a conversation with a bot through a real Teams emulator:
//
//   start    `agentsplayground --dt -e <bot endpoint> -c msteams -p <port>` headless
//            (TEAMSAPPTESTER_BROWSER=none) and wait for "Listening on <port>"
//   config   GET  /_internal/v1/testConfig            → the default user, the bot, the personal chat
//   send     POST /_conversation/v1/conversations/<personal chat id>/messages
//                 {type:'text', text, textFormat:'plain', from:{id:<user id>}}
//   post     POST /_conversation/v1/conversations/<channel id>/messages, the same with
//                 mentions:[{mentioned:{id,name}, text:'<at>name</at>'}]: a new post in a team's
//                 channel (the bot hears only posts that @mention it); the answer names the post's
//                 conversation, `<channel id>;messageid=<id>`
//   receive  WebSocket /_ws_conversation/v1/conversations/stream
//                 {action:'createMessage'|'updateMessage'|'typing', actionConversationId, message}
//   submit   POST /_conversation/v1/submit   (an Adaptive Card Action.Submit: a message with a value)
//   execute  POST /_conversation/v1/invoke   (an Adaptive Card Action.Execute: an adaptiveCard/action
//                 invoke; the HTTP response is the bot's invoke response body)
//
// These are the Playground's internal endpoints (read from its client bundle, version 0.2.x), not a
// published API: if an upgrade breaks this file, look in
// node_modules/@microsoft/m365agentsplayground/dist/client/static/js/main.*.js for "_conversation/v1".
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Where the Playground's CLI is installed (a dev dependency of the bot). */
export const playgroundCli = createRequire(`${root}packages/bot/package.json`).resolve('@microsoft/m365agentsplayground/cli.js');

/** A user of the Playground's mock tenant. */
export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}

/** A card or other attachment on a message, as the Playground renders it. */
export interface PlaygroundAttachment {
  contentType: string;
  content: unknown;
}

/** A message the bot sent, as the Playground's chat shows it. */
export interface PlaygroundMessage {
  messageId: string;
  /** The conversation id the bot sees (the Playground's own id for the chat differs). */
  conversationId: string;
  from: { id: string };
  text?: string;
  textFormat?: string;
  attachments: PlaygroundAttachment[];
}

/** An Adaptive Card's `Action.Execute`, as the card defines it. */
export interface ExecuteAction {
  verb: string;
  data?: unknown;
  title?: string;
}

/** How to start the Playground. */
export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** The Playground's port; a free one when omitted. */
  port?: number;
  /** How long to wait for the Playground to start (ms). */
  startTimeout?: number;
  /** How long `say`, `submit` and `waitFor` wait for the bot by default (ms). */
  replyTimeout?: number;
  /** Receives the Playground's own output, for debugging. */
  log?: (line: string) => void;
}

/** Says whether the replies so far are all that a step waits for. */
export type RepliesAreComplete = (replies: PlaygroundMessage[]) => boolean;

const atLeastOne: RepliesAreComplete = (replies) => replies.length > 0;

interface StreamEvent {
  action: string;
  actionConversationId: string;
  message?: Omit<PlaygroundMessage, 'conversationId'> & { attachments?: PlaygroundAttachment[] };
}

/** A channel of the Playground's mock team. */
export interface PlaygroundChannel {
  id: string;
  name: string;
}

interface TestConfig {
  config: {
    bot: { id: string; name: string };
    currentUser: PlaygroundUser;
    personalChat: { id: string; name: string };
    teams: Array<{ id: string; name: string; channels: PlaygroundChannel[] }>;
  };
}

/** Finds a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves when `isDone()` holds, checking whenever `changed` fires; rejects after `timeout` ms with `describe()`. */
function waitUntil(isDone: () => boolean, subscribe: (changed: () => void) => () => void, timeout: number, describe: () => string): Promise<void> {
  if (isDone()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(describe()));
    }, timeout);
    const unsubscribe = subscribe(() => {
      if (!isDone()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** A running Agents Playground with one default user chatting to the bot in a personal chat. */
export class Playground {
  /** Every message the bot has sent, in order. */
  readonly messages: PlaygroundMessage[] = [];
  private readonly listeners = new Set<() => void>();
  private exited = false;

  private constructor(
    /** The Playground process when this harness started it; undefined when it only connected. */
    private readonly child: ChildProcess | undefined,
    private readonly socket: WebSocket,
    /** The Playground's address, e.g. http://127.0.0.1:56150 — open it in a browser to watch. */
    readonly url: string,
    /** The default user, Alex Wilber (aadObjectId 00000000-0000-0000-0000-0000000000020). */
    readonly user: PlaygroundUser,
    /** The bot as the Playground knows it. */
    readonly bot: { id: string; name: string },
    private readonly personalChatId: string,
    /** The channels of the mock team ("General", "Announcements"). */
    readonly channels: readonly PlaygroundChannel[],
    private readonly replyTimeout: number,
    /** What the Playground printed, for error messages. */
    private readonly output: string[],
  ) {
    child?.once('exit', () => {
      this.exited = true;
      this.notify();
    });
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as StreamEvent;
      if ((event.action !== 'createMessage' && event.action !== 'updateMessage') || event.message === undefined) return;
      if (event.message.from.id !== bot.id) return;
      const message: PlaygroundMessage = { ...event.message, attachments: event.message.attachments ?? [], conversationId: event.actionConversationId };
      const existing = this.messages.findIndex((known) => known.messageId === message.messageId);
      if (existing >= 0) this.messages[existing] = message;
      else this.messages.push(message);
      this.notify();
    });
  }

  /** Starts the Playground headless, telemetry off, pointed at a bot, and connects to its conversation stream. */
  static async start(options: PlaygroundOptions): Promise<Playground> {
    const port = options.port ?? (await freePort());
    const folder = mkdtempSync(join(tmpdir(), 'agents-playground-'));
    // scripts/loopbackOnly.cjs keeps it off the network, as `npm start` does.
    const child = spawn(process.execPath, ['--require', `${root}scripts/loopbackOnly.cjs`, playgroundCli, '--dt', '-e', options.botEndpoint, '-c', 'msteams', '-p', String(port)], {
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      // It writes devTools/m365agentsplayground.log into its working folder: keep that out of the repository.
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    const output: string[] = [];
    try {
      const actualPort = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`The Agents Playground did not start within ${options.startTimeout ?? 20_000} ms:\n${output.join('')}`)), options.startTimeout ?? 20_000);
        const onData = (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          output.push(text);
          options.log?.(text);
          // It falls back to a random port if the one asked for is taken, so read the real one.
          const listening = /Listening on (\d+)/.exec(output.join(''));
          if (listening) {
            clearTimeout(timer);
            resolve(Number(listening[1]));
          }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`The Agents Playground exited (${signal ?? code}) before listening:\n${output.join('')}`));
        });
      });
      return await Playground.attach(`http://127.0.0.1:${actualPort}`, child, options.replyTimeout, output);
    } catch (error) {
      await stopChild(child);
      throw error;
    }
  }

  /** Connects to a Playground that is already running (e.g. the one `npm start` started) without owning its process. */
  static async connect(url: string, options: { replyTimeout?: number } = {}): Promise<Playground> {
    return Playground.attach(url.replace(/\/$/, ''), undefined, options.replyTimeout, []);
  }

  private static async attach(url: string, child: ChildProcess | undefined, replyTimeout = 10_000, output: string[]): Promise<Playground> {
    const response = await fetch(`${url}/_internal/v1/testConfig`);
    if (!response.ok) throw new Error(`GET ${url}/_internal/v1/testConfig: HTTP ${response.status}`);
    const { config } = (await response.json()) as TestConfig;
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new Playground(child, socket, url, config.currentUser, config.bot, config.personalChat.id, config.teams.flatMap((team) => team.channels), replyTimeout, output);
  }

  /** Types `text` into the personal chat as the default user; resolves with the bot's replies once `until` holds. */
  async say(text: string, until: RepliesAreComplete = atLeastOne, timeout = this.replyTimeout): Promise<PlaygroundMessage[]> {
    const mark = this.messages.length;
    await this.post(`/_conversation/v1/conversations/${this.personalChatId}/messages`, { type: 'text', text, textFormat: 'plain', from: { id: this.user.id } });
    return this.waitFor(mark, until, timeout, `after saying ${JSON.stringify(text)}`);
  }

  /**
   * Starts a new post in a team channel (by name) as the default user, @mentioning the bot in
   * front of `text` as Teams does; resolves with the bot's replies once `until` holds.
   */
  async postInChannel(channelName: string, text: string, until: RepliesAreComplete = atLeastOne, timeout = this.replyTimeout): Promise<PlaygroundMessage[]> {
    const channel = this.channels.find((c) => c.name === channelName);
    if (!channel) throw new Error(`The Playground's team has no channel "${channelName}" (it has ${this.channels.map((c) => c.name).join(', ')}).`);
    const mark = this.messages.length;
    const mention = `<at>${this.bot.name}</at>`;
    await this.post(`/_conversation/v1/conversations/${encodeURIComponent(channel.id)}/messages`, {
      type: 'text',
      text: `${mention} ${text}`,
      textFormat: 'plain',
      from: { id: this.user.id },
      mentions: [{ mentioned: { id: this.bot.id, name: this.bot.name }, text: mention }],
    });
    return this.waitFor(mark, until, timeout, `after posting ${JSON.stringify(text)} in ${channelName}`);
  }

  /** Presses an Adaptive Card's Action.Submit on a bot message, sending `data` (with the card's inputs merged in by the caller). */
  async submit(message: PlaygroundMessage, data: Record<string, unknown>, until: RepliesAreComplete = atLeastOne, timeout = this.replyTimeout): Promise<PlaygroundMessage[]> {
    const mark = this.messages.length;
    await this.post('/_conversation/v1/submit', { conversation: { id: this.personalChatId }, replyToId: message.messageId, value: data, from: { id: this.user.id } });
    return this.waitFor(mark, until, timeout, `after submitting ${JSON.stringify(data)}`);
  }

  /** Presses an Adaptive Card's Action.Execute on a bot message; resolves with the bot's invoke response body. */
  async execute(message: PlaygroundMessage, action: ExecuteAction): Promise<unknown> {
    const response = await this.post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      conversation: { id: this.personalChatId },
      replyToId: message.messageId,
      value: { action: { type: 'Action.Execute', title: action.title, verb: action.verb, data: action.data } },
      from: { id: this.user.id },
    });
    const body = await response.text();
    return body === '' ? undefined : (JSON.parse(body) as unknown);
  }

  /** Resolves with the bot messages that arrived after index `mark` once `until` holds for them. */
  async waitFor(mark: number, until: RepliesAreComplete = atLeastOne, timeout = this.replyTimeout, context = ''): Promise<PlaygroundMessage[]> {
    const replies = () => this.messages.slice(mark);
    await waitUntil(
      () => this.exited || until(replies()),
      (changed) => {
        this.listeners.add(changed);
        return () => this.listeners.delete(changed);
      },
      timeout,
      () => `The bot's replies ${context} were not complete within ${timeout} ms. Got:\n${JSON.stringify(replies(), null, 2)}`,
    );
    if (this.exited) throw new Error(`The Agents Playground exited ${context}:\n${this.output.join('')}`);
    return replies();
  }

  /** Disconnects, and stops the Playground if this harness started it; safe to call twice. */
  async stop(): Promise<void> {
    this.socket.removeAllListeners('message');
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    if (this.child !== undefined) await stopChild(this.child);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async post(path: string, body: unknown): Promise<Response> {
    const response = await fetch(`${this.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
    return response;
  }
}

/** Stops a child process: SIGTERM, then SIGKILL if it has not exited within two seconds. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
}
