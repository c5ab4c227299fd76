// User settings: their shape, defaults and migrations. Pure (no storage here); the versioned
// storage item that holds them is extension/settings.ts.
import { text, type Text } from './coaching/text';
import type { MeetingKind } from './record/types';
import type { SiteId } from './sites/types';

export const SETTINGS_VERSION = 4;

export type NudgeId = 'monologue' | 'interruption' | 'over-share' | 'let-finish' | 'backchannel' | 'inclusion';

export interface NudgeSetting {
  enabled: boolean;
  /** Meaning per nudge: seconds for 'monologue', 'let-finish' and 'inclusion' (how long someone
   *  has not spoken), a multiple of the fair share
   *  for 'over-share', a count for 'interruption' and 'backchannel'. */
  threshold: number;
}

export interface Settings {
  /** Built-in sites the coach runs on. */
  sites: Record<Exclude<SiteId, 'custom'>, boolean>;
  /** Origins the user added (each granted through an optional host permission), e.g. https://meet.example.org */
  customSites: string[];
  nudges: Record<NudgeId, NudgeSetting>;
  /** Quiet mode: no nudges at all, figures only. */
  quiet: boolean;
  /** Minimum seconds between two nudges. */
  nudgeCooldownSec: number;
  /** My target talk share per kind of meeting, 0..1. */
  targetShare: Record<MeetingKind, number>;
  overlay: {
    visible: boolean;
    collapsed: boolean;
    /** Hosts on which the overlay is hidden. */
    hiddenOn: string[];
    /** Position from the top-left corner, CSS pixels; null = default corner. */
    position: { x: number; y: number } | null;
  };
  /** Capture tab audio instead of in-page audio on every site. */
  preferTabCapture: boolean;
  /** Days to keep call records; 0 = forever. */
  retentionDays: number;
  /** A notification at the end of each call that opens its summary (needs the optional
   *  `notifications` permission, asked for when the person allows it). */
  recapNotification: boolean;
  /** "Understand words, on this device" (docs/words.md): my turns transcribed on the computer and
   *  read into counts (questions, restatements, thanks, pace); off by default. `keepMyQuestions`
   *  also keeps the text of my own questions with each call. */
  words: { enabled: boolean; keepMyQuestions: boolean };
  /** Who else spoke (docs/people.md): names the page shows stay in memory for the call's display;
   *  `keepNames` also keeps them in the call's record. */
  people: { keepNames: boolean };
}

export const DEFAULT_SETTINGS: Settings = {
  sites: { meet: true, teams: true, zoom: true, webex: true, jitsi: true, whereby: true },
  customSites: [],
  nudges: {
    // metrics.md: gentle nudge at ~75 s, stronger at 120 s.
    monologue: { enabled: true, threshold: 75 },
    interruption: { enabled: true, threshold: 1 },
    // metrics.md: nudge above 1.5 × fair share.
    'over-share': { enabled: true, threshold: 1.5 },
    // metrics.md: praise when someone else's turn reaches 2 min.
    'let-finish': { enabled: true, threshold: 120 },
    backchannel: { enabled: true, threshold: 3 },
    // The issue: "Two people have not spoken in 15 minutes: invite them in?"
    inclusion: { enabled: true, threshold: 15 * 60 },
  },
  quiet: false,
  nudgeCooldownSec: 180,
  // Fair share is 1/participants; these are the defaults per kind when the user sets none:
  // a 1:1 is balanced, an interview is mostly the other side talking, a sales call favours listening.
  targetShare: { 'one-on-one': 0.5, team: 0.25, interview: 0.3, sales: 0.4 },
  overlay: { visible: true, collapsed: false, hiddenOn: [], position: null },
  preferTabCapture: false,
  retentionDays: 0,
  recapNotification: true,
  words: { enabled: false, keepMyQuestions: false },
  people: { keepNames: false },
};

const DAY_MS = 24 * 3600 * 1000;

/** Calls that started before this time are past the retention period; null = keep forever. */
export function retentionCutoffMs(settings: Pick<Settings, 'retentionDays'>, nowMs: number): number | null {
  return settings.retentionDays > 0 ? nowMs - settings.retentionDays * DAY_MS : null;
}

/**
 * What a person typed as a meeting site ("meet.example.org", "https://meet.example.org/room") →
 * its origin, the form `customSites` stores. Only https: the optional host permission covers
 * https hosts only, and meeting audio needs a secure page anyway. What it cannot take is said as a
 * message for the view (lib/coaching/text.ts).
 */
export function parseSiteOrigin(input: string): { ok: true; origin: string } | { ok: false; message: Text } {
  const typed = input.trim();
  if (typed === '') return { ok: false, message: text('options.sites.typeAddress') };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`);
  } catch {
    return { ok: false, message: text('options.sites.notAnAddress') };
  }
  if (url.protocol !== 'https:') return { ok: false, message: text('options.sites.httpsOnly') };
  if (!url.hostname.includes('.')) return { ok: false, message: text('options.sites.fullHost') };
  return { ok: true, origin: url.origin };
}

/**
 * Settings versions (SETTINGS_VERSION): step n turns version-n settings into version n + 1 ones.
 * The settings item (extension/settings.ts) runs them, through migrateSettings, when it reads
 * settings stored by an older version.
 */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, (settings: unknown) => unknown>> = {
  // 1 → 2: the end-of-call recap, on unless the person turns it off.
  1: (settings) => (isPlainObject(settings) ? { ...settings, recapNotification: true } : settings),
  // 2 → 3: words, off until the person turns them on.
  2: (settings) =>
    isPlainObject(settings) ? { ...settings, words: { enabled: false, keepMyQuestions: false } } : settings,
  // 3 → 4: who else spoke: the inclusion nudge on, names not kept.
  3: (settings) =>
    isPlainObject(settings)
      ? {
          ...settings,
          nudges: {
            ...(isPlainObject(settings.nudges) ? settings.nudges : {}),
            inclusion: { enabled: true, threshold: 15 * 60 },
          },
          people: { keepNames: false },
        }
      : settings,
};

/** Settings stored at `fromVersion` brought to SETTINGS_VERSION. Settings from a newer version (the
 *  extension rolled back) are left as they are: completeSettings keeps what it understands. */
export function migrateSettings(stored: unknown, fromVersion: number): unknown {
  let settings = stored;
  for (let version = fromVersion; version < SETTINGS_VERSION; version++) {
    settings = SETTINGS_MIGRATIONS[version]?.(settings) ?? settings;
  }
  return settings;
}

/**
 * Stored settings made whole: every field of the right type kept, every missing or damaged one (a
 * hand-edited sync value, a partial write) back to its default, unknown fields dropped. Never throws;
 * `repaired` names what was replaced, for the log.
 */
export function completeSettings(stored: unknown): { settings: Settings; repaired: string[] } {
  const repaired: string[] = [];
  const settings = complete(stored, DEFAULT_SETTINGS, 'settings', repaired) as Settings;
  return { settings, repaired };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function complete(value: unknown, fallback: unknown, path: string, repaired: string[]): unknown {
  if (path === 'settings.overlay.position') {
    const ok = value === null || (isPlainObject(value) && Number.isFinite(value.x) && Number.isFinite(value.y));
    if (!ok) repaired.push(path);
    return ok ? (value === null ? null : { x: (value as { x: number }).x, y: (value as { y: number }).y }) : fallback;
  }
  if (Array.isArray(fallback)) {
    const ok = Array.isArray(value) && value.every((item) => typeof item === 'string');
    if (!ok) repaired.push(path);
    return ok ? [...value] : [...fallback];
  }
  if (isPlainObject(fallback)) {
    if (!isPlainObject(value)) {
      repaired.push(path);
      return structuredClone(fallback);
    }
    return Object.fromEntries(
      Object.entries(fallback).map(([key, inner]) => [key, complete(value[key], inner, `${path}.${key}`, repaired)]),
    );
  }
  const ok = typeof value === typeof fallback && (typeof value !== 'number' || Number.isFinite(value));
  if (!ok) repaired.push(path);
  return ok ? value : fallback;
}
