#!/usr/bin/env node
// Builds the Teams app package (manifest.json + colour and outline icons, zipped) ready to
// upload in Teams or the Developer Portal. `npm run package:teams` at the repository root runs it.
//
//   PTRACK_BOT_APP_ID=<bot app id> node packages/bot/scripts/packageTeamsApp.mjs [--out FILE]
// (the same variable the bot reads; MICROSOFT_APP_ID, the Teams Toolkit's name, is accepted too)
//   node packages/bot/scripts/packageTeamsApp.mjs --app-id <bot app id> [--out FILE]
//
// The manifest is checked against Microsoft's official Teams manifest schema for its
// manifestVersion (shipped in the @microsoft/app-manifest package) before anything is written.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { zipSync } from 'fflate';
import pngjs from 'pngjs';

const botFolder = fileURLToPath(new URL('..', import.meta.url));
const teamsAppFolder = resolve(botFolder, 'teams-app');

/** The default place the package is written. */
export const defaultOutput = resolve(botFolder, 'dist', 'teams-app.zip');

const guidPattern = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const teamsVersionPattern = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

/** The icons the manifest names, with the size Teams requires of each. */
const icons = [
  { file: 'color.png', width: 192, height: 192 },
  { file: 'outline.png', width: 32, height: 32 },
];

/** Replaces every string `${{NAME}}` in a JSON value with `values[NAME]`. */
function fillPlaceholders(value, values) {
  if (typeof value === 'string') {
    const match = /^\$\{\{(\w+)\}\}$/.exec(value);
    if (match === null) return value;
    if (!(match[1] in values)) throw new Error(`manifest.template.json: no value for placeholder ${value}`);
    return values[match[1]];
  }
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, values)]));
  }
  return value;
}

/**
 * Builds the manifest object for a bot app id and app version.
 * @param {{appId: string, version: string}} settings
 */
export function createManifest({ appId, version }) {
  const template = JSON.parse(readFileSync(resolve(teamsAppFolder, 'manifest.template.json'), 'utf8'));
  const commands = JSON.parse(readFileSync(resolve(teamsAppFolder, 'commands.json'), 'utf8'));
  return fillPlaceholders(template, { MICROSOFT_APP_ID: appId, VERSION: version, COMMANDS: commands });
}

/** Where Microsoft's package keeps the official Teams manifest schemas, one folder per version (v1.0 … v1.30). */
const officialSchemas = resolve(dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');

/**
 * The official schema file for a manifest version, e.g. `…/v1.22/MicrosoftTeams.schema.json`.
 * @param {string} version
 */
export function manifestSchemaPath(version) {
  return resolve(officialSchemas, `v${version}`, 'MicrosoftTeams.schema.json');
}

/**
 * Checks a manifest against Microsoft's official schema for its `manifestVersion` (JSON Schema
 * draft-04, hence ajv-draft-04); returns one message per problem.
 * @param {unknown} manifest
 * @returns {string[]}
 */
export function validateManifest(manifest) {
  const version = manifest !== null && typeof manifest === 'object' ? manifest.manifestVersion : undefined;
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version) || !existsSync(manifestSchemaPath(version))) {
    return [`/manifestVersion ${JSON.stringify(version)} is not a Teams manifest version with an official schema`];
  }
  const schema = JSON.parse(readFileSync(manifestSchemaPath(version), 'utf8'));
  // Microsoft's schemas use keywords of their own (e.g. deprecationMessage), so not strict; formats are checked.
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message}${describeParams(error.params)}`);
}

/** The detail that makes an ajv message actionable: the allowed values or the unexpected property. */
function describeParams(params) {
  if (params && 'allowedValues' in params) return `: ${params.allowedValues.join(', ')}`;
  if (params && 'allowedValue' in params) return `: ${JSON.stringify(params.allowedValue)}`;
  if (params && 'additionalProperty' in params) return `: ${params.additionalProperty}`;
  return '';
}

/** Reads the bot package's version, which Teams needs as plain major.minor.patch. */
function readVersion() {
  const { version } = JSON.parse(readFileSync(resolve(botFolder, 'package.json'), 'utf8'));
  if (typeof version !== 'string' || !teamsVersionPattern.test(version)) {
    throw new UsageError(`packages/bot/package.json has version ${JSON.stringify(version)}; Teams needs major.minor.patch, e.g. 1.2.3.`);
  }
  return version;
}

class UsageError extends Error {}

// A fixed timestamp (1980-01-01 00:00, the earliest a ZIP can hold) makes the package
// byte-for-byte reproducible. fflate reads a Date's local fields, so build it from local fields.
const zipTime = new Date(1980, 0, 1, 0, 0, 0);

/**
 * The package as a ZIP archive: the files at its root, each deflated, in the order given.
 * @param {{name: string, data: Buffer}[]} files
 */
function createZip(files) {
  return Buffer.from(zipSync(Object.fromEntries(files.map(({ name, data }) => [name, [new Uint8Array(data), { level: 9, mtime: zipTime }]]))));
}

function readIcons() {
  return icons.map(({ file, width, height }) => {
    const data = readFileSync(resolve(teamsAppFolder, file));
    let header;
    try {
      header = pngjs.PNG.sync.read(data);
    } catch (error) {
      throw new UsageError(`packages/bot/teams-app/${file} is not a PNG image Teams can use (${error.message}).`);
    }
    if (header.width !== width || header.height !== height) {
      throw new UsageError(`packages/bot/teams-app/${file} is ${header.width}×${header.height}; Teams needs ${width}×${height}.`);
    }
    return { name: file, data };
  });
}

/**
 * Builds the package and writes it; returns where it was written.
 * @param {{appId: string | undefined, out: string}} options
 */
export function packageTeamsApp({ appId, out }) {
  if (appId === undefined || appId.trim() === '') {
    throw new UsageError('No bot app id: set PTRACK_BOT_APP_ID (or pass --app-id) to the Application (client) ID of the bot\'s Microsoft Entra app registration.');
  }
  if (!guidPattern.test(appId.trim())) {
    throw new UsageError(`The bot app id ${JSON.stringify(appId)} is not a GUID; use the Application (client) ID of the bot's Microsoft Entra app registration, e.g. 00000000-0000-0000-0000-000000000000.`);
  }
  const manifest = createManifest({ appId: appId.trim(), version: readVersion() });
  const problems = validateManifest(manifest);
  if (problems.length > 0) throw new UsageError(`manifest.json does not match the Teams manifest schema ${manifest.manifestVersion}:\n  ${problems.join('\n  ')}`);
  const files = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }, ...readIcons()];
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, createZip(files));
  return { out, manifest };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  try {
    const { values } = parseArgs({
      options: { 'app-id': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (values.help) {
      console.log('Usage: PTRACK_BOT_APP_ID=<guid> node packages/bot/scripts/packageTeamsApp.mjs [--app-id <guid>] [--out <file.zip>]');
      process.exit(0);
    }
    const { out, manifest } = packageTeamsApp({
      appId: values['app-id'] ?? process.env.PTRACK_BOT_APP_ID ?? process.env.MICROSOFT_APP_ID,
      out: resolve(values.out ?? defaultOutput),
    });
    console.log(`Wrote ${relative(process.cwd(), out) || out}: ${manifest.name.short} ${manifest.version} for bot ${manifest.bots[0].botId} (manifest ${manifest.manifestVersion}).`);
    console.log('Upload it in Teams (Apps > Manage your apps > Upload an app) or in the Teams Developer Portal.');
  } catch (error) {
    if (error instanceof UsageError || error?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || error?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      console.error(`package:teams: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
