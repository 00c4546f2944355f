import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layer rules fail the lint', () => {
  it.each([
    ['core/common reading files', 'packages/core/src/common/plan/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['core/common importing lowdb', 'packages/core/src/common/store/bad.ts', "import { Low } from 'lowdb';\nexport const x = Low;\n"],
    ['core/common importing the node layer', 'packages/core/src/common/store/bad.ts', "import { x as y } from '../../node/fileStore.js';\nexport const x = y;\n"],
    ['core/common reading the clock', 'packages/core/src/common/plan/bad.ts', 'export const now = new Date();\n'],
    ['core/common reading the clock with Date.now', 'packages/core/src/common/plan/bad.ts', 'export const now = Date.now();\n'],
    ['core/common reading the environment', 'packages/core/src/common/plan/bad.ts', 'export const env = process.env.HOME;\n'],
    ['core importing the cli', 'packages/core/src/node/bad.ts', "import { x as y } from '@partnership-tracker/cli';\nexport const x = y;\n"],
    ['the cli importing the bot', 'packages/cli/src/bad.ts', "import { x as y } from '@partnership-tracker/bot';\nexport const x = y;\n"],
    ['the bot importing the cli', 'packages/bot/src/app/bad.ts', "import { x as y } from '@partnership-tracker/cli';\nexport const x = y;\n"],
    ['channel-neutral bot code importing botbuilder', 'packages/bot/src/app/bad.ts', "import { CardFactory } from 'botbuilder';\nexport const x = CardFactory;\n"],
    ['funding importing engagement (shared arithmetic lives in base/)', 'packages/core/src/common/funding/bad.ts', "import { roundHalfUp } from '../engagement/engagement.js';\nexport const x = roundHalfUp;\n"],
    ['delivery importing engagement', 'packages/core/src/common/plan/bad.ts', "import { roundHalfUp } from '../engagement/engagement.js';\nexport const x = roundHalfUp;\n"],
    ['funding reading files, as any core/common module', 'packages/core/src/common/funding/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['the cli importing a channel SDK', 'packages/cli/src/bad.ts', "import { App } from '@slack/bolt';\nexport const x = App;\n"],
  ])('%s is an error', async (_name, filePath, code) => {
    const found = await problems(filePath, code);
    expect(found.some((p) => p.startsWith('no-restricted'))).toBe(true);
  });

  it.each([
    ['funding importing shared arithmetic from base/', 'packages/core/src/common/funding/fine.ts', "import { roundHalfUp } from '../base/rounding.js';\nexport const x = roundHalfUp;\n"],
    ['core/common importing zod', 'packages/core/src/common/plan/fine.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['the node layer reading files', 'packages/core/src/node/fine.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['the Teams folder importing botbuilder', 'packages/bot/src/teams/fine.ts', "import { CardFactory } from 'botbuilder';\nexport const x = CardFactory;\n"],
    ['the cli importing core', 'packages/cli/src/fine.ts', "import { parsePeriod } from '@partnership-tracker/core';\nexport const x = parsePeriod;\n"],
  ])('%s is allowed', async (_name, filePath, code) => {
    expect(await problems(filePath, code)).toEqual([]);
  });
});
