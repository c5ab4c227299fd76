// The versioned storage item that holds the user's settings (shape, defaults, migrations and repair:
// lib/settings.ts). Reads always give whole settings: a value from an older version is migrated,
// and a missing or damaged field falls back to its default (and is logged).
//
// Written here on browser.storage.sync instead of with WXT's storage utility: this module runs in
// every meeting tab's content script, where that utility and its dependencies were 10 kB of the
// script's 108 kB. The stored layout is the one the utility wrote, so settings saved by earlier
// versions read as they were: the value under `settings`, its version under `settings$` as `{ v }`
// (a value stored with no version is version 1).
import { browser } from 'wxt/browser';
import { completeSettings, DEFAULT_SETTINGS, migrateSettings, SETTINGS_VERSION, type Settings } from '../lib/settings';

const KEY = 'settings';
const VERSION_KEY = `${KEY}$`;

function whole(stored: unknown): Settings {
  const { settings, repaired } = completeSettings(stored ?? DEFAULT_SETTINGS);
  if (repaired.length > 0) console.warn(`[listening-coach] settings repaired with defaults: ${repaired.join(', ')}`);
  return settings;
}

function storedVersion(meta: unknown): number {
  const v = (meta as { v?: unknown } | null)?.v;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

/** Settings stored by an older version are migrated and written back once per context, before
 *  the first read or write; should that write fail, reads still migrate what they find. */
let migrated: Promise<void> | null = null;
function migrateStored(): Promise<void> {
  migrated ??= (async () => {
    const stored = await browser.storage.sync.get([KEY, VERSION_KEY]);
    const version = storedVersion(stored[VERSION_KEY]);
    if (stored[KEY] == null || version >= SETTINGS_VERSION) return;
    await browser.storage.sync.set({
      [KEY]: migrateSettings(stored[KEY], version),
      [VERSION_KEY]: { v: SETTINGS_VERSION },
    });
  })().catch((error: unknown) => console.error('[listening-coach] settings migration failed', error));
  return migrated;
}

export const settingsItem = {
  async getValue(): Promise<Settings> {
    await migrateStored();
    const stored = await browser.storage.sync.get([KEY, VERSION_KEY]);
    return whole(stored[KEY] == null ? null : migrateSettings(stored[KEY], storedVersion(stored[VERSION_KEY])));
  },
  async setValue(settings: Settings): Promise<void> {
    await migrateStored();
    await browser.storage.sync.set({ [KEY]: settings, [VERSION_KEY]: { v: SETTINGS_VERSION } });
  },
  /** Returns the function that stops watching. */
  watch(callback: (settings: Settings) => void): () => void {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[KEY];
      if (area === 'sync' && change) callback(whole(change.newValue));
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};

export type SettingsChange = (settings: Settings) => Settings;

export interface SettingsEditor {
  /** Shows the change at once, then stores it, on the latest stored settings, after the changes
   *  made before it. Rejects when the write fails (the shown settings go back to the stored ones). */
  update(change: SettingsChange): Promise<void>;
  /** Stops following stored changes. */
  stop(): void;
}

/**
 * The settings as a page that changes them shows them: `show` gets each change within the event
 * that made it, so a controlled switch re-renders with its new value before the click ends. Shown
 * only once stored, it was put back by the view at the end of the click and flipped again when the
 * storage change arrived (a flicker on every switch of the settings page). Writes go one at a time,
 * so two quick changes cannot each store the settings read before the other; a change stored
 * elsewhere (a meeting tab's overlay, a second settings page) shows with the changes still being
 * written laid over it. Every change sets values (never toggles one), so laying it over settings
 * that already hold it changes nothing.
 */
export function editSettings(initial: Settings, show: (settings: Settings) => void): SettingsEditor {
  let stored = initial;
  const unsaved: SettingsChange[] = [];
  let writing: Promise<unknown> = Promise.resolve();
  const shown = () => unsaved.reduce((settings, change) => change(settings), stored);
  const stop = settingsItem.watch((settings) => {
    stored = settings;
    show(shown());
  });
  return {
    update(change) {
      unsaved.push(change);
      show(shown());
      const write = writing.then(async () => {
        try {
          const next = change(await settingsItem.getValue());
          await settingsItem.setValue(next);
          stored = next;
        } finally {
          unsaved.splice(unsaved.indexOf(change), 1);
        }
      });
      // A change that could not be stored is not shown either.
      writing = write.catch(() => show(shown()));
      return write;
    },
    stop,
  };
}
