// Who else spoke: the engine's others channel split across people, from the call's own per-source
// levels (lib/people/levels.ts). Pure and clocked by its inputs, so Node tests replay level traces.
//
// - A source is speaking while its RFC 6464 level is that of a voice (above −40 dBov and well above
//   its own floor), bridged over the short dips between syllables.
// - It counts only while the engine's others channel carries speech (within a little tolerance for
//   the two clocks): a source's noise, a cough the model rejected, are not talk.
// - Talk time: every speaking source gets the time (two people talking over each other both talk).
//   The engine's figure stays the truth for the total: each person's seconds are their share of the
//   time any source spoke, times the engine's others speech. Who holds the floor (for interruptions)
//   is the loudest speaking source.
// - The page's lone stream (a one-on-one, a server mix that names nobody) is read about once a
//   second (LEVEL_LONE_READ_MS): it speaks whenever the others channel does, so its talk so far is
//   whole when a second stream comes.
// - A split exists only where sources are people: two or more of them (a person per SSRC through an
//   SFU or P2P, a person per CSRC in a mix that names them), and no more people in the call than
//   sources. One stream with several voices and no CSRCs (a server mix, tab capture) is never split.
import { VOICE_LEVEL } from '../call/webrtc';
import type { ConversationEvent } from '../engine/types';
import type { LevelBatch, SourceInfo } from './levels';
import { SpeakerNames } from './speaker-names';

export const PEOPLE_PARAMS = {
  /** RFC 6464 level of speech, linear: −40 dBov (as the call's state counts a voice). */
  voiceLevel: VOICE_LEVEL,
  /** …and this many times the source's own floor (a noisy mic's hiss is not speech). */
  aboveFloor: 4,
  /** A speaking source stays speaking across dips this short (between words). */
  hangoverMs: 300,
  /** The engine's others channel and the levels run on different clocks and delays: a sample
   *  counts when the channel carried speech within this much of it. */
  gateToleranceMs: 400,
  /** Samples are judged this long after they were taken, once the gate around them is known. */
  settleMs: 800,
  /** A pause shorter than this does not end a person's turn. */
  turnGapMs: 1000,
  /** One sample stands for at most this long (a throttled page samples less often). */
  maxStepMs: 250,
  /** Floor holders are kept this long, to find who an interruption was of or by. */
  historyMs: 60_000,
} as const;

export type PeopleParams = typeof PEOPLE_PARAMS;

/** One person's figures for this call. */
export interface PersonFigures {
  /** Stable within the call: "Person 1", "Person 2" in order of first speech. */
  label: string;
  /** Their name where the page shows it; never stored unless "keep names" is on. */
  name?: string;
  speechSec: number;
  /** Of everyone else's talk (the others channel), 0..1. */
  shareOfOthers: number;
  /** Of all talk, mine included, 0..1. */
  shareOfAll: number;
  longestTurnSec: number;
  /** My interruptions of them, and theirs of me. */
  interruptionsBySelf: number;
  interruptionsOfSelf: number;
}

export type NoSplitReason = 'no-levels' | 'one-stream' | 'mixed' | 'tab-capture';

export type PeopleView =
  | {
      split: true;
      /** Who spoke, in order of first speech. */
      people: PersonFigures[];
      /** People in the call who have not spoken yet. */
      notHeard: { count: number };
    }
  | { split: false; reason: NoSplitReason };

export interface ViewContext {
  /** Participants the call shows, me included; null when unknown. */
  participants: number | null;
  /** The engine's figures: the split never changes them. */
  selfSpeechSec: number;
  othersSpeechSec: number;
}

interface SourceState {
  info: SourceInfo;
  floor: number | null;
  lastVoiceMs: number;
  /** Gated speaking time, ms. */
  rawMs: number;
  firstSpokeMs: number | null;
  lastSpokeMs: number | null;
  runStartMs: number;
  longestMs: number;
  interruptionsBySelf: number;
  interruptionsOfSelf: number;
  /** Ever had a level: a source the sender gives no level for never counts. */
  levelled: boolean;
}

export class PeopleTracker {
  private readonly sources = new Map<string, SourceState>();
  /** Pending samples, oldest first. */
  private samples: LevelBatch['samples'] = [];
  private lastSampleMs: number | null = null;
  /** Others-channel speech as [startMs, endMs] (endMs Infinity while it goes on). */
  private gate: [number, number][] = [];
  private gateOpen = false;
  /** Floor holder per judged sample: [atMs, key | null]. */
  private holders: [number, string | null][] = [];
  private judgedUntilMs = -Infinity;
  /** Wall clock at the call's t = 0 (from the engine's live reports). */
  private audioZeroMs: number | null = null;
  private pendingEvents: ConversationEvent[] = [];
  /** Time any person-source spoke (gated), ms: the denominator that scales to the engine's figure. */
  private unionMs = 0;
  private order: string[] = [];
  private readonly speakerNames: SpeakerNames;
  /** The page's lone stream (LevelSample.lone) as its last read named it: read only now and then,
   *  it speaks whenever the others channel does. */
  private loneKey: string | null = null;
  /** A copy that judges the samples still settling (current()): it leaves the names alone. */
  private provisional = false;

  /** Where a server's mix arrives beside per-person and redundant copies of the same voices (Teams'
   *  "mainAudio"), only the sources of the mix (its CSRCs) count, as only the mix is heard. */
  private readonly isServerMix: (streamId: string) => boolean;
  private readonly params: PeopleParams;

  constructor(options: { isServerMix?: (streamId: string) => boolean; params?: PeopleParams } = {}) {
    this.isServerMix = options.isServerMix ?? (() => false);
    this.params = options.params ?? PEOPLE_PARAMS;
    this.speakerNames = new SpeakerNames(this.params.maxStepMs);
  }

  addBatch(batch: LevelBatch): void {
    for (const info of batch.sources) {
      const known = this.sources.get(info.key);
      if (known) known.info = { ...info, mixer: known.info.mixer || info.mixer };
      else this.sources.set(info.key, newSource(info));
    }
    for (const sample of batch.samples) {
      const last = this.samples.at(-1);
      if (last && sample.atMs <= last.atMs) continue;
      if (sample.atMs <= this.judgedUntilMs) continue;
      this.samples.push(sample);
    }
  }

  /** The engine's live picture at wall time `atMs`: is the others channel speaking, and where is
   *  the call's audio clock (`timeSec`) then. */
  engine(atMs: number, othersSpeaking: boolean, timeSec: number): void {
    this.audioZeroMs = atMs - timeSec * 1000;
    if (othersSpeaking && !this.gateOpen) this.gate.push([atMs, Infinity]);
    const open = this.gate.at(-1);
    if (!othersSpeaking && this.gateOpen && open) open[1] = atMs;
    this.gateOpen = othersSpeaking;
  }

  /** The page's speaking indicator at wall time `atMs` (the site adapter's names): where it and one
   *  source speaking agree, that source gets the name. */
  speakersShown(atMs: number, names: readonly string[]): void {
    this.speakerNames.shown(atMs, names);
  }

  /** Events the engine finalised (their `at` on the call's audio clock). */
  events(events: readonly ConversationEvent[]): void {
    this.pendingEvents.push(...events.filter((e) => e.type === 'interruption'));
  }

  /** Judges every sample old enough at wall time `nowMs`. */
  advance(nowMs: number): void {
    const p = this.params;
    while (this.samples[0] && this.samples[0].atMs <= nowMs - p.settleMs) this.judge(this.samples.shift()!);
    this.placeEvents();
    const keepFrom = nowMs - p.historyMs;
    while (this.holders[0] && this.holders[0][0] < keepFrom) this.holders.shift();
    while (this.gate.length > 1 && this.gate[0]![1] < this.judgedUntilMs - p.gateToleranceMs) this.gate.shift();
  }

  /** The call ends: every sample still waiting is judged now, with the gate as it stands. */
  finish(nowMs: number): void {
    this.advance(nowMs + this.params.settleMs);
  }

  private judge(sample: LevelBatch['samples'][number]): void {
    const p = this.params;
    const at = sample.atMs;
    const stepMs = this.lastSampleMs === null ? 100 : Math.min(p.maxStepMs, Math.max(0, at - this.lastSampleMs));
    this.lastSampleMs = at;
    this.judgedUntilMs = at;
    const gated = this.gateAround(at);
    let loudest: { key: string; level: number } | null = null;
    let any = false;
    for (const [key, level] of Object.entries(sample.levels)) {
      const s = this.sources.get(key);
      if (!s) continue;
      s.levelled = true;
      if (s.info.mixer) continue;
      s.floor = s.floor === null || level < s.floor ? level : s.floor + (level - s.floor) * 0.002;
      if (level >= Math.max(p.voiceLevel, s.floor * p.aboveFloor)) s.lastVoiceMs = at;
    }
    const mixPresent = this.mixPresent();
    if (!sample.lone) this.loneKey = null;
    else this.loneKey = Object.keys(sample.levels).find((key) => this.sources.has(key)) ?? this.loneKey;
    const speaking: string[] = [];
    for (const [key, s] of this.sources) {
      // The lone stream's talk is the others channel's, to the edge: no tolerance to add.
      const lone = sample.lone === true && key === this.loneKey;
      const voiced = lone ? this.gateAround(at, 0) : gated && at - s.lastVoiceMs <= p.hangoverMs;
      if (!this.isPerson(s, mixPresent) || !voiced) continue;
      any = true;
      speaking.push(key);
      s.rawMs += stepMs;
      if (s.firstSpokeMs === null) {
        s.firstSpokeMs = at;
        this.order.push(key);
      }
      if (s.lastSpokeMs === null || at - s.lastSpokeMs > p.turnGapMs) s.runStartMs = at - stepMs;
      s.lastSpokeMs = at;
      s.longestMs = Math.max(s.longestMs, at - s.runStartMs);
      const level = sample.levels[key] ?? 0;
      if (!loudest || level > loudest.level) loudest = { key, level };
    }
    if (any) this.unionMs += stepMs;
    this.holders.push([at, loudest?.key ?? null]);
    if (!this.provisional) this.speakerNames.judged(at, speaking);
  }

  /**
   * The split up to the last sample taken: a copy that judges the samples still settling with the
   * gate as it stands (this tracker judges them again, for good, once settled). Without it the
   * overlay and each save showed the people settleMs and a batch behind the engine's figures they
   * divide: someone who spoke last was short by up to 2 s (in the Janus people e2e, the second
   * person's 4.2 s closing turn counted 2.2 s in the overlay read as I left, 7 pp of the split).
   */
  private current(): PeopleTracker {
    const last = this.samples.at(-1);
    if (!last) return this;
    // What judging changes gets a copy of its own (the sources' states, the queues it shifts or
    // pushes); the rest is read only, or replaced rather than changed (pendingEvents).
    const copy: PeopleTracker = Object.assign(Object.create(PeopleTracker.prototype) as PeopleTracker, this, {
      sources: new Map([...this.sources].map(([key, source]) => [key, { ...source }])),
      samples: [...this.samples],
      gate: [...this.gate],
      holders: [...this.holders],
      order: [...this.order],
      provisional: true,
    });
    copy.finish(last.atMs);
    return copy;
  }

  private gateAround(atMs: number, tol: number = this.params.gateToleranceMs): boolean {
    return this.gate.some(([start, end]) => start - tol <= atMs && atMs <= end + tol);
  }

  /** Interruptions go to the person at their onset: for mine, the one who held the floor just
   *  before; for theirs, the one who took it. Events wait until the samples around them are judged. */
  private placeEvents(): void {
    if (this.audioZeroMs === null) return;
    const waiting: ConversationEvent[] = [];
    for (const event of this.pendingEvents) {
      const atMs = this.audioZeroMs + event.at * 1000;
      if (atMs + this.params.turnGapMs > this.judgedUntilMs) {
        waiting.push(event);
        continue;
      }
      const key =
        event.by === 'self'
          ? this.holderIn(atMs - this.params.turnGapMs, atMs + this.params.gateToleranceMs, 'last')
          : this.holderIn(atMs - this.params.gateToleranceMs, atMs + this.params.turnGapMs, 'first');
      const person = key ? this.sources.get(key) : undefined;
      if (person && event.by === 'self') person.interruptionsBySelf++;
      if (person && event.by === 'others') person.interruptionsOfSelf++;
    }
    this.pendingEvents = waiting;
  }

  private holderIn(fromMs: number, toMs: number, which: 'first' | 'last'): string | null {
    const inside = this.holders.filter(([at, key]) => key !== null && at >= fromMs && at <= toMs);
    const found = which === 'first' ? inside[0] : inside[inside.length - 1];
    return found?.[1] ?? null;
  }

  /** People known who have not spoken within the last `windowMs` (never, or not since), as of the
   *  last judged sample; null when there is no split to tell them apart. */
  quietFor(windowMs: number, participants: number | null): number | null {
    if (this.noSplitReason(participants) !== null) return null;
    const now = this.judgedUntilMs;
    const people = this.people();
    const quietSpeakers = people.filter((s) => s.lastSpokeMs !== null && now - s.lastSpokeMs >= windowMs).length;
    return quietSpeakers + this.notHeardCount(participants);
  }

  view(ctx: ViewContext): PeopleView {
    return this.current().settledView(ctx);
  }

  private settledView(ctx: ViewContext): PeopleView {
    const reason = this.noSplitReason(ctx.participants);
    if (reason !== null) return { split: false, reason };
    const mixPresent = this.mixPresent();
    const spoken = this.order.map((key) => this.sources.get(key)!).filter((s) => this.isPerson(s, mixPresent));
    const scale = this.unionMs > 0 ? ctx.othersSpeechSec / (this.unionMs / 1000) : 0;
    const totalOthers = spoken.reduce((sum, s) => sum + s.rawMs, 0);
    const all = ctx.selfSpeechSec + ctx.othersSpeechSec;
    const people = spoken.map((s, i): PersonFigures => {
      const speechSec = (s.rawMs / 1000) * scale;
      const name = this.speakerNames.nameOf(s.info.key);
      return {
        label: `Person ${i + 1}`,
        ...(name ? { name } : {}),
        speechSec: round2(speechSec),
        shareOfOthers: totalOthers > 0 ? round3(s.rawMs / totalOthers) : 0,
        shareOfAll: all > 0 ? round3(Math.min(1, speechSec / all)) : 0,
        longestTurnSec: round2(s.longestMs / 1000),
        interruptionsBySelf: s.interruptionsBySelf,
        interruptionsOfSelf: s.interruptionsOfSelf,
      };
    });
    return { split: true, people, notHeard: { count: this.notHeardCount(ctx.participants) } };
  }

  private mixPresent(): boolean {
    return [...this.sources.values()].some((s) => s.levelled && this.isServerMix(s.info.streamId));
  }

  /** A source that stands for a person: a CSRC, or the SSRC of a stream that names no contributors;
   *  where a server mix is present, only those of the mix. */
  private isPerson(s: SourceState, mixPresent: boolean): boolean {
    return !s.info.mixer && (!mixPresent || this.isServerMix(s.info.streamId));
  }

  private people(): SourceState[] {
    const mixPresent = this.mixPresent();
    return [...this.sources.values()].filter((s) => s.levelled && this.isPerson(s, mixPresent));
  }

  private notHeardCount(participants: number | null): number {
    const people = this.people();
    const known = Math.max(people.length, participants === null ? 0 : participants - 1);
    return Math.max(0, known - people.filter((s) => s.firstSpokeMs !== null).length);
  }

  private noSplitReason(participants: number | null): NoSplitReason | null {
    const people = this.people();
    if (people.length === 0 && ![...this.sources.values()].some((s) => s.levelled)) return 'no-levels';
    if (people.length < 2) return 'one-stream';
    if (participants !== null && participants - 1 > people.length) return 'mixed';
    return null;
  }
}

function newSource(info: SourceInfo): SourceState {
  return {
    info,
    floor: null,
    lastVoiceMs: -Infinity,
    rawMs: 0,
    firstSpokeMs: null,
    lastSpokeMs: null,
    runStartMs: 0,
    longestMs: 0,
    interruptionsBySelf: 0,
    interruptionsOfSelf: 0,
    levelled: false,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** What a call record keeps (CallRecord.people): labels and figures; names only when the person
 *  turned on "keep names", and never the names of people who did not speak. */
export type StoredPeople =
  { split: true; people: PersonFigures[]; notHeard: number } | { split: false; reason: NoSplitReason };

/** How evenly the people who spoke shared the others' talk: the normalised entropy of their shares
 *  (1 = even, 0 = one person had it all); null with fewer than two who spoke. */
export function talkEvenness(people: readonly Pick<PersonFigures, 'shareOfOthers'>[]): number | null {
  if (people.length < 2) return null;
  const shares = people.map((p) => p.shareOfOthers).filter((x) => x > 0);
  return shares.length < 2 ? 0 : -shares.reduce((sum, x) => sum + x * Math.log(x), 0) / Math.log(shares.length);
}

export function toStoredPeople(view: PeopleView, keepNames: boolean): StoredPeople {
  if (!view.split) return view;
  return {
    split: true,
    people: view.people.map(({ name, ...figures }) => (keepNames && name ? { ...figures, name } : figures)),
    notHeard: view.notHeard.count,
  };
}
