import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'wxt';
import { MEETING_MATCHES } from './lib/sites/hosts';
import { MOONSHINE_DECODER, MOONSHINE_ENCODER, moonshinePieces } from './cli/moonshine-files';
import { RECOGNISER_FILES } from './extension/words/recogniser-files';

/** MediaPipe's wasm runtime (the classic-worker build), copied from node_modules into the build at
 *  /mediapipe/ so no copy is committed. Only the SIMD build: every Chrome that runs MV3 extensions
 *  has wasm SIMD (since 91), and the non-SIMD twin was 6.4 MB of the package. Were it ever missing,
 *  the speech model would not load and the coach would go on on its detector alone, and say so. */
const MEDIAPIPE_WASM_FILES = ['audio_wasm_internal.js', 'audio_wasm_internal.wasm'];
const mediapipeWasmDir = dirname(
  createRequire(import.meta.url).resolve('@mediapipe/tasks-audio/audio_wasm_internal.js'),
);

/** The speech recogniser ("Understand words, on this device", docs/words.md): Moonshine Tiny's
 *  weights from the @moonshine-ai/moonshine-js package, its vocabulary, and onnxruntime-web's
 *  SIMD wasm (run on one thread) with its loader, copied from node_modules into /words/ so no copy
 *  is committed. */
const ORT_FILES = ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs'].map((name) => ({
  name,
  path: createRequire(import.meta.url).resolve(`onnxruntime-web/${name}`),
}));

/** React's entry points as the content script imports them, answered by Preact's. */
const PREACT_ALIASES = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  // Explicit imports everywhere: a reader can follow every name to its file.
  imports: false,
  hooks: {
    // The content script runs in every meeting tab: its overlay renders with Preact (through
    // preact/compat, so the view stays one React component, tested and shot with React) instead of
    // react-dom, which was 205 KB of the script's 293 KB. The extension's own pages keep React.
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.some((entrypoint) => entrypoint.type === 'content-script')) return;
      config.resolve ??= {};
      const existing = config.resolve.alias ?? [];
      const aliases = Array.isArray(existing)
        ? existing
        : Object.entries(existing).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      config.resolve.alias = [...PREACT_ALIASES, ...aliases];
    },
    async 'build:publicAssets'(_wxt, files) {
      // Whether the speech model made it into this build, for the settings page: asking for a file
      // that is not there would log a load error in the page (a clone without the model).
      const yamnet = existsSync(join(import.meta.dirname, 'public/model/yamnet.tflite'));
      files.push({ contents: JSON.stringify({ yamnet }), relativeDest: 'model-status.json' });
      for (const name of MEDIAPIPE_WASM_FILES) {
        files.push({ absoluteSrc: join(mediapipeWasmDir, name), relativeDest: `mediapipe/${name}` });
      }
      const at = (path: string) => path.replace(/^\//, '');
      files.push({ absoluteSrc: MOONSHINE_ENCODER, relativeDest: at(RECOGNISER_FILES.encoder) });
      files.push({ absoluteSrc: MOONSHINE_DECODER, relativeDest: at(RECOGNISER_FILES.decoder) });
      for (const { name, path } of ORT_FILES)
        files.push({ absoluteSrc: path, relativeDest: `${at(RECOGNISER_FILES.runtimeDir)}${name}` });
      files.push({ contents: (await moonshinePieces()).join('\n'), relativeDest: at(RECOGNISER_FILES.vocabulary) });
    },
  },
  manifest: {
    // Words from locales/<lang>.yml (@wxt-dev/i18n); English when the browser's language has none.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    permissions: ['storage', 'offscreen', 'tabCapture', 'scripting'],
    // Asked for only when the person allows the end-of-call recap (welcome page, settings): no
    // install warning for those who never want it.
    optional_permissions: ['notifications'],
    // The meeting hosts the content scripts run on anyway (the same install warning): needed to find
    // and script meeting tabs left open across an update (extension/background/open-tabs.ts).
    host_permissions: [...MEETING_MATCHES],
    // Sites the person adds, asked for one by one at run time (custom-sites.ts).
    optional_host_permissions: ['https://*/*'],
    // No web page and no other extension may message the background (the default lets any extension).
    externally_connectable: { ids: [] },
    content_security_policy: {
      // MediaPipe's wasm needs 'wasm-unsafe-eval' (shared/docs/architecture.md); nothing else is loosened.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    web_accessible_resources: [
      {
        // Loaded by the content script into the meeting page: the audio worklet (blob: worklets
        // are blocked by page CSPs), the extension-origin frame that runs the speech model, and the
        // overlay's styles. On every https page, because sites the person adds are registered at
        // run time (extension/background/custom-sites.ts). (`use_dynamic_url` would hide the
        // extension from pages probing for it, but the frame and the worklet do not load from
        // dynamic URLs in Chromium 156.)
        resources: ['capture-worklet.js', 'classifier.html', 'content-scripts/content.css'],
        matches: ['https://*/*'],
      },
    ],
    commands: {
      'toggle-tab-capture': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandTabCapture__',
      },
    },
  },
});
