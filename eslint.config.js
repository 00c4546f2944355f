// The layer rules of ../shared/design/STYLE.md, enforced: a violation fails `npm run lint`.
// test/layers.test.ts proves each rule with a deliberately bad import.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'process', 'timers', 'timers/*', 'worker_threads', 'stream', 'url'];

/** Imports that a pure-domain file must never make. */
const commonForbidden = {
  paths: [],
  patterns: [
    { group: nodeBuiltins, message: 'core/common is pure domain code: no Node built-ins (files, network, clock). Put I/O in core/src/node.' },
    { group: ['lowdb', 'lowdb/*', 'proper-lockfile'], message: 'core/common must not touch storage libraries; use the Store interface.' },
    { group: ['**/node/**', '**/node'], message: 'core/common must not import from core/src/node.' },
    { group: ['@partnership-tracker/*'], message: 'core depends on nothing of ours.' },
  ],
};

const channelSdks = ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams-ai/*', '@slack/*'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['@partnership-tracker/*/src/*'], message: 'Import a package through its entry point.' }] }],
    },
  },
  {
    files: ['packages/core/src/common/**/*.ts', 'packages/core/src/index.ts'],
    rules: {
      'no-restricted-imports': ['error', commonForbidden],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'core/common reads no environment: take it as an argument.' },
        { name: 'console', message: 'core/common prints nothing: return a value.' },
        { name: 'setTimeout', message: 'core/common has no timers.' },
        { name: 'setInterval', message: 'core/common has no timers.' },
        { name: 'fetch', message: 'core/common does no network I/O.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is an input: take `now` as an argument instead of reading the clock.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time is an input: take `now` as an argument instead of reading the clock.' },
      ],
    },
  },
  {
    // Funding and delivery are their own tables: what they share with engagement is arithmetic,
    // which lives in base/. (This block replaces the one above for these files, so it repeats it.)
    files: ['packages/core/src/common/funding/**/*.ts', 'packages/core/src/common/plan/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...commonForbidden, patterns: [
        ...commonForbidden.patterns,
        { group: ['**/engagement/*', '**/engagement'], message: 'Funding and delivery do not depend on engagement: shared arithmetic lives in core/src/common/base.' },
      ] }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/common/**', 'packages/core/src/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@partnership-tracker/*'], message: 'core depends on nothing of ours.' }] }],
    },
  },
  {
    files: ['packages/cli/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@partnership-tracker/bot', '@partnership-tracker/bot/*', '**/bot/src/**'], message: 'cli and bot never import each other; share through core.' },
        { group: ['**/core/src/**'], message: 'Import core through @partnership-tracker/core.' },
        { group: channelSdks, message: 'Channel SDKs belong to the bot.' },
      ] }],
    },
  },
  {
    files: ['packages/bot/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@partnership-tracker/cli', '@partnership-tracker/cli/*', '**/cli/src/**'], message: 'cli and bot never import each other; share through core.' },
        { group: ['**/core/src/**'], message: 'Import core through @partnership-tracker/core.' },
      ] }],
    },
  },
  {
    // Channel-neutral bot code: a new Teams or Slack SDK must touch only its own folder.
    files: ['packages/bot/src/**/*.ts'],
    ignores: ['packages/bot/src/teams/**', 'packages/bot/src/slack/**', 'packages/bot/src/server/**', 'packages/bot/src/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@partnership-tracker/cli', '@partnership-tracker/cli/*', '**/cli/src/**'], message: 'cli and bot never import each other; share through core.' },
        { group: ['**/core/src/**'], message: 'Import core through @partnership-tracker/core.' },
        { group: channelSdks, message: 'Channel SDKs stay in bot/src/teams or bot/src/slack.' },
      ] }],
    },
  },
);
