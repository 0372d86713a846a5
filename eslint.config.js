// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Bot and web frameworks: only the channels (and the composition in app/) speak to them. */
const BOT_FRAMEWORKS = ['botkit', 'botkit/*', 'botbuilder', 'botbuilder-*', 'botframework-*', 'express', 'ws'];
/** And the storage and logging libraries, for the pure layers. */
const FRAMEWORKS = [...BOT_FRAMEWORKS, 'lowdb', 'lowdb/*', 'pino'];

/** A no-restricted-imports rule for files of a layer: the layers and packages it may not import. */
function layer(files, forbiddenLayers, forbiddenPackages) {
  const patterns = [
    ...forbiddenLayers.map((name) => ({
      group: [`**/${name}/*`, `**/src/${name}/*`],
      message: `une couche ne dépend que des couches en dessous d'elle : « ${name}/ » est interdit ici (README, « Layers »)`,
    })),
    ...(forbiddenPackages.length > 0 ? [{ group: forbiddenPackages, message: 'cette couche ne parle pas à ce framework : passez par une interface (README, « Layers »)' }] : []),
  ];
  return [{ files, rules: { 'no-restricted-imports': ['error', { patterns }] } }];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: 'error',
    },
  },
  // Which layer may import which (README « Layers »): dependencies run one way only, from the
  // channels and the services down to the conversation, the domain, the content and the text.
  ...layer(['src/content/**', 'src/text/**'], ['app', 'cli', 'channels', 'services', 'conversation', 'infra', 'domain'], FRAMEWORKS),
  ...layer(['src/domain/**'], ['app', 'cli', 'channels', 'services', 'conversation', 'infra'], FRAMEWORKS),
  ...layer(['dialogs/**'], ['app', 'cli', 'channels', 'services', 'infra'], FRAMEWORKS),
  ...layer(['src/conversation/**'], ['app', 'cli', 'channels', 'services', 'infra'], [...BOT_FRAMEWORKS, 'lowdb', 'lowdb/*']),
  ...layer(['src/infra/**'], ['app', 'cli', 'channels', 'services', 'conversation'], BOT_FRAMEWORKS),
  ...layer(['src/services/**'], ['app', 'cli', 'channels'], BOT_FRAMEWORKS),
  ...layer(['src/channels/**'], ['app', 'cli'], []),
  {
    // A module's unit test sits beside it (src/**/<module>.test.ts) and builds its cases from the
    // real content store or templates (infra/content, infra/templates, test/helpers): the layers
    // rule what the running code depends on, and a test is not part of it.
    files: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The web chat client and the Teams tab run in the browser as plain scripts.
    files: ['src/channels/web/public/**/*.js', 'src/channels/teams/tab/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser, microsoftTeams: 'readonly' }, sourceType: 'script' },
  },
);
