// A call's words as counts: what is stored with a call, emitted by `analyze --words` and shown by
// the popup. Only counts and categories: the words themselves are read a turn at a time and let go
// (lib/words/tally.ts). Definitions: docs/words.md.
import type { TurnReading } from './categories';
import type { FillerId, HedgeId } from './ids';

/** Fillers and hedges the recogniser keeps well enough to count: recall ≥ 70 % and precision
 *  ≥ 80 % on at least 4 occurrences (scripts/words-accuracy.ts; docs/words.md, "What the
 *  recogniser hears"). Moonshine drops most "um" and "uh" (recall 10 % and 24 %), and "sort of"
 *  and "perhaps" came through a third and a half of the time: those are neither counted nor shown. */
export const SUPPORTED_FILLERS: readonly FillerId[] = ['you-know'];
export const SUPPORTED_HEDGES: readonly HedgeId[] = ['kind-of', 'maybe', 'just', 'i-guess'];

export interface WordCounts {
  /** Seconds of speech whose words were read: the rates' denominator. */
  speechSec: number;
  /** Turns read, and turns left unread (the recogniser was behind or failed on them). */
  turns: number;
  missedTurns: number;
  words: number;
  questions: number;
  openQuestions: number;
  clarifyingQuestions: number;
  personalQuestions: number;
  /** Turns that restate the other side's turn before them. */
  summaries: number;
  thanks: number;
  /** Thanks that say what for. */
  specificThanks: number;
  /** Only the supported ones (SUPPORTED_FILLERS / SUPPORTED_HEDGES). */
  fillers: Partial<Record<FillerId, number>>;
  hedges: Partial<Record<HedgeId, number>>;
}

/** What a call record keeps: the counts, and my own questions' text only when the person chose to
 *  keep it (never anyone else's words). */
export interface StoredWords extends WordCounts {
  myQuestions?: string[];
}

/** Kept questions are capped: a record stays small however long the call. */
export const MAX_KEPT_QUESTIONS = 200;
export const MAX_KEPT_QUESTION_CHARS = 300;

export function emptyCounts(): WordCounts {
  return {
    speechSec: 0,
    turns: 0,
    missedTurns: 0,
    words: 0,
    questions: 0,
    openQuestions: 0,
    clarifyingQuestions: 0,
    personalQuestions: 0,
    summaries: 0,
    thanks: 0,
    specificThanks: 0,
    fillers: Object.fromEntries(SUPPORTED_FILLERS.map((id) => [id, 0])),
    hedges: Object.fromEntries(SUPPORTED_HEDGES.map((id) => [id, 0])),
  };
}

export function addReading(counts: WordCounts, reading: TurnReading, speechSec: number): WordCounts {
  const fillers = { ...counts.fillers };
  const hedges = { ...counts.hedges };
  for (const id of SUPPORTED_FILLERS) fillers[id] = (fillers[id] ?? 0) + reading.fillers[id];
  for (const id of SUPPORTED_HEDGES) hedges[id] = (hedges[id] ?? 0) + reading.hedges[id];
  const q = reading.questions;
  return {
    ...counts,
    speechSec: round2(counts.speechSec + speechSec),
    turns: counts.turns + 1,
    words: counts.words + reading.words,
    questions: counts.questions + q.length,
    openQuestions: counts.openQuestions + q.filter((x) => x.kind === 'open').length,
    clarifyingQuestions: counts.clarifyingQuestions + q.filter((x) => x.clarifying).length,
    personalQuestions: counts.personalQuestions + q.filter((x) => x.aboutPerson).length,
    summaries: counts.summaries + (reading.summary ? 1 : 0),
    thanks: counts.thanks + reading.thanks,
    specificThanks: counts.specificThanks + reading.specificThanks,
    fillers,
    hedges,
  };
}

/** Rates need this much read speech; below it a rate would be noise. */
export const MIN_RATE_SPEECH_SEC = 60;

export interface WordRates {
  /** Questions per 10 minutes of my speech. */
  questionsPer10Min: number;
  wordsPerMin: number;
  /** Supported fillers, and hedges, per minute of my speech. */
  fillersPerMin: number;
  hedgesPerMin: number;
}

export function wordRates(c: WordCounts): WordRates | null {
  if (c.speechSec < MIN_RATE_SPEECH_SEC) return null;
  const minutes = c.speechSec / 60;
  const sum = (xs: Partial<Record<string, number>>) => Object.values(xs).reduce<number>((a, b) => a + (b ?? 0), 0);
  return {
    questionsPer10Min: (c.questions / minutes) * 10,
    wordsPerMin: c.words / minutes,
    fillersPerMin: sum(c.fillers) / minutes,
    hedgesPerMin: sum(c.hedges) / minutes,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
