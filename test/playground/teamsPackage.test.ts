import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRgbaPng, readZip, type ZipEntry } from './archive.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const packageScript = join(root, 'packages/bot/scripts/packageTeamsApp.mjs');
const appId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const run = promisify(execFile);

/** The package script's own functions, so the tests check the validation it runs before writing. */
const { createManifest, validateManifest, manifestSchemaPath } = (await import(pathToFileURL(packageScript).href)) as {
  createManifest(settings: { appId: string; version: string }): Record<string, unknown>;
  validateManifest(manifest: unknown): string[];
  manifestSchemaPath(version: string): string;
};

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
  for (const name of ['PTRACK_BOT_APP_ID', 'MICROSOFT_APP_ID']) if (!(name in env)) delete childEnv[name];
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
    const result = await packageWith({ PTRACK_BOT_APP_ID: appId }, ['--out', zipPath]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    entries = readZip(readFileSync(zipPath));
    manifest = JSON.parse(entries.find((entry) => entry.name === 'manifest.json')?.data.toString('utf8') ?? 'null') as Manifest;
  });
  afterAll(() => rmSync(workFolder, { recursive: true, force: true }));

  it('zips the manifest and both icons at the root of the archive', () => {
    expect(entries.map((entry) => entry.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it("writes a manifest that is valid against Microsoft's official schema for its version", () => {
    expect(validateManifest(manifest)).toEqual([]);
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
      expect(list.commands.map((command) => command.title)).toEqual(['help', 'my actions', 'update', 'snooze', 'attendance', 'digest', 'engagement', 'funding']);
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

  it('is byte-for-byte the same package for the same inputs, whatever the time zone', async () => {
    const again = join(workFolder, 'again.zip');
    expect((await packageWith({ PTRACK_BOT_APP_ID: appId, TZ: 'Pacific/Auckland' }, ['--out', again])).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(zipPath))).toBe(true);
  });

  it('builds the archive and the icons with well-kept libraries, not hand-written encoders (issue 17)', () => {
    expect(existsSync(join(root, 'packages/bot/scripts/zip.mjs'))).toBe(false);
    expect(existsSync(join(root, 'packages/bot/scripts/png.mjs'))).toBe(false);
    const { devDependencies } = JSON.parse(readFileSync(join(root, 'packages/bot/package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(Object.keys(devDependencies)).toEqual(expect.arrayContaining(['fflate', 'pngjs']));
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
      "package:teams: No bot app id: set PTRACK_BOT_APP_ID (or pass --app-id) to the Application (client) ID of the bot's Microsoft Entra app registration.
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

  it('also accepts the Teams Toolkit’s MICROSOFT_APP_ID', async () => {
    const out = join(workFolder, 'toolkit.zip');
    expect((await packageWith({ MICROSOFT_APP_ID: appId }, ['--out', out])).code).toBe(0);
    const manifest = JSON.parse(readZip(readFileSync(out)).find((entry) => entry.name === 'manifest.json')!.data.toString('utf8')) as Manifest;
    expect(manifest.bots[0]!.botId).toBe(appId);
  });

  it('prefers --app-id over MICROSOFT_APP_ID', async () => {
    const out = join(workFolder, 'flag.zip');
    const flagId = '00000000-1111-2222-3333-444444444444';
    expect((await packageWith({ MICROSOFT_APP_ID: appId }, ['--app-id', flagId, '--out', out])).code).toBe(0);
    const flagged = JSON.parse(readZip(readFileSync(out)).find((entry) => entry.name === 'manifest.json')!.data.toString('utf8')) as Manifest;
    expect(flagged.bots[0]!.botId).toBe(flagId);
  });
});

/** A valid manifest with one change made by `change`. */
function manifestWith(change: (manifest: Record<string, any>) => void): Record<string, unknown> {
  // A JSON copy, not structuredClone: the two menus share one commands array, and a change to one must not reach the other.
  const manifest = JSON.parse(JSON.stringify(createManifest({ appId, version: '1.0.0' }))) as Record<string, any>;
  change(manifest);
  return manifest;
}

describe("validation against Microsoft's official Teams manifest schema (issue 17)", () => {
  it('reads the schema of the manifest version from Microsoft\'s @microsoft/app-manifest package', () => {
    const path = manifestSchemaPath('1.22');
    expect(path).toMatch(/node_modules\/@microsoft\/app-manifest\/.*\/v1\.22\/MicrosoftTeams\.schema\.json$/);
    expect((JSON.parse(readFileSync(path, 'utf8')) as { $schema: string }).$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(existsSync(join(root, 'packages/bot/teams-app/schema'))).toBe(false);
  });

  it('accepts the manifest built from the template', () => {
    expect(validateManifest(createManifest({ appId, version: '0.1.0' }))).toEqual([]);
  });

  // Each row is one mistake Teams would refuse at upload, and the message that names it.
  it.each([
    ['an 11th command in a menu', (m) => { m.bots[0].commandLists[0].commands.push(...[1, 2, 3, 4].map((n) => ({ title: `extra ${n}`, description: 'More' }))); }, '/bots/0/commandLists/0/commands must NOT have more than 10 items'],
    ['a command without a description', (m) => { delete m.bots[0].commandLists[0].commands[1].description; }, "/bots/0/commandLists/0/commands/1 must have required property 'description'"],
    ['a misspelt top-level property', (m) => { m.accentColour = m.accentColor; delete m.accentColor; }, "(root) must have required property 'accentColor'\n(root) must NOT have additional properties: accentColour"],
    ['a misspelt bot property', (m) => { m.bots[0].isNotificationsOnly = false; }, '/bots/0 must NOT have additional properties: isNotificationsOnly'],
    ['a misspelt command property', (m) => { m.bots[0].commandLists[0].commands[0].tilte = 'help'; }, '/bots/0/commandLists/0/commands/0 must NOT have additional properties: tilte'],
    ['a bot id that is not a GUID', (m) => { m.bots[0].botId = 'partnership-bot'; }, '/bots/0/botId must match pattern "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$"'],
    ['an app id that is not a GUID', (m) => { m.id = '{6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b}'; }, '/id must match pattern "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$"'],
    ['a scope Teams does not know', (m) => { m.bots[0].scopes = ['personal', 'channel']; }, '/bots/0/scopes/1 must be equal to one of the allowed values: team, personal, groupChat, copilot'],
    ['a 33-character developer name', (m) => { m.developer.name = 'x'.repeat(33); }, '/developer/name must NOT have more than 32 characters'],
    ['a 31-character short name', (m) => { m.name.short = 'x'.repeat(31); }, '/name/short must NOT have more than 30 characters'],
    ['a 101-character full name', (m) => { m.name.full = 'x'.repeat(101); }, '/name/full must NOT have more than 100 characters'],
    ['an 81-character short description', (m) => { m.description.short = 'x'.repeat(81); }, '/description/short must NOT have more than 80 characters'],
    ['a 4001-character full description', (m) => { m.description.full = 'x'.repeat(4001); }, '/description/full must NOT have more than 4000 characters'],
    ['an accent colour by name', (m) => { m.accentColor = 'teal'; }, '/accentColor must match pattern "^#[0-9a-fA-F]{6}$"'],
    ['a permission Teams does not know', (m) => { m.permissions = ['identity', 'camera']; }, '/permissions/1 must be equal to one of the allowed values: identity, messageTeamMembers'],
    ['single sign-on with a non-GUID app id', (m) => { m.webApplicationInfo = { id: 'bot', resource: 'api://example.org/bot' }; }, expect.stringMatching(/^\/webApplicationInfo\/id must match pattern/)],
    ['a second bot', (m) => { m.bots.push(m.bots[0]); }, '/bots must NOT have more than 1 items'],
    ['a manifest version with no official schema', (m) => { m.manifestVersion = '1.99'; }, '/manifestVersion "1.99" is not a Teams manifest version with an official schema'],
    ['a missing developer', (m) => { delete m.developer; }, "(root) must have required property 'developer'"],
  ] satisfies [string, (manifest: Record<string, any>) => void, unknown][])('rejects %s', (_mistake, change, message) => {
    expect(validateManifest(manifestWith(change)).join('\n')).toEqual(message);
  });

});
