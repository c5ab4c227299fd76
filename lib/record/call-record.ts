// Builds the stored CallRecord from the engine's result and what the page told us about the call.
// Called by the background at every save (≤10 s apart) and at the end; pure, so it is unit-tested.
import type { AnalysisResult, Interval, SpeechModelName } from '../engine/types';
import type { SiteId } from '../sites/types';
import type { StoredPeople } from '../people/tracker';
import type { StoredWords } from '../words/counts';
import { toCompactTimeline } from './timeline';
import { CALL_RECORD_VERSION, type CallRecord, type CaptureMode, type MeetingKind } from './types';

/** What is known when the call starts. */
export interface CallHeader {
  site: SiteId;
  host: string;
  title: string | null;
  startedAtMs: number;
  captureMode: CaptureMode;
  speechModel: SpeechModelName;
}

/** One save of a running or ending call. */
export interface CallUpdate {
  result: AnalysisResult;
  /** Participants shown by the page now (me included); null when not shown. */
  participants: number | null;
  title: string | null;
  limited: boolean;
  endedAtMs: number;
  /** Stretches when I was muted in the meeting, seconds from the start. */
  muted: Interval[];
  /** Seconds of the call the browser never delivered (CallRecord.audioGapSec). */
  audioGapSec?: number;
  /** The words' counts, when "Understand words, on this device" is on (lib/words/counts.ts). */
  words?: StoredWords;
  /** Who else spoke, from the call's per-source levels (lib/people/tracker.ts). */
  people?: StoredPeople;
}

/** Two people is a one-on-one; anything else (or unknown) a team call, until the person says otherwise. */
export function meetingKindFor(participants: number | null): MeetingKind {
  return participants === 2 ? 'one-on-one' : 'team';
}

export function buildCallRecord(args: {
  id: string;
  header: CallHeader;
  update: CallUpdate;
  status: CallRecord['status'];
  /** The record as last saved: keeps the largest participant count, a title seen earlier and a
   *  check-in. */
  previous?: CallRecord;
  /** The kind the person chose for this meeting title (lib/record/meeting-kinds.ts): it wins
   *  over the guess from the number of people. */
  rememberedKind?: (title: string | null) => MeetingKind | null;
}): CallRecord {
  const { id, header, update, status, previous } = args;
  const participants = maxOrNull(previous?.participants ?? null, update.participants);
  const title = update.title ?? previous?.title ?? header.title;
  return {
    id,
    version: CALL_RECORD_VERSION,
    site: header.site,
    host: header.host,
    title,
    startedAtMs: header.startedAtMs,
    endedAtMs: Math.max(update.endedAtMs, header.startedAtMs),
    status,
    participants,
    meetingKind: args.rememberedKind?.(title) ?? meetingKindFor(participants),
    captureMode: header.captureMode,
    speechModel: update.result.speechModel,
    // Once limited, the whole call's figures were audio-only for a while.
    limited: update.limited || (previous?.limited ?? false),
    durationSec: update.result.durationSec,
    ...(update.audioGapSec ? { audioGapSec: update.audioGapSec } : {}),
    metrics: update.result.metrics,
    timeline: toCompactTimeline(update.result, update.muted),
    ...(previous?.checkIn ? { checkIn: previous.checkIn } : {}),
    // A save without words (the last one before the page went) keeps those of the one before.
    ...((update.words ?? previous?.words) ? { words: update.words ?? previous?.words } : {}),
    ...((update.people ?? previous?.people) ? { people: update.people ?? previous?.people } : {}),
  };
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
