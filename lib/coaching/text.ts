// Words for people, as data: the coaching core says *which* message to show and with what figures,
// and the views say it in the browser's language (components/say.ts, through @wxt-dev/i18n). So
// lib/ stays free of browser APIs and Node tests read the same English the extension shows.
// Type only, generated from locales/en.yml by `wxt prepare` (postinstall): nothing of the
// browser's i18n is loaded here.
import type { GeneratedI18nStructure } from '../../.wxt/i18n/structure';

/** A message of locales/en.yml (nested keys joined with dots). */
export type MessageKey = keyof GeneratedI18nStructure & string;

export interface Text {
  readonly key: MessageKey;
  /** $1, $2, … in the message (a Text among them is said first: "your target for a $1");
   *  for a plural message $1 is the count. */
  readonly subs?: readonly Sub[];
  /** Picks the plural form ("1 call" | "$1 calls"). */
  readonly count?: number;
}

export type Sub = string | Text;

export function text(key: MessageKey, ...subs: (Sub | number)[]): Text {
  return subs.length === 0 ? { key } : { key, subs: subs.map(toSub) };
}

/** A plural message: `count` picks the form and is $1; `more` are $2, $3, …. */
export function pluralText(key: MessageKey, count: number, ...more: (Sub | number)[]): Text {
  return { key, count, subs: [String(count), ...more.map(toSub)] };
}

function toSub(value: Sub | number): Sub {
  return typeof value === 'number' ? String(value) : value;
}
