// chrome.i18n for the overlay gallery's plain page, over the English messages that
// scripts/screenshots.ts puts into the bundle (esbuild `define`).
declare const GALLERY_MESSAGES: Record<string, { message: string }>;

const table = GALLERY_MESSAGES;
(globalThis as { chrome?: unknown }).chrome = {
  i18n: {
    getMessage: (name: string, subs: string[] = []) =>
      (table[name]?.message ?? '').replace(/\$(\$|[1-9])/g, (_: string, which: string) =>
        which === '$' ? '$' : (subs[Number(which) - 1] ?? ''),
      ),
  },
  runtime: {},
};
