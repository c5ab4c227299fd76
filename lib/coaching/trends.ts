// Series for the trend charts: the main habits per week or per call, against the person's targets.
// One pass over the calls with small accumulators, so thousands of calls aggregate in milliseconds.
import { median } from '../median';
import type { CallSummary } from '../record/summary';
import type { MeetingKind } from '../record/types';
import { talkEvenness } from '../people/tracker';
import { MIN_RATE_SPEECH_SEC } from '../words/counts';

export type TrendCall = Pick<
  CallSummary,
  'startedAtMs' | 'durationSec' | 'meetingKind' | 'metrics' | 'checkIn' | 'words' | 'people'
>;

export interface TrendPoint {
  /** Week start (Monday 00:00 local) or the call's start. */
  startMs: number;
  calls: number;
  /** Talk share over all speech in the period (long calls weigh more); null without calls. */
  talkShare: number | null;
  /** My target for the period's calls, weighted the same way. */
  targetShare: number | null;
  interruptionsPerHour: number | null;
  /** My backchannels per minute of others' speech; null before a minute of it. */
  backchannelsPerMin: number | null;
  /** Median of each call's longest monologue. */
  longestMonologueSec: number | null;
  turnSwitchesPerMin: number | null;
  /** Share of "yes" among the answered check-in questions; null when none was answered. */
  checkInScore: number | null;
  /** From the calls with words (docs/words.md); null without a minute of my speech read. */
  questionsPer10Min: number | null;
  /** Restatements per hour of the calls with words. */
  restatementsPerHour: number | null;
  /** Share of my thank-yous that said what for; null without any. */
  specificThanksShare: number | null;
  /** Of the others in the calls that told people apart (docs/people.md), the share who spoke;
   *  null without such a call. */
  peopleHeardShare: number | null;
  /** How evenly the others who spoke shared their talk (1 = even), weighted by the others' speech
   *  over the calls where two or more of them spoke; null without such a call. */
  peopleEvenness: number | null;
}

interface Accumulator {
  startMs: number;
  calls: number;
  selfSpeech: number;
  allSpeech: number;
  targetWeighted: number;
  callSec: number;
  interruptions: number;
  backchannels: number;
  othersSpeech: number;
  switches: number;
  monologues: number[];
  checkInYes: number;
  checkInAnswered: number;
  wordsSpeech: number;
  wordsCallSec: number;
  questions: number;
  restatements: number;
  thanks: number;
  specificThanks: number;
  peopleSpoke: number;
  peopleKnown: number;
  evennessWeighted: number;
  evennessSpeech: number;
}

function emptyAccumulator(startMs: number): Accumulator {
  return {
    startMs,
    calls: 0,
    selfSpeech: 0,
    allSpeech: 0,
    targetWeighted: 0,
    callSec: 0,
    interruptions: 0,
    backchannels: 0,
    othersSpeech: 0,
    switches: 0,
    monologues: [],
    checkInYes: 0,
    checkInAnswered: 0,
    wordsSpeech: 0,
    wordsCallSec: 0,
    questions: 0,
    restatements: 0,
    thanks: 0,
    specificThanks: 0,
    peopleSpoke: 0,
    peopleKnown: 0,
    evennessWeighted: 0,
    evennessSpeech: 0,
  };
}

function add(acc: Accumulator, call: TrendCall, targets: Record<MeetingKind, number>): void {
  const m = call.metrics;
  const speech = m.selfSpeechSec + m.othersSpeechSec;
  acc.calls++;
  acc.selfSpeech += m.selfSpeechSec;
  acc.allSpeech += speech;
  acc.targetWeighted += targets[call.meetingKind] * speech;
  acc.callSec += call.durationSec;
  acc.interruptions += m.interruptionsBySelf;
  acc.backchannels += m.backchannelsBySelf;
  acc.othersSpeech += m.othersSpeechSec;
  acc.switches += m.turnSwitchesPerMin * (call.durationSec / 60);
  acc.monologues.push(m.longestMonologueSec);
  for (const answer of [call.checkIn?.summarised, call.checkIn?.thankedSomeone, call.checkIn?.agreedNextSteps]) {
    if (answer === null || answer === undefined) continue;
    acc.checkInAnswered++;
    if (answer) acc.checkInYes++;
  }
  const words = call.words;
  if (words) {
    acc.wordsSpeech += words.speechSec;
    acc.wordsCallSec += call.durationSec;
    acc.questions += words.questions;
    acc.restatements += words.summaries;
    acc.thanks += words.thanks;
    acc.specificThanks += words.specificThanks;
  }
  // As the habit counts it (habits.ts, inclusion): only calls with two or more others known.
  const people = call.people;
  if (people?.split && people.people.length + people.notHeard >= 2) {
    acc.peopleSpoke += people.people.length;
    acc.peopleKnown += people.people.length + people.notHeard;
    const evenness = talkEvenness(people.people);
    if (evenness !== null) {
      acc.evennessWeighted += evenness * m.othersSpeechSec;
      acc.evennessSpeech += m.othersSpeechSec;
    }
  }
}

function toPoint(acc: Accumulator): TrendPoint {
  const minutes = acc.callSec / 60;
  return {
    startMs: acc.startMs,
    calls: acc.calls,
    talkShare: acc.allSpeech > 0 ? acc.selfSpeech / acc.allSpeech : null,
    targetShare: acc.allSpeech > 0 ? acc.targetWeighted / acc.allSpeech : null,
    interruptionsPerHour: minutes > 0 ? acc.interruptions / (minutes / 60) : null,
    backchannelsPerMin: acc.othersSpeech >= 60 ? acc.backchannels / (acc.othersSpeech / 60) : null,
    longestMonologueSec: median(acc.monologues),
    turnSwitchesPerMin: minutes > 0 ? acc.switches / minutes : null,
    checkInScore: acc.checkInAnswered > 0 ? acc.checkInYes / acc.checkInAnswered : null,
    questionsPer10Min: acc.wordsSpeech >= MIN_RATE_SPEECH_SEC ? (acc.questions / acc.wordsSpeech) * 600 : null,
    restatementsPerHour: acc.wordsSpeech >= MIN_RATE_SPEECH_SEC ? acc.restatements / (acc.wordsCallSec / 3600) : null,
    specificThanksShare: acc.thanks > 0 ? acc.specificThanks / acc.thanks : null,
    peopleHeardShare: acc.peopleKnown > 0 ? acc.peopleSpoke / acc.peopleKnown : null,
    peopleEvenness: acc.evennessSpeech > 0 ? acc.evennessWeighted / acc.evennessSpeech : null,
  };
}

/** Monday 00:00 local time of the week holding `ms`. */
export function weekStart(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.getTime();
}

/** Start of the earliest of the `weeks` weeks ending with the week of `nowMs`. */
export function firstWeekStart(nowMs: number, weeks: number): number {
  const d = new Date(weekStart(nowMs));
  d.setDate(d.getDate() - 7 * (weeks - 1));
  return d.getTime();
}

/**
 * One point per week for the last `weeks` weeks (empty weeks included, with nulls, so the chart's
 * time axis stays honest). Calls before the first week are ignored; order does not matter.
 */
export function weeklyTrend(
  calls: Iterable<TrendCall>,
  targets: Record<MeetingKind, number>,
  { nowMs, weeks }: { nowMs: number; weeks: number },
): TrendPoint[] {
  // Boundaries by calendar, not by 7 × 24 h: a daylight-saving week is 167 or 169 hours.
  const starts: number[] = [];
  const d = new Date(firstWeekStart(nowMs, weeks));
  for (let i = 0; i <= weeks; i++) {
    starts.push(d.getTime());
    d.setDate(d.getDate() + 7);
  }
  const first = starts[0];
  const end = starts[weeks];
  if (first === undefined || end === undefined) return [];
  const buckets = starts.slice(0, weeks).map(emptyAccumulator);
  for (const call of calls) {
    const at = call.startedAtMs;
    if (at < first || at >= end) continue;
    // Binary search: the last boundary ≤ at.
    let lo = 0;
    let hi = weeks - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    add(buckets[lo]!, call, targets);
  }
  return buckets.map(toPoint);
}

/** One point per call, oldest first: the last `limit` calls. */
export function perCallTrend(
  calls: readonly TrendCall[],
  targets: Record<MeetingKind, number>,
  limit: number,
): TrendPoint[] {
  return [...calls]
    .sort((a, b) => a.startedAtMs - b.startedAtMs)
    .slice(-limit)
    .map((call) => {
      const acc = emptyAccumulator(call.startedAtMs);
      add(acc, call, targets);
      return toPoint(acc);
    });
}

/** Calls from `startMs` (inclusive) to `endMs` (exclusive) as one point: "the last four weeks". */
export function overallTrend(
  calls: Iterable<TrendCall>,
  targets: Record<MeetingKind, number>,
  startMs = -Infinity,
  endMs = Infinity,
): TrendPoint {
  const acc = emptyAccumulator(startMs);
  for (const call of calls) if (call.startedAtMs >= startMs && call.startedAtMs < endMs) add(acc, call, targets);
  return toPoint(acc);
}
