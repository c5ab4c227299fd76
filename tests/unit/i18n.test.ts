// The messages as Chrome reads them: a message Chrome cannot parse keeps the whole extension from
// loading, so every rule it applies is checked here, for every locale.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMessages } from '../support/i18n';

const LOCALES = readdirSync(resolve(import.meta.dirname, '../../locales')).map((file) => file.replace(/\.yml$/, ''));
const english = loadMessages('en');
const substitutions = (message: string) => new Set(message.match(/\$[1-9]/g) ?? []);

describe('messages', () => {
  it.each(LOCALES)('%s: names and placeholders Chrome accepts', (locale) => {
    for (const [name, { message }] of Object.entries(loadMessages(locale))) {
      expect(name, name).toMatch(/^[A-Za-z0-9_@]+$/);
      // "$3$" would read as a named placeholder that is not defined: Chrome refuses the extension.
      expect(message, name).not.toMatch(/\$[A-Za-z0-9_]+\$/);
    }
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s: only messages English has, with the same substitutions', (locale) => {
    for (const [name, { message }] of Object.entries(loadMessages(locale))) {
      expect(english[name], name).toBeDefined();
      expect(substitutions(message), name).toEqual(substitutions(english[name]!.message));
    }
  });

  it('names the extension and its store description within Chrome’s limits', () => {
    expect(english.extName?.message.length).toBeLessThanOrEqual(75);
    for (const locale of LOCALES)
      expect((loadMessages(locale).extDescription ?? english.extDescription)?.message.length).toBeLessThanOrEqual(132);
  });
});
