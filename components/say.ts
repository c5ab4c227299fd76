// The one way views put words on screen: the browser's i18n (@wxt-dev/i18n over chrome.i18n, so the
// messages come from _locales/ built from locales/*.yml), for texts the coaching core describes as
// data (lib/coaching/text.ts) and for the views' own messages (`t`, typed by the message keys).
import { i18n } from '#i18n';
import type { Text } from '../lib/coaching/text';

/** i18n.t without the per-key overloads, for keys that arrive as data. */
const untyped = i18n.t as unknown as (key: string, ...args: unknown[]) => string;

export const t = i18n.t;

export function say(text: Text): string {
  const subs = text.subs?.map((sub) => (typeof sub === 'string' ? sub : say(sub)));
  if (text.count !== undefined) return untyped(text.key, text.count, subs ?? [String(text.count)]);
  return subs && subs.length > 0 ? untyped(text.key, subs) : untyped(text.key);
}
