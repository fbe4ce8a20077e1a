// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './eslint/layers.js';

const electronOnlyInApp = {
  paths: [
    {
      name: 'electron',
      message: "Only main/app/ may import 'electron'; keep logic in main/core (plain Node).",
    },
  ],
  patterns: [{ group: ['electron/*'], message: "Only main/app/ may import 'electron'." }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'renderer/dist/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'no-restricted-imports': ['error', electronOnlyInApp],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // The arrows between the parts (docs/architecture.md, "What may import what").
    files: ['protocol/**/*.ts', 'broker/**/*.ts', 'main/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { apppass: layers },
    rules: { 'apppass/layers': 'error' },
  },
  {
    files: ['main/app/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInApp,
          patterns: [
            ...electronOnlyInApp.patterns,
            {
              group: ['node:*'],
              message: 'The renderer talks to main only through window.apppass.',
            },
          ],
        },
      ],
    },
  },
);
