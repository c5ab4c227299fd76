// Checks an untrusted value (an imported file, an old export, a record read back from the store)
// field by field and rebuilds it as a CallRecord with only the known fields, after bringing an older
// shape up to date (lib/record/migrate.ts). Never throws: a bad record is reported, not stored or shown.
import type { CallMetrics } from '../engine/types';
import type { SiteId } from '../sites/types';
import { migrateRecord } from './migrate';
import type { CallSummary } from './summary';
import { CALL_RECORD_VERSION, type CallRecord, type CheckIn, type CompactTimeline } from './types';
import { MAX_KEPT_QUESTION_CHARS, MAX_KEPT_QUESTIONS, type StoredWords } from '../words/counts';
import { FILLER_IDS, HEDGE_IDS } from '../words/ids';
import type { NoSplitReason, PersonFigures, StoredPeople } from '../people/tracker';

export type Validated<T> = { ok: true; value: T } | { ok: false; error: string };

const SITE_IDS: readonly SiteId[] = ['meet', 'teams', 'zoom', 'webex', 'jitsi', 'whereby', 'custom'];
const STATUSES: readonly CallRecord['status'][] = ['live', 'ended', 'recovered'];
const MEETING_KINDS: readonly CallRecord['meetingKind'][] = ['one-on-one', 'team', 'interview', 'sales'];
const CAPTURE_MODES: readonly CallRecord['captureMode'][] = ['in-page', 'tab'];
const SPEECH_MODELS: readonly CallRecord['speechModel'][] = ['yamnet', 'none'];

/** Every metric and whether it may be null; the record type and this list must agree. */
const METRIC_FIELDS: Record<keyof CallMetrics, 'number' | 'nullable'> = {
  selfSpeechSec: 'number',
  othersSpeechSec: 'number',
  talkShare: 'number',
  interruptionsBySelf: 'number',
  interruptionsOfSelf: 'number',
  talkoversBySelf: 'number',
  talkoversOfSelf: 'number',
  backchannelsBySelf: 'number',
  backchannelsByOthers: 'number',
  backchannelsPerOthersMin: 'nullable',
  earlyResponsesBySelf: 'number',
  longestMonologueSec: 'number',
  othersLongestTurnSec: 'number',
  medianResponseGapSec: 'nullable',
  quickResponses: 'number',
  turnSwitchesPerMin: 'number',
  mutedSec: 'number',
  sideTalkSec: 'number',
};

/** Thrown inside this module only, turned into a `{ ok: false }` result at its edge. */
class Invalid extends Error {}

function fail(message: string): never {
  throw new Invalid(message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${field} is not a number`);
  return value;
}

function nonNegative(value: unknown, field: string): number {
  const n = finite(value, field);
  if (n < 0) fail(`${field} is negative`);
  return n;
}

function oneOf<T>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) fail(`${field} is not one of ${allowed.join(', ')}`);
  return value as T;
}

function stringOrNull(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') fail(`${field} is not text`);
  return value;
}

function booleanOrNull(value: unknown, field: string): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'boolean') fail(`${field} is not true/false`);
  return value;
}

function metrics(value: unknown): CallMetrics {
  if (!isObject(value)) fail('metrics missing');
  const out: Record<string, number | null> = {};
  for (const [key, kind] of Object.entries(METRIC_FIELDS)) {
    const v = value[key];
    out[key] = kind === 'nullable' && (v === null || v === undefined) ? null : finite(v, `metrics.${key}`);
  }
  const m = out as unknown as CallMetrics;
  if (m.talkShare < 0 || m.talkShare > 1) fail('metrics.talkShare is outside 0..1');
  return m;
}

/** Flat [start, end, start, end, …] ticks: even length, each interval forward, in order. */
function intervals(value: unknown, field: string): number[] {
  if (!Array.isArray(value) || value.length % 2 !== 0) fail(`${field} is not a list of intervals`);
  let previous = -Infinity;
  for (let i = 0; i < value.length; i++) {
    const tick = value[i];
    if (!Number.isInteger(tick) || tick < previous) fail(`${field} is not ordered ticks`);
    previous = tick as number;
  }
  return value as number[];
}

function triples<T extends readonly [number, number, number]>(
  value: unknown,
  field: string,
  kinds: readonly number[],
): T[] {
  if (!Array.isArray(value)) fail(`${field} is not a list`);
  for (const item of value) {
    if (!Array.isArray(item) || item.length !== 3) fail(`${field} has a malformed entry`);
    const [kind, second, third] = item;
    if (!kinds.includes(kind) || !Number.isInteger(second) || !Number.isInteger(third)) {
      fail(`${field} has a malformed entry`);
    }
  }
  return value as T[];
}

function timeline(value: unknown): CompactTimeline {
  if (!isObject(value)) fail('timeline missing');
  if (value.tickSec !== 0.01) fail('timeline.tickSec is not 0.01');
  const turns = triples<[0 | 1, number, number]>(value.turns, 'timeline.turns', [0, 1]);
  if (turns.some(([, start, end]) => end < start)) fail('timeline.turns has a turn ending before it starts');
  const events = triples<[0 | 1 | 2, 0 | 1, number]>(value.events, 'timeline.events', [0, 1, 2]);
  if (events.some(([, by]) => by !== 0 && by !== 1)) fail('timeline.events has an unknown party');
  return {
    tickSec: 0.01,
    self: intervals(value.self, 'timeline.self'),
    others: intervals(value.others, 'timeline.others'),
    turns,
    events,
    muted: intervals(value.muted, 'timeline.muted'),
  };
}

function checkIn(value: unknown): CheckIn | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail('checkIn is malformed');
  const note = stringOrNull(value.note, 'checkIn.note');
  return {
    summarised: booleanOrNull(value.summarised, 'checkIn.summarised'),
    thankedSomeone: booleanOrNull(value.thankedSomeone, 'checkIn.thankedSomeone'),
    agreedNextSteps: booleanOrNull(value.agreedNextSteps, 'checkIn.agreedNextSteps'),
    ...(note ? { note } : {}),
    atMs: finite(value.atMs, 'checkIn.atMs'),
  };
}

const WORD_COUNTS = [
  'speechSec',
  'turns',
  'missedTurns',
  'words',
  'questions',
  'openQuestions',
  'clarifyingQuestions',
  'personalQuestions',
  'summaries',
  'thanks',
  'specificThanks',
] as const satisfies readonly (keyof StoredWords)[];

/** Counts per filler or hedge: only the known ones, each a count. */
function wordTable<T extends string>(value: unknown, field: string, ids: readonly T[]): Partial<Record<T, number>> {
  if (!isObject(value)) fail(`${field} is malformed`);
  const out: Partial<Record<T, number>> = {};
  for (const id of ids) if (value[id] !== undefined) out[id] = nonNegative(value[id], `${field}.${id}`);
  return out;
}

function words(value: unknown): StoredWords | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail('words is malformed');
  const out = Object.fromEntries(WORD_COUNTS.map((key) => [key, nonNegative(value[key], `words.${key}`)])) as Record<
    (typeof WORD_COUNTS)[number],
    number
  >;
  const stored: StoredWords = {
    ...out,
    fillers: wordTable(value.fillers, 'words.fillers', FILLER_IDS),
    hedges: wordTable(value.hedges, 'words.hedges', HEDGE_IDS),
  };
  if (stored.openQuestions > stored.questions) fail('words.openQuestions is more than words.questions');
  if (value.myQuestions !== undefined) {
    const questions = value.myQuestions;
    if (!Array.isArray(questions) || !questions.every((q) => typeof q === 'string'))
      fail('words.myQuestions is not a list of text');
    stored.myQuestions = questions.slice(0, MAX_KEPT_QUESTIONS).map((q: string) => q.slice(0, MAX_KEPT_QUESTION_CHARS));
  }
  return stored;
}

const NO_SPLIT_REASONS: readonly NoSplitReason[] = ['no-levels', 'one-stream', 'mixed', 'tab-capture'];
const PERSON_COUNTS = ['speechSec', 'longestTurnSec', 'interruptionsBySelf', 'interruptionsOfSelf'] as const;
/** More people than any meeting site seats: a record claiming more is damaged. */
const MAX_PEOPLE = 1000;

function share(value: unknown, field: string): number {
  const n = nonNegative(value, field);
  if (n > 1) fail(`${field} is above 1`);
  return n;
}

function people(value: unknown): StoredPeople | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail('people is malformed');
  if (value.split === false) return { split: false, reason: oneOf(value.reason, NO_SPLIT_REASONS, 'people.reason') };
  if (value.split !== true || !Array.isArray(value.people) || value.people.length > MAX_PEOPLE)
    fail('people is malformed');
  const list = value.people.map((person: unknown, i: number): PersonFigures => {
    const field = `people.people[${i}]`;
    if (!isObject(person) || typeof person.label !== 'string' || person.label.length === 0)
      fail(`${field} has no label`);
    const name = stringOrNull(person.name, `${field}.name`);
    return {
      label: person.label.slice(0, 100),
      ...(name ? { name: name.slice(0, 100) } : {}),
      ...(Object.fromEntries(PERSON_COUNTS.map((key) => [key, nonNegative(person[key], `${field}.${key}`)])) as Record<
        (typeof PERSON_COUNTS)[number],
        number
      >),
      shareOfOthers: share(person.shareOfOthers, `${field}.shareOfOthers`),
      shareOfAll: share(person.shareOfAll, `${field}.shareOfAll`),
    };
  });
  const notHeard = nonNegative(value.notHeard, 'people.notHeard');
  if (!Number.isInteger(notHeard)) fail('people.notHeard is not a whole number');
  return { split: true, people: list, notHeard };
}

/** Everything but the timeline, from a value already at the current version. */
function callSummary(value: Record<string, unknown>): CallSummary {
  if (typeof value.id !== 'string' || value.id.length === 0) fail('id missing');
  if (typeof value.host !== 'string') fail('host is not text');
  const startedAtMs = nonNegative(value.startedAtMs, 'startedAtMs');
  const endedAtMs = nonNegative(value.endedAtMs, 'endedAtMs');
  if (endedAtMs < startedAtMs) fail('endedAtMs is before startedAtMs');
  const participants = value.participants ?? null;
  if (participants !== null && (!Number.isInteger(participants) || (participants as number) < 1)) {
    fail('participants is not a positive whole number');
  }
  if (typeof value.limited !== 'boolean') fail('limited is not true/false');
  const summary: CallSummary = {
    id: value.id,
    version: CALL_RECORD_VERSION,
    site: oneOf(value.site, SITE_IDS, 'site'),
    host: value.host,
    title: stringOrNull(value.title, 'title'),
    startedAtMs,
    endedAtMs,
    status: oneOf(value.status, STATUSES, 'status'),
    participants: participants as number | null,
    meetingKind: oneOf(value.meetingKind, MEETING_KINDS, 'meetingKind'),
    captureMode: oneOf(value.captureMode, CAPTURE_MODES, 'captureMode'),
    speechModel: oneOf(value.speechModel, SPEECH_MODELS, 'speechModel'),
    limited: value.limited,
    durationSec: nonNegative(value.durationSec, 'durationSec'),
    metrics: metrics(value.metrics),
  };
  if (value.audioGapSec !== undefined) summary.audioGapSec = nonNegative(value.audioGapSec, 'audioGapSec');
  const answers = checkIn(value.checkIn);
  if (answers) summary.checkIn = answers;
  const counted = words(value.words);
  if (counted) summary.words = counted;
  const others = people(value.people);
  if (others) summary.people = others;
  return summary;
}

function current(value: unknown): Record<string, unknown> {
  const migrated = migrateRecord(value);
  if (!migrated.ok) fail(migrated.error);
  return migrated.value;
}

function validated<T>(read: () => T): Validated<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.message };
    throw error;
  }
}

export function validateCallRecord(value: unknown): Validated<CallRecord> {
  return validated(() => {
    const record = current(value);
    const { checkIn: answers, words: counted, people: others, ...rest } = callSummary(record);
    // Key order as buildCallRecord writes it: timeline, then the optional check-in, words and people.
    return {
      ...rest,
      timeline: timeline(record.timeline),
      ...(answers ? { checkIn: answers } : {}),
      ...(counted ? { words: counted } : {}),
      ...(others ? { people: others } : {}),
    };
  });
}

/** A summary as the history and trends read it (lib/record/summary.ts): a record without timeline. */
export function validateCallSummary(value: unknown): Validated<CallSummary> {
  return validated(() => callSummary(current(value)));
}
