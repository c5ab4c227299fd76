// chrome.i18n for tests, from locales/en.yml through @wxt-dev/i18n's own build step, so a test reads
// exactly the English the extension ships. Installed for every test by tests/support/i18n-setup.ts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateChromeMessagesText, parseMessagesText } from '@wxt-dev/i18n/build';

type ChromeMessages = Record<string, { message: string }>;

export function loadMessages(locale = 'en'): ChromeMessages {
  const source = readFileSync(resolve(import.meta.dirname, `../../locales/${locale}.yml`), 'utf8');
  return JSON.parse(generateChromeMessagesText(parseMessagesText(source, 'YAML')));
}

/** chrome.i18n.getMessage's rules: $1…$9 are the substitutions, $$ is a dollar sign. A missing
 *  message throws (Chrome would show nothing), so a typo fails the test that meets it. */
export function messageReader(messages: ChromeMessages) {
  return (name: string, substitutions?: string | string[]): string => {
    const entry = messages[name];
    if (!entry) throw new Error(`no message "${name}" in locales/en.yml`);
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
      which === '$' ? '$' : (subs[Number(which) - 1] ?? ''),
    );
  };
}
