// The project's shape, checked: lib/ is the pure core (conventions.md, "What we adopt" 1) that
// Node runs directly, so no browser or extension globals and no Node APIs live there.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../cli/recording';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Code without comments and string contents, so prose and messages do not trip the checks. */
function codeOf(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

describe('lib/ is pure', () => {
  const files = sources(join(PROJECT_ROOT, 'lib'));
  it.each(files.map((f) => [relative(PROJECT_ROOT, f), f]))(
    '%s uses no browser, extension or Node globals',
    (_, file) => {
      expect(codeOf(file)).not.toMatch(
        /\b(?:window|document|navigator|chrome|browser|AudioContext|AudioWorklet|indexedDB|localStorage|process)\b/,
      );
      const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^(\.|idb$)/);
    },
  );
});
