// chrome.i18n for the overlay gallery's plain page, from the messages the screenshot build wrote.
import messages from '../.output/screenshots/chrome-mv3/_locales/en/messages.json';

const table = messages as Record<string, { message: string }>;
(globalThis as { chrome?: unknown }).chrome = {
  i18n: {
    getMessage: (name: string, subs: string[] = []) =>
      (table[name]?.message ?? '').replace(/\$(\$|[1-9])/g, (_: string, which: string) => (which === '$' ? '$' : (subs[Number(which) - 1] ?? ''))),
  },
  runtime: {},
};
