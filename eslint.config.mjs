// Lint rules: typescript-eslint's recommended set, plus the layering rule of DESIGN.md
// (the browser-safe core and the Angular package never import Node built-ins).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/dist/', 'coverage/', 'docs/api/', '**/node_modules/', '.tmp/', '**/.angular/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'packages/angular/src/**/*.ts'],
    ignores: ['src/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(node:.*|fs|http|https|net|stream|path|os|crypto|zlib|child_process)(/.*)?$',
              message:
                'This code runs in browsers: Node built-ins belong in src/node or in a Node package under packages/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/emulator/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(mistral-batch-rx|@mistral-batch-rx/)',
              message:
                'The emulator imports no client code: it must stay an independent implementation of the wire contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
