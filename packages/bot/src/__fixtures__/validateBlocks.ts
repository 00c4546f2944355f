import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

// Slack publishes no machine-readable Block Kit schema, so this is a subset of our own: exactly the
// blocks and elements the bot sends, with Slack's documented limits. The fake Slack API refuses a
// payload that breaks it with `invalid_blocks`, as Slack would refuse the whole message.
const schemaPath = new URL('../../schemas/slack-block-kit.subset.json', import.meta.url);
const ajv = new Ajv({ allErrors: true, strictTypes: false, formats: { uri: (value: string) => URL.canParse(value) } });
ajv.addSchema(JSON.parse(readFileSync(schemaPath, 'utf8')) as object, 'blockKit');

/** What Slack would refuse in a message's blocks, a modal or a Home tab; empty when it is valid. */
export function blockKitErrors(surface: 'message' | 'modal' | 'home', payload: unknown): string[] {
  const validate = ajv.getSchema(`blockKit#/definitions/${surface}`)!;
  if (validate(payload)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);
}
