// The versioned storage item that holds the user's settings (shape, defaults, migrations and repair:
// lib/settings.ts). Reads always give whole settings: a value from an older version is migrated by
// WXT's versioned item, and a missing or damaged field falls back to its default (and is logged).
import { storage } from 'wxt/utils/storage';
import {
  completeSettings,
  DEFAULT_SETTINGS,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  type Settings,
} from '../lib/settings';

/** WXT names each migration by the version it reaches; lib/settings.ts by the version it starts from. */
const migrationsByTarget = Object.fromEntries(
  Object.entries(SETTINGS_MIGRATIONS).map(([from, step]) => [Number(from) + 1, step]),
) as Record<number, (settings: any) => Settings>; // eslint-disable-line @typescript-eslint/no-explicit-any

const item = storage.defineItem<Settings>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: migrationsByTarget,
});

function whole(stored: unknown): Settings {
  const { settings, repaired } = completeSettings(stored);
  if (repaired.length > 0) console.warn(`[listening-coach] settings repaired with defaults: ${repaired.join(', ')}`);
  return settings;
}

export const settingsItem = {
  async getValue(): Promise<Settings> {
    return whole(await item.getValue());
  },
  setValue(settings: Settings): Promise<void> {
    return item.setValue(settings);
  },
  /** Returns the function that stops watching. */
  watch(callback: (settings: Settings) => void): () => void {
    return item.watch((settings) => callback(whole(settings)));
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
