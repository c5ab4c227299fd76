// Seeded, realistic call records for tests, screenshots and the popup benchmark: made-up calls, so they
// live beside the tests, not in the product core (lib/).
// Each call is simulated as a conversation (turns with pauses, gaps, overlaps, backchannels,
// muted stretches), and its figures are computed from that simulation, so a call's timeline and its
// numbers agree. The person slowly improves over the weeks, so trend charts have a story to show.
// Distributions are coaching-plausible, not measured: turn gaps around 0.5 s on video
// (shared/docs/metrics.md), log-normal turn and call lengths, Poisson event counts.
import type { CallMetrics, Party } from '../../lib/engine/types';
import { median } from '../../lib/median';
import type { SiteId } from '../../lib/sites/types';
import { CALL_RECORD_VERSION, type CallRecord, type CompactTimeline, type MeetingKind } from '../../lib/record/types';

export interface SampleOptions {
  count: number;
  /** Same seed, same calls. */
  seed?: number;
  /** Calls are planned at least three hours before this time (a chain of back-to-back calls may
   *  push the last one later, rarely). */
  endMs: number;
  /** Average calls per working day (Monday to Friday). */
  callsPerWorkday?: number;
}

type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data. */
function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = (rng: Rng, min: number, max: number) => min + (max - min) * rng();
const chance = (rng: Rng, p: number) => rng() < p;
const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));
const lerp = (from: number, to: number, t: number) => from + (to - from) * t;

function normal(rng: Rng, mean: number, sd: number): number {
  const u = 1 - rng();
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(normal(rng, 0, sigma));
}

function poisson(rng: Rng, mean: number): number {
  // Knuth; means here are small.
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

function pickWeighted<T>(rng: Rng, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [value, weight] of options) {
    r -= weight;
    if (r <= 0) return value;
  }
  // Rounding can leave r a hair above 0 after the last weight.
  const last = options.at(-1);
  if (!last) throw new RangeError('pickWeighted: no options');
  return last[0];
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  const item = list[Math.floor(rng() * list.length)];
  if (item === undefined) throw new RangeError('pick: an empty list');
  return item;
}

const SITES: readonly (readonly [SiteId, number])[] = [
  ['meet', 40],
  ['teams', 30],
  ['zoom', 15],
  ['webex', 5],
  ['jitsi', 5],
  ['whereby', 5],
];
const HOSTS: Record<SiteId, string> = {
  meet: 'meet.google.com',
  teams: 'teams.microsoft.com',
  zoom: 'app.zoom.us',
  webex: 'acme.webex.com',
  jitsi: 'meet.jit.si',
  whereby: 'whereby.com',
  custom: 'meet.example.org',
};
const KINDS: readonly (readonly [MeetingKind, number])[] = [
  ['team', 45],
  ['one-on-one', 30],
  ['sales', 15],
  ['interview', 10],
];
const TITLES: Record<MeetingKind, readonly string[]> = {
  'one-on-one': ['1:1 with Priya', '1:1 with Jonas', 'Weekly 1:1: Amara', 'Catch-up with Leo', 'Mentoring: Sofia'],
  team: [
    'Team standup',
    'Sprint planning',
    'Design review',
    'Weekly sync',
    'Retro',
    'Roadmap review',
    'Incident review',
  ],
  interview: ['Interview: frontend engineer', 'Interview: product designer', 'Candidate debrief'],
  sales: ['Acme Corp discovery call', 'Demo for Northwind', 'Renewal call: Globex', 'Pricing follow-up'],
};
/** Median call length in minutes per kind. */
const MEDIAN_MINUTES: Record<MeetingKind, number> = { 'one-on-one': 25, team: 40, interview: 45, sales: 30 };

function participantsFor(rng: Rng, kind: MeetingKind): number {
  switch (kind) {
    case 'one-on-one':
      return 2;
    case 'interview':
      return 2 + poisson(rng, 0.6);
    case 'sales':
      return 2 + poisson(rng, 1.2);
    case 'team':
      return 3 + poisson(rng, 3.5);
  }
}

/** How the person behaves, drifting from old habits (progress 0) to better ones (progress 1). */
interface Habits {
  /** Talk share as a multiple of the fair share. */
  shareMultiple: number;
  interruptionChance: number;
  earlyChance: number;
  talkoversPerHour: number;
  backchannelsPerMin: number;
  monologueChance: number;
}

function habitsAt(rng: Rng, progress: number): Habits {
  return {
    shareMultiple: lerp(1.5, 1.05, progress) * logNormal(rng, 1, 0.25),
    interruptionChance: lerp(0.12, 0.04, progress) * logNormal(rng, 1, 0.4),
    earlyChance: lerp(0.15, 0.07, progress),
    talkoversPerHour: lerp(3, 1, progress) * logNormal(rng, 1, 0.4),
    backchannelsPerMin: lerp(0.5, 1.3, progress) * logNormal(rng, 1, 0.3),
    monologueChance: lerp(0.015, 0.004, progress),
  };
}

interface SimTurn {
  by: Party;
  start: number;
  end: number;
}

interface Simulation {
  durationSec: number;
  turns: SimTurn[];
  segments: Record<Party, [number, number][]>;
  events: { type: 'interruption' | 'talkover' | 'backchannel'; by: Party; at: number }[];
  muted: [number, number][];
  /** Gap before each of my turns that follows someone else's. */
  selfGaps: number[];
}

/** Splits a turn into speech segments separated by short pauses (< 1.5 s, so still one turn). */
function speechSegments(rng: Rng, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let cursor = start;
  while (cursor < end) {
    const segEnd = Math.min(end, cursor + logNormal(rng, 5, 0.6));
    out.push([cursor, end - segEnd < 0.6 ? end : segEnd]);
    if (end - segEnd < 0.6) break;
    cursor = segEnd + uniform(rng, 0.35, 1.3);
  }
  return out;
}

function simulateConversation(rng: Rng, minutes: number, participants: number, habits: Habits): Simulation {
  const durationTarget = minutes * 60;
  const share = clamp(habits.shareMultiple / participants, 0.03, 0.8);
  const selfMedian = 9;
  const sigma = 0.8;
  // Alternating turns with the same spread: share ≈ median(self turn) ÷ (median(self) + median(others)).
  const othersMedian = (selfMedian * (1 - share)) / share;
  const sim: Simulation = {
    durationSec: 0,
    turns: [],
    segments: { self: [], others: [] },
    events: [],
    muted: [],
    selfGaps: [],
  };
  let by: Party = chance(rng, 0.6) ? 'others' : 'self';
  let t = uniform(rng, 2, 20);
  let endBeforeThisTurn = -Infinity;
  while (t < durationTarget) {
    const length =
      by === 'self'
        ? chance(rng, habits.monologueChance)
          ? uniform(rng, 65, 180)
          : clamp(logNormal(rng, selfMedian, sigma), 1.2, 150)
        : clamp(logNormal(rng, othersMedian, sigma), 1.2, 420);
    const start = t;
    const end = start + length;
    sim.turns.push({ by, start, end });
    sim.segments[by].push(...speechSegments(rng, start, end));
    const previous = sim.turns.at(-2);
    if (by === 'self' && previous) sim.selfGaps.push(start - previous.end);

    const listener: Party = by === 'self' ? 'others' : 'self';
    // I mute myself through some long stretches of others talking in group calls.
    const mutedTurn = by === 'others' && participants > 2 && length > 40 && chance(rng, 0.45);
    if (mutedTurn) sim.muted.push([start + 1, end - 1]);
    // What the listener does inside this turn: backchannels and talk-overs, kept apart.
    const inserts: { at: number; kind: 'backchannel' | 'talkover' }[] = [];
    const bcPerMin = listener === 'self' ? habits.backchannelsPerMin : 1.1;
    // Talk-over rates are per hour of call; the listener only listens for part of it.
    const talkoversPerListeningHour =
      listener === 'self' ? habits.talkoversPerHour / (1 - share) : 1.5 / Math.max(share, 0.1);
    if (length > 6 && !mutedTurn) {
      for (let i = poisson(rng, (bcPerMin * length) / 60); i > 0; i--) {
        inserts.push({ at: uniform(rng, start + 2.5, end - 3.5), kind: 'backchannel' });
      }
    }
    if (length > 12 && !mutedTurn) {
      for (let i = poisson(rng, (talkoversPerListeningHour * length) / 3600); i > 0; i--) {
        inserts.push({ at: uniform(rng, start + 3, end - 5), kind: 'talkover' });
      }
    }
    inserts.sort((a, b) => a.at - b.at);
    let lastInsertEnd = -Infinity;
    for (const insert of inserts) {
      if (insert.at < lastInsertEnd + 1.5) continue;
      const insertEnd = insert.at + (insert.kind === 'backchannel' ? uniform(rng, 0.25, 0.8) : uniform(rng, 1, 2.5));
      sim.segments[listener].push([insert.at, insertEnd]);
      sim.events.push({ type: insert.kind, by: listener, at: insert.at });
      lastInsertEnd = insertEnd;
    }

    // The next turn: usually a pause around half a second, sometimes an early start, sometimes an
    // interruption (the holder stops 0.5–2 s after the newcomer starts).
    const next: Party = listener;
    const interrupts = chance(rng, next === 'self' ? habits.interruptionChance : 0.035) && length > 4;
    let gap: number;
    if (interrupts) gap = -uniform(rng, 0.6, 2);
    else if (chance(rng, next === 'self' ? habits.earlyChance : 0.08)) gap = -uniform(rng, 0.05, 0.45);
    else gap = clamp(normal(rng, 0.55, 0.4), 0.05, 3);
    // A party's turns never overlap each other: after a very short turn, the reply waits for it.
    const nextStart = Math.max(end + gap, endBeforeThisTurn + 0.3);
    if (end - nextStart >= 0.5) sim.events.push({ type: 'interruption', by: next, at: nextStart });
    endBeforeThisTurn = end;
    t = nextStart;
    by = next;
  }
  sim.durationSec = (sim.turns.at(-1)?.end ?? 0) + uniform(rng, 3, 30);
  for (const party of ['self', 'others'] as const) sim.segments[party].sort((a, b) => a[0] - b[0]);
  sim.events.sort((a, b) => a.at - b.at);
  return sim;
}

const total = (list: [number, number][]) => list.reduce((sum, [a, b]) => sum + (b - a), 0);

const round2 = (x: number) => Math.round(x * 100) / 100;

function metricsOf(sim: Simulation): CallMetrics {
  const selfSpeechSec = total(sim.segments.self);
  const othersSpeechSec = total(sim.segments.others);
  const count = (type: string, by: Party) => sim.events.filter((e) => e.type === type && e.by === by).length;
  const longest = (by: Party) => Math.max(0, ...sim.turns.filter((x) => x.by === by).map((x) => x.end - x.start));
  const backchannelsBySelf = count('backchannel', 'self');
  const gap = median(sim.selfGaps);
  return {
    selfSpeechSec: round2(selfSpeechSec),
    othersSpeechSec: round2(othersSpeechSec),
    talkShare: selfSpeechSec + othersSpeechSec === 0 ? 0 : selfSpeechSec / (selfSpeechSec + othersSpeechSec),
    interruptionsBySelf: count('interruption', 'self'),
    interruptionsOfSelf: count('interruption', 'others'),
    talkoversBySelf: count('talkover', 'self'),
    talkoversOfSelf: count('talkover', 'others'),
    backchannelsBySelf,
    backchannelsByOthers: count('backchannel', 'others'),
    backchannelsPerOthersMin: othersSpeechSec >= 60 ? backchannelsBySelf / (othersSpeechSec / 60) : null,
    earlyResponsesBySelf: sim.selfGaps.filter((g) => g < 0 && g >= -0.5).length,
    longestMonologueSec: round2(longest('self')),
    othersLongestTurnSec: round2(longest('others')),
    medianResponseGapSec: gap === null ? null : round2(gap),
    quickResponses: sim.selfGaps.filter((g) => g < 0.2).length,
    turnSwitchesPerMin: Math.max(0, sim.turns.length - 1) / (sim.durationSec / 60),
    mutedSec: round2(total(sim.muted)),
    sideTalkSec: 0,
  };
}

const tick = (sec: number) => Math.round(sec * 100);
const flatTicks = (list: [number, number][]) => list.flatMap(([a, b]) => [tick(a), tick(b)]);
const EVENT_KIND = { interruption: 0, talkover: 1, backchannel: 2 } as const;
const PARTY_CODE = { self: 0, others: 1 } as const;

function timelineOf(sim: Simulation): CompactTimeline {
  return {
    tickSec: 0.01,
    self: flatTicks(sim.segments.self),
    others: flatTicks(sim.segments.others),
    turns: sim.turns.map((x) => [PARTY_CODE[x.by], tick(x.start), tick(x.end)]),
    events: sim.events.map((e) => [EVENT_KIND[e.type], PARTY_CODE[e.by], tick(e.at)]),
    muted: flatTicks(sim.muted),
  };
}

function sampleCall(rng: Rng, index: number, startedAtMs: number, progress: number): CallRecord {
  const kind = pickWeighted(rng, KINDS);
  const site = pickWeighted(rng, SITES);
  const participants = participantsFor(rng, kind);
  const minutes = clamp(logNormal(rng, MEDIAN_MINUTES[kind], 0.45), 4, 120);
  const sim = simulateConversation(rng, minutes, participants, habitsAt(rng, progress));
  const endedAtMs = startedAtMs + Math.round(sim.durationSec * 1000);
  const record: CallRecord = {
    id: `sample-${index.toString(36)}-${Math.floor(rng() * 0xffffff)
      .toString(16)
      .padStart(6, '0')}`,
    version: CALL_RECORD_VERSION,
    site,
    host: HOSTS[site],
    title: chance(rng, 0.08) ? null : pick(rng, TITLES[kind]),
    startedAtMs,
    endedAtMs,
    status: chance(rng, 0.03) ? 'recovered' : 'ended',
    // Some pages never show the participant count.
    participants: chance(rng, 0.1) ? null : participants,
    meetingKind: kind,
    captureMode: site === 'zoom' ? 'tab' : 'in-page',
    speechModel: chance(rng, 0.9) ? 'yamnet' : 'none',
    limited: chance(rng, 0.05),
    durationSec: round2(sim.durationSec),
    metrics: metricsOf(sim),
    timeline: timelineOf(sim),
  };
  if (chance(rng, lerp(0.25, 0.55, progress))) {
    record.checkIn = {
      summarised: chance(rng, lerp(0.4, 0.7, progress)),
      thankedSomeone: chance(rng, lerp(0.3, 0.65, progress)),
      agreedNextSteps: chance(rng, 0.6),
      atMs: endedAtMs + Math.round(uniform(rng, 20, 600) * 1000),
    };
  }
  return record;
}

const DAY_MS = 24 * 3600 * 1000;

/** Calls oldest first, on working days between 09:00 and 18:00 local time. */
export function generateSampleCalls(options: SampleOptions): CallRecord[] {
  const rng = createRng(options.seed ?? 1);
  const perDay = options.callsPerWorkday ?? 3;
  // Plan start times backwards from the end, day by day, then simulate oldest first.
  const starts: number[] = [];
  const day = new Date(options.endMs);
  day.setHours(0, 0, 0, 0);
  while (starts.length < options.count) {
    const weekday = day.getDay();
    if (weekday !== 0 && weekday !== 6) {
      const n = Math.min(poisson(rng, perDay), options.count - starts.length);
      const times = Array.from({ length: n }, () => day.getTime() + Math.round(uniform(rng, 9, 17.5) * 3600_000));
      for (const at of times.sort((a, b) => b - a)) if (at < options.endMs - 3 * 3600_000) starts.push(at);
    }
    day.setTime(day.getTime() - DAY_MS);
    day.setHours(0, 0, 0, 0);
  }
  starts.sort((a, b) => a - b);
  const calls: CallRecord[] = [];
  let previousEnd = -Infinity;
  starts.forEach((plannedStart, i) => {
    const progress = starts.length > 1 ? i / (starts.length - 1) : 1;
    // Calls do not overlap: a call planned during the previous one starts after it.
    const start = Math.max(plannedStart, previousEnd + 5 * 60_000);
    const call = sampleCall(rng, i, start, progress);
    calls.push(call);
    previousEnd = call.endedAtMs;
  });
  return calls;
}
