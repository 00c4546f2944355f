import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';

/** The parts of Microsoft's `adaptivecards` library the check uses. */
interface AdaptiveCardsLibrary {
  SerializationContext: new () => { targetVersion: unknown; eventCount: number; getEventAt(index: number): { message: string } };
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: Array<{ message: string }> };
  };
  Versions: { v1_5: unknown };
}

// The library's `lib` entry does not load in Node; its `dist` bundle (UMD) does.
const adaptiveCards = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsLibrary;

// Microsoft's library ignores properties it does not know and checks no lengths, so a subset
// schema of our own still catches a misspelt property (`wrapp`), a missing input id and the
// Teams-only limits; the library catches unknown elements, invalid values, duplicate ids and
// inputs Teams would show without a label or an error message.
const schemaPath = new URL('../../schemas/adaptive-card-1.5.subset.json', import.meta.url);
const ajv = new Ajv({
  allErrors: true,
  strictTypes: false,
  formats: {
    uri: (value: string) => URL.canParse(value),
    'uri-reference': (value: string) => value.length > 0 && !/\s/.test(value),
  },
});
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

/** What Microsoft's Adaptive Cards library reports about a card, as Teams' renderer would parse it (1.5). */
function libraryErrors(card: unknown): string[] {
  const context = new adaptiveCards.SerializationContext();
  context.targetVersion = adaptiveCards.Versions.v1_5;
  const parsed = new adaptiveCards.AdaptiveCard();
  parsed.parse(card, context);
  const events = Array.from({ length: context.eventCount }, (_, index) => context.getEventAt(index).message);
  return [...events, ...parsed.validateProperties().validationEvents.map((event) => event.message)].map((message) => `adaptivecards: ${message}`);
}

/**
 * The problems of a card as `path: message` lines, from the subset schema and from Microsoft's
 * `adaptivecards` library; empty when the card is valid Adaptive Card 1.5.
 */
export function cardErrors(card: unknown): string[] {
  const schema = validate(card)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '(card)'}: ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  return [...schema, ...libraryErrors(card)];
}
