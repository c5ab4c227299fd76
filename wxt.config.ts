import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere: a reader can follow every name to its file.
  imports: false,
  manifest: {
    name: 'Listening Coach',
    description: 'On-device coaching for better listening in video meetings: talk share, interruptions, backchannels.',
    permissions: ['storage', 'offscreen', 'tabCapture', 'scripting'],
    optional_host_permissions: ['https://*/*'],
    content_security_policy: {
      // MediaPipe's wasm needs 'wasm-unsafe-eval' (shared/docs/architecture.md); nothing else is loosened.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
  },
});
