import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRgbaPng, readZip, type ZipEntry } from './archive.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const packageScript = join(root, 'packages/bot/scripts/packageTeamsApp.mjs');
const schemaPath = join(root, 'packages/bot/teams-app/schema/MicrosoftTeams.schema.json');
const appId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const run = promisify(execFile);

/** The subset of ajv 8 the tests use; ajv 8 is the bot's dev dependency (the root has ajv 6 for eslint). */
interface Validator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}
const { Ajv } = createRequire(join(root, 'packages/bot/package.json'))('ajv') as {
  Ajv: new (options: object) => { compile(schema: object): Validator };
};

function compileTeamsSchema(): Validator {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  delete schema.$schema; // draft-04, which ajv 8 does not bundle; see the keyword check below
  return new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
}

/** The parts of manifest.json these tests read. */
interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  name: { short: string };
  accentColor: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
}

async function packageWith(env: Record<string, string>, args: string[]) {
  const childEnv = { ...process.env, ...env };
  if (!('MICROSOFT_APP_ID' in env)) delete childEnv.MICROSOFT_APP_ID;
  try {
    const { stdout, stderr } = await run(process.execPath, [packageScript, ...args], { env: childEnv, cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run package:teams', () => {
  let workFolder: string;
  let zipPath: string;
  let entries: ZipEntry[];
  let manifest: Manifest;

  beforeAll(async () => {
    workFolder = mkdtempSync(join(tmpdir(), 'teams-package-'));
    zipPath = join(workFolder, 'teams-app.zip');
    const result = await packageWith({ MICROSOFT_APP_ID: appId }, ['--out', zipPath]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    entries = readZip(readFileSync(zipPath));
    manifest = JSON.parse(entries.find((entry) => entry.name === 'manifest.json')?.data.toString('utf8') ?? 'null') as Manifest;
  });
  afterAll(() => rmSync(workFolder, { recursive: true, force: true }));

  it('zips the manifest and both icons at the root of the archive', () => {
    expect(entries.map((entry) => entry.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('writes a manifest that is valid against the committed Teams schema', () => {
    const validate = compileTeamsSchema();
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
  });

  it('names the app and points the bot and the app at the given app id', () => {
    expect(manifest.name.short).toBe('Partnership Tracker');
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0]!.botId).toBe(appId);
    expect(manifest.bots[0]!.scopes).toEqual(['personal', 'team']);
  });

  it('takes the version from the bot package', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'packages/bot/package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(version);
  });

  it('offers every bot command in personal chats and in teams', () => {
    const lists = manifest.bots[0]!.commandLists;
    expect(lists.map((list) => list.scopes)).toEqual([['personal'], ['team']]);
    for (const list of lists) {
      expect(list.commands.map((command) => command.title)).toEqual(['help', 'my actions', 'update', 'attendance', 'digest', 'engagement', 'funding']);
      // Teams shows at most 32 characters of a title in the command menu.
      for (const command of list.commands) expect(command.title.length).toBeLessThanOrEqual(32);
    }
  });

  it('ships a 192×192 opaque colour icon and a 32×32 white-on-transparent outline icon', () => {
    const colour = decodeRgbaPng(entries.find((entry) => entry.name === 'color.png')!.data);
    const outline = decodeRgbaPng(entries.find((entry) => entry.name === 'outline.png')!.data);
    expect([colour.width, colour.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);

    const outlinePixels = Array.from({ length: 32 * 32 }, (_, index) => [...outline.rgba.subarray(index * 4, index * 4 + 4)]);
    const visible = outlinePixels.filter(([, , , alpha]) => alpha! > 0);
    expect(visible.every(([red, green, blue]) => red === 255 && green === 255 && blue === 255)).toBe(true);
    expect(visible.length).toBeGreaterThan(100); // something is drawn…
    expect(outlinePixels.filter(([, , , alpha]) => alpha === 0).length).toBeGreaterThan(300); // …on transparency

    const corner = [...colour.rgba.subarray(0, 4)];
    const accent = manifest.accentColor.match(/[0-9A-F]{2}/gi)!.map((hex) => parseInt(hex, 16));
    expect(corner).toEqual([...accent, 255]);
  });

  it('commits the icons the drawing script draws', () => {
    expect(() => execFileSync(process.execPath, [join(root, 'packages/bot/scripts/drawIcons.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it.skipIf(!existsSync('/usr/bin/unzip'))('writes a zip that Info-ZIP reads without errors', () => {
    expect(execFileSync('/usr/bin/unzip', ['-t', zipPath], { encoding: 'utf8' })).toContain('No errors detected');
  });

  it('fails clearly and writes nothing when no app id is given', async () => {
    const out = join(workFolder, 'none.zip');
    const result = await packageWith({}, ['--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatchInlineSnapshot(`
      "package:teams: No bot app id: set MICROSOFT_APP_ID (or pass --app-id) to the Application (client) ID of the bot's Microsoft Entra app registration.
      "
    `);
    expect(existsSync(out)).toBe(false);
  });

  it('fails clearly and writes nothing when the app id is not a GUID', async () => {
    const out = join(workFolder, 'bad.zip');
    const result = await packageWith({ MICROSOFT_APP_ID: appId }, ['--app-id', 'partnership-bot', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The bot app id "partnership-bot" is not a GUID');
    expect(existsSync(out)).toBe(false);
  });

  it('prefers --app-id over MICROSOFT_APP_ID', async () => {
    const out = join(workFolder, 'flag.zip');
    const flagId = '00000000-1111-2222-3333-444444444444';
    expect((await packageWith({ MICROSOFT_APP_ID: appId }, ['--app-id', flagId, '--out', out])).code).toBe(0);
    const flagged = JSON.parse(readZip(readFileSync(out)).find((entry) => entry.name === 'manifest.json')!.data.toString('utf8')) as Manifest;
    expect(flagged.bots[0]!.botId).toBe(flagId);
  });
});

describe('the committed Teams manifest schema', () => {
  it('rejects a manifest Teams would reject', () => {
    const validate = compileTeamsSchema();
    const manifest = { manifestVersion: '1.22', version: '1.0.0', id: 'not-a-guid', accentColor: 'teal' };
    expect(validate(manifest)).toBe(false);
    const paths = (validate.errors ?? []).map((error) => error.instancePath);
    expect(paths).toEqual(expect.arrayContaining(['/id', '/accentColor']));
  });

  it('uses no draft-04 keyword whose meaning later changed, so ajv 8 validates it exactly', () => {
    const text = readFileSync(schemaPath, 'utf8');
    expect((JSON.parse(text) as { $schema: string }).$schema).toBe('http://json-schema.org/draft-04/schema#');
    // Boolean exclusiveMinimum/Maximum and `id` as a schema identifier are draft-04 only.
    expect(text).not.toMatch(/"exclusive(Minimum|Maximum)"/);
    expect(text).not.toMatch(/"id":\s*"/);
  });
});
