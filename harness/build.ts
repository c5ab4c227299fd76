// Builds the extension when .output is older than any source it is built from, so end-to-end tests
// always run the code under test. Called from the e2e project's globalSetup (once per run).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');

const SOURCES = ['entrypoints', 'extension', 'lib', 'components', 'public', 'wxt.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isBuildStale(): boolean {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

export function ensureExtensionBuilt(log: (line: string) => void = () => {}): void {
  if (!isBuildStale()) return;
  log('building the extension (wxt build)…');
  // vitest sets NODE_ENV=test, which would make Vite build React's development JSX runtime.
  const env = { ...process.env, NODE_ENV: 'production' };
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * The speech model the built extension carries: 'yamnet' when `npm run setup` found one before the
 * build, 'none' in a clone without ../shared or a network (the coach then runs on its detector
 * alone). In CI a build without the model is a failure, not a skip.
 */
export function builtSpeechModel(): 'yamnet' | 'none' {
  if (existsSync(join(EXTENSION_DIR, 'model/yamnet.tflite'))) return 'yamnet';
  if (process.env.CI === 'true')
    throw new Error('the built extension has no speech model: run `npm run setup` before the tests (required in CI)');
  return 'none';
}

/** Why a test that needs the speech model cannot run (said once on stderr), or null when it can. */
export function speechModelMissing(what: string): string | null {
  if (builtSpeechModel() === 'yamnet') return null;
  const why = `the built extension has no speech model (public/model/yamnet.tflite: run \`npm run setup\`)`;
  console.warn(`[e2e] skipping ${what}: ${why}`);
  return why;
}
