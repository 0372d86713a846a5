// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
  {
    // The web chat client and the Teams tab run in the browser as plain scripts.
    files: ['src/channels/web/public/**/*.js', 'src/channels/teams/tab/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser, microsoftTeams: 'readonly' }, sourceType: 'script' },
  },
);
