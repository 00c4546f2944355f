import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoCard, startEchoBot, type EchoBot } from './echoBot.mjs';
import { Playground, type PlaygroundMessage } from './playgroundClient.js';

const adaptiveCard = 'application/vnd.microsoft.card.adaptive';
const textAndCard = (replies: PlaygroundMessage[]) => replies.length >= 2;

describe('the Agents Playground harness, against a botbuilder echo bot', () => {
  let bot: EchoBot;
  let playground: Playground;
  let card: PlaygroundMessage;

  beforeAll(async () => {
    bot = await startEchoBot();
    playground = await Playground.start({ botEndpoint: bot.endpoint });
  });
  afterAll(async () => {
    await playground?.stop();
    await bot?.close();
  });

  it('delivers a typed message to the bot as the Playground’s default user, in a personal chat', async () => {
    await playground.say('hello', textAndCard);
    const [activity] = bot.received;
    expect(activity).toMatchObject({ type: 'message', text: 'hello', channelId: 'msteams', conversation: { conversationType: 'personal' } });
    expect(activity?.from?.aadObjectId).toBe('00000000-0000-0000-0000-0000000000020');
    expect(playground.user.aadObjectId).toBe('00000000-0000-0000-0000-0000000000020');
  });

  it('shows the bot’s text reply and its Adaptive Card', () => {
    const [text, cardMessage] = playground.messages;
    expect(text?.text).toBe('You said: hello (from 00000000-0000-0000-0000-0000000000020)');
    expect(cardMessage?.attachments).toEqual([{ contentType: adaptiveCard, content: echoCard }]);
    card = cardMessage!;
  });

  it('sends an Action.Submit to the bot as a message value and shows the reply', async () => {
    const replies = await playground.submit(card, { kind: 'echo-submit', note: 'met the ICB lead' });
    expect(replies.map((reply) => reply.text)).toEqual(['You submitted {"kind":"echo-submit","note":"met the ICB lead"}']);
    expect(bot.received.at(-1)).toMatchObject({ type: 'message', value: { kind: 'echo-submit', note: 'met the ICB lead' } });
  });

  it('sends an Action.Execute to the bot as an adaptiveCard/action invoke and returns its response', async () => {
    const response = await playground.execute(card, { verb: 'echo-execute', data: { kind: 'echo-execute' } });
    expect(response).toEqual({ type: 'application/vnd.microsoft.activity.message', value: 'Executed echo-execute' });
    expect(bot.received.at(-1)).toMatchObject({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { verb: 'echo-execute' } } });
  });

  it('says what arrived when the bot’s replies are not complete in time', async () => {
    const neverEnough = (replies: PlaygroundMessage[]) => replies.length > 2;
    await expect(playground.say('again', neverEnough, 1_000)).rejects.toThrow(/after saying "again" were not complete within 1000 ms\. Got:[\s\S]*You said: again/);
  });
});

describe('stopping the Playground', () => {
  it('ends its process and frees its port', async () => {
    const bot = await startEchoBot();
    try {
      const playground = await Playground.start({ botEndpoint: bot.endpoint });
      expect((await fetch(`${playground.url}/_debug/ping`)).status).toBe(200);
      await playground.stop();
      await expect(fetch(`${playground.url}/_debug/ping`)).rejects.toThrow();
      await playground.stop(); // a second stop is harmless
    } finally {
      await bot.close();
    }
  });
});
