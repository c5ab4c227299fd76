// Lint: typescript-eslint's recommended rules, React's hook rules, and the one rule of the
// architecture a type checker cannot see: `lib/` is the pure core that Node tests run directly and
// the extension bundles for the browser, so it may lean on neither: no browser global, no WXT
// import, no Node built-in module or global. Formatting is Prettier's job (`npm run format`), so
// no formatting rules here.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const BROWSER_ONLY_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'chrome',
  'browser',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'AudioContext',
  'OfflineAudioContext',
  'AudioWorkletNode',
  'MediaStream',
  'MediaStreamTrack',
  'MediaRecorder',
  'RTCPeerConnection',
  'HTMLElement',
  'HTMLMediaElement',
  'MutationObserver',
  'requestAnimationFrame',
].map((name) => ({
  name,
  message: 'lib/ is the browser-free core (run by Node tests): take what the browser gives as a parameter.',
}));

const NODE_ONLY_MESSAGE = 'lib/ also runs in the browser: no Node built-in; take what Node gives as a parameter.';
const NODE_ONLY_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global'].map(
  (name) => ({ name, message: NODE_ONLY_MESSAGE }),
);

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.wxt/',
      '.cache/',
      'public/',
      'bench-results/',
      'tests/fixtures/',
      'tests/e2e/sites/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node, ...globals.webextensions },
    },
    rules: {
      // Unused names are the compiler's (noUnusedLocals/noUnusedParameters); `_name` marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.tsx', 'components/**', 'extension/**', 'entrypoints/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['lib/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-globals': ['error', ...BROWSER_ONLY_GLOBALS, ...NODE_ONLY_GLOBALS],
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: NODE_ONLY_MESSAGE })),
          patterns: [
            { group: ['node:*'], message: NODE_ONLY_MESSAGE },
            { group: ['wxt', 'wxt/*', '#imports', '@wxt-dev/*'], message: 'lib/ must run in Node: no WXT.' },
            { group: ['**/extension/**', '**/entrypoints/**', '**/components/**'], message: 'lib/ imports only lib/.' },
            { group: ['react', 'react-dom', 'react-dom/*', 'idb'], message: 'lib/ must run in Node without a DOM.' },
          ],
        },
      ],
    },
  },
);
