// The stored call record: what the live pipeline saves (every ≤10 s and at the end) and what the
// popup, history and trends read. No audio, ever: only times, counts and the compact timeline.
import type { CallMetrics, SpeechModelName } from '../engine/types';
import type { StoredPeople } from '../people/tracker';
import type { SiteId } from '../sites/types';
import type { StoredWords } from '../words/counts';

/** Bump with a migration in lib/record/migrate.ts; never reuse a number. */
export const CALL_RECORD_VERSION = 1;

/**
 * Who spoke when, small enough to keep for every call: intervals as flat
 * [start, end, start, end, …] lists in 10 ms ticks, events as [kind, by, tick] triples.
 * Size is bounded (lib/record/timeline.ts merges the shortest gaps past a cap).
 */
export interface CompactTimeline {
  tickSec: 0.01;
  self: number[];
  others: number[];
  /** Turns: [by, startTick, endTick] with by 0 = self, 1 = others. */
  turns: [0 | 1, number, number][];
  /** Events: [kind, by, tick]; kind 0 = interruption, 1 = talk-over, 2 = backchannel; by as above. */
  events: [0 | 1 | 2, 0 | 1, number][];
  /** Stretches when I was muted, same flat form. */
  muted: number[];
}

export type CaptureMode = 'in-page' | 'tab';

export type MeetingKind = 'one-on-one' | 'team' | 'interview' | 'sales';

/** In the order the settings and the kind choosers list them. */
export const MEETING_KINDS: readonly MeetingKind[] = ['one-on-one', 'team', 'interview', 'sales'];

/** The optional 20-second self check-in after a call: what audio cannot measure. */
export interface CheckIn {
  summarised: boolean | null;
  thankedSomeone: boolean | null;
  agreedNextSteps: boolean | null;
  note?: string;
  atMs: number;
}

export interface CallRecord {
  id: string;
  version: typeof CALL_RECORD_VERSION;
  site: SiteId;
  /** Host name of the meeting page, e.g. meet.google.com. */
  host: string;
  title: string | null;
  startedAtMs: number;
  endedAtMs: number;
  /** 'live' while the call is being saved as it goes; 'ended' once closed cleanly;
   *  'recovered' when the tab died and the record was closed from its last save. */
  status: 'live' | 'ended' | 'recovered';
  /** The largest participant count seen (me included); null when the page never showed it. */
  participants: number | null;
  meetingKind: MeetingKind;
  captureMode: CaptureMode;
  speechModel: SpeechModelName;
  /** True when the site adapter could not read the page (audio-only figures). */
  limited: boolean;
  durationSec: number;
  /** Seconds of the call the browser never delivered to the analysis (its audio thread fell behind
   *  on a busy machine): kept in the timeline as silence. Absent when there were none. */
  audioGapSec?: number;
  metrics: CallMetrics;
  timeline: CompactTimeline;
  checkIn?: CheckIn;
  /** Counts and categories of my words (docs/words.md), when words were on; never anyone's words
   *  but, if I chose so, my own questions'. */
  words?: StoredWords;
  /** Who else spoke (docs/people.md): per-person figures under labels, or why the call gave no
   *  split. Absent in calls recorded before it existed. */
  people?: StoredPeople;
}
