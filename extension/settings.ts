// The versioned storage item that holds the user's settings (shape and defaults: lib/settings.ts).
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../lib/settings';

export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: {},
});
