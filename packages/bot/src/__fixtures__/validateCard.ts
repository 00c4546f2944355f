import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

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

/** The schema errors of a card as `path: message` lines; empty when the card is valid Adaptive Card 1.5. */
export function cardErrors(card: unknown): string[] {
  if (validate(card)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(card)'}: ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
