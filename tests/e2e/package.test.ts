// What the build puts in every meeting tab and in the store's package: sizes are budgets here, not
// timings (the content script loads in each meeting tab beside the meeting's own app).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from '../../harness/build';

/** The content script's budget (issue "The first minute"): 293 kB with react-dom, 94.8 kB on 2026-12-03. */
const CONTENT_SCRIPT_MAX_BYTES = 100_000;

describe('the built package', () => {
  it('keeps the content script within its budget', () => {
    const bytes = statSync(join(EXTENSION_DIR, 'content-scripts/content.js')).size;
    console.info(`[e2e] content script ${(bytes / 1000).toFixed(1)} kB`);
    expect(bytes).toBeLessThanOrEqual(CONTENT_SCRIPT_MAX_BYTES);
  });

  it("packs only MediaPipe's SIMD wasm build", () => {
    expect(readdirSync(join(EXTENSION_DIR, 'mediapipe')).sort()).toEqual([
      'audio_wasm_internal.js',
      'audio_wasm_internal.wasm',
    ]);
  });
});
