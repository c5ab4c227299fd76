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
