// '#i18n' for the overlay gallery (scripts/screenshots.ts), a plain page without chrome.i18n: the
// same @wxt-dev/i18n, over the built English messages (gallery-chrome.ts, imported first).
import './gallery-chrome';
import { createI18n } from '@wxt-dev/i18n';
import type { GeneratedI18nStructure } from '../.wxt/i18n/structure';

export const i18n = createI18n<GeneratedI18nStructure>();
