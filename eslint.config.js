// Lint rules, including the layering of ARCHITECTURE.md: each layer may import only what the
// arrows allow. Breaking a layer fails `npm run lint` (and so `npm test`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'net', 'zlib'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'test-results', 'playwright-report', 'bench/tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
  },
  {
    files: ['src/shared/**'],
    rules: restrict(
      [
        '**/main/**',
        '**/renderer/**',
        '**/preload/**',
        '**/cli/**',
        '**/host/**',
        'electron',
        ...NODE_BUILTINS,
      ],
      'src/shared is pure and imported by every layer: it may import only src/shared and zod.',
    ),
  },
  {
    files: ['src/main/core/**'],
    rules: restrict(
      [
        'electron',
        '**/renderer/**',
        '**/preload/**',
        '**/cli/**',
        '**/host/**',
        '../../main/*.ts',
        '../index',
      ],
      'src/main/core is plain Node: no Electron, no UI, no CLI or host code.',
    ),
  },
  {
    files: ['src/renderer/**'],
    rules: restrict(
      ['**/main/**', '**/preload/**', '**/cli/**', '**/host/**', 'electron', ...NODE_BUILTINS],
      'The renderer is untrusted: it reaches the core only through the contract client.',
    ),
  },
  {
    files: ['src/preload/**'],
    rules: restrict(
      ['**/main/**', '**/renderer/**', '**/cli/**', '**/host/**', ...NODE_BUILTINS],
      'The preload only bridges contract channels.',
    ),
  },
  {
    files: ['src/cli/**', 'src/host/**'],
    rules: restrict(['electron', '**/renderer/**', '**/preload/**'], 'CLI and host run on plain Node.'),
  },
);
