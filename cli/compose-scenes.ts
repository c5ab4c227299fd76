// Conversations recomposed from real utterances: more real-speech material than the few real calls,
// with known interruptions, talk-overs, backchannels and early responses, under the conditions a
// call meets (echo, noise, a quiet mic, typing, music, a line that drops to digital silence).
//
// Utterances are cut out of the SpokenWOZ calls in ../shared/evalsets/real-calls (one speaker per
// channel, no crosstalk), each with its reference speech; between them each channel plays its own
// line noise. The truth's speech is the placed utterances' reference speech; its turns and events
// are what the metrics.md rules (lib/engine/conversation.ts) give on that speech, so a scene scores
// the detection, not the rules. Made at run time into a temporary folder: nothing from ../shared is
// copied into the repo. `npm run eval -- --sets tuning,heldOut` scores them, split by call: the engine's
// thresholds were set on the conversations of TUNING_CALLS, and the others are kept apart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeWavPcm16 } from '../lib/audio/wav';
import { ConversationTracker } from '../lib/engine/conversation';
import { ENGINE_PARAMS } from '../lib/engine/params';
import type { Party } from '../lib/engine/types';
import { REAL_CALLS_DIR } from './evaluate';
import { readMonoWavFile } from './recording';
import { addAt, addEcho, clip, dbGain, noiseSources, pinkNoise, type NoiseSources } from './scene-audio';

/** The calls whose recompositions chose the engine's thresholds; the rest are held out. */
export const TUNING_CALLS: readonly string[] = ['MUL1423', 'SNG0480'];

type Interval = [start: number, end: number];

interface Utterance {
  samples: Float32Array;
  /** Reference speech within the clip, seconds. */
  speech: Interval[];
  /** Where the first stretch of speech starts and the last one ends, within the clip. */
  speechStart: number;
  speechEnd: number;
  speechSec: number;
}

interface Speaker {
  id: string;
  call: string;
  sampleRate: number;
  utterances: Utterance[];
  /** The channel with every utterance taken out: the line's own noise (and digital silence). */
  bed: Float32Array;
}

interface Placement {
  party: Party;
  utterance: Utterance;
  at: number;
}

/** Seeded, so every run composes the same scenes. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Both speakers of every SpokenWOZ call in the real-calls set (scenes `swz_<call>_Aself`). */
function readCalls(): { call: string; a: Speaker; b: Speaker }[] {
  const calls: { call: string; a: Speaker; b: Speaker }[] = [];
  for (const file of fs.readdirSync(REAL_CALLS_DIR).sort()) {
    const call = /^swz_(.+)_Aself\.truth\.json$/.exec(file)?.[1];
    if (call === undefined) continue;
    const id = file.replace('.truth.json', '');
    const truth = JSON.parse(fs.readFileSync(path.join(REAL_CALLS_DIR, file), 'utf8'));
    const speaker = (channel: 'self' | 'others', party: string, name: string) => {
      const wav = readMonoWavFile(path.join(REAL_CALLS_DIR, `${id}.${channel}.wav`));
      return cutSpeaker(`${call}_${name}`, call, wav.samples, wav.sampleRate, truth, party);
    };
    calls.push({ call, a: speaker('self', 'self', 'A'), b: speaker('others', 'other1', 'B') });
  }
  return calls;
}

function cutSpeaker(
  id: string,
  call: string,
  x: Float32Array,
  sampleRate: number,
  truth: { speech: Record<string, Interval[]>; utterances: { party: string; start: number; end: number }[] },
  party: string,
): Speaker {
  const speech = truth.speech[party] ?? [];
  const taken = new Uint8Array(x.length);
  const utterances: Utterance[] = [];
  for (const u of truth.utterances.filter((v) => v.party === party)) {
    const from = Math.max(0, Math.floor(u.start * sampleRate));
    const to = Math.min(x.length, Math.ceil(u.end * sampleRate));
    taken.fill(1, Math.max(0, from - sampleRate * 0.05), Math.min(x.length, to + sampleRate * 0.05));
    const start = from / sampleRate;
    const inside = speech
      .map(([s, e]): Interval => [Math.max(s, start), Math.min(e, to / sampleRate)])
      .filter(([s, e]) => e - s > 0.01)
      .map(([s, e]): Interval => [s - start, e - start]);
    const first = inside[0];
    const last = inside.at(-1);
    if (!first || !last) continue;
    utterances.push({
      samples: x.slice(from, to),
      speech: inside,
      speechStart: first[0],
      speechEnd: last[1],
      speechSec: last[1] - first[0],
    });
  }
  return { id, call, sampleRate, utterances, bed: lineNoise(x, taken, Math.round(sampleRate / 100)) };
}

/**
 * The channel outside its utterances, without the sounds the reference leaves out there (a cough,
 * a laugh, a word nobody transcribed): only 10 ms frames within 6 dB of the line's typical level
 * there. Looped under a whole scene, such sounds would come back again and again.
 */
function lineNoise(x: Float32Array, taken: Uint8Array, frame: number): Float32Array {
  const power = (i: number) => x.subarray(i, i + frame).reduce((sum, v) => sum + v * v, 0) / frame;
  const outside: number[] = [];
  for (let i = 0; i + frame <= x.length; i += frame) if (!taken[i] && !taken[i + frame - 1]) outside.push(i);
  const sorted = outside.map(power).sort((a, b) => a - b);
  const limit = (sorted[sorted.length >> 1] ?? 0) * dbGain(6) ** 2;
  // Runs of quiet frames of at least 0.3 s, joined with 5 ms crossfades (no clicks at the joins).
  const runs: Float32Array[] = [];
  let from = -1;
  let previous = -1;
  // null: the end, which closes the last run.
  for (const i of [...outside, null]) {
    const quiet = i !== null && power(i) <= limit && (from < 0 || i === previous + frame);
    if (quiet && from < 0) from = i;
    if (!quiet && from >= 0) {
      const end = previous + frame;
      if (end - from >= 30 * frame) runs.push(x.subarray(from, end));
      from = i !== null && power(i) <= limit ? i : -1;
    }
    if (i !== null) previous = i;
  }
  const fade = Math.round(frame / 2);
  const bed = new Float32Array(runs.reduce((n, r) => n + r.length - fade, 0) + fade);
  let at = 0;
  for (const run of runs) {
    for (let j = 0; j < run.length; j++) {
      const w = at > 0 && j < fade ? j / fade : 1;
      bed[at + j] = w * run[j]! + (1 - w) * bed[at + j]!;
    }
    at += run.length - fade;
  }
  return bed;
}

/**
 * A two-party conversation of about `seconds`: turns of one to three utterances with pauses under a
 * turn pause, and between turns a mix of plain responses, early starts, interruptions (the holder
 * stops 0.8–1.6 s after the listener's onset), talk-overs (the holder goes on 3 s or more past
 * it) and backchannels inside long turns.
 */
function script(self: Speaker, others: Speaker, seconds: number, seed: number): Placement[] {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[Math.floor(rand() * xs.length)];
    if (x === undefined) throw new RangeError('compose-scenes: a speaker has no utterance with reference speech');
    return x;
  };
  const speakerOf = (p: Party) => (p === 'self' ? self : others);
  const short = (p: Party) => speakerOf(p).utterances.filter((u) => u.speechSec <= 0.8);
  const long = (p: Party, min: number) => speakerOf(p).utterances.filter((u) => u.speechSec >= min);
  const placements: Placement[] = [];
  /** Places an utterance so that its speech starts at `speechStart`; returns where its speech ends. */
  const place = (party: Party, utterance: Utterance, speechStart: number): number => {
    const at = speechStart - utterance.speechStart;
    placements.push({ party, utterance, at });
    return at + utterance.speechEnd;
  };
  let holder: Party = rand() < 0.5 ? 'self' : 'others';
  let t = 1 + rand();
  while (t < seconds) {
    const listener: Party = holder === 'self' ? 'others' : 'self';
    const turnStart = t;
    const pieces = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < pieces; k++) {
      t = place(holder, pick(speakerOf(holder).utterances), t) + (k + 1 < pieces ? 0.2 + rand() * 0.7 : 0);
    }
    const turnEnd = t;
    const shorts = short(listener);
    if (turnEnd - turnStart > 4 && shorts.length > 0 && rand() < 0.5) {
      place(listener, pick(shorts), turnStart + 1 + rand() * (turnEnd - turnStart - 2.5));
    }
    const kind = rand();
    const next = pick(speakerOf(listener).utterances);
    if (kind < 0.15 && long(listener, 1.5).length > 0) {
      t = place(listener, pick(long(listener, 1.5)), turnEnd - (0.8 + rand() * 0.8)); // interruption
    } else if (kind < 0.3 && turnEnd - turnStart > 4.5 && long(listener, 1.2).some((u) => u.speechSec < 2.5)) {
      // A talk-over: the listener tries for 1.2–2.5 s; the holder goes on past them and keeps the floor.
      const attempt = pick(long(listener, 1.2).filter((u) => u.speechSec < 2.5));
      const onset = turnStart + 0.5 + rand() * (turnEnd - turnStart - attempt.speechSec - 4);
      if (onset > turnStart) {
        place(listener, attempt, onset);
        t = turnEnd + 0.3 + rand() * 0.6;
        continue;
      }
      t = place(listener, next, turnEnd + 0.3 + rand() * 0.6);
    } else if (kind < 0.4) {
      t = place(listener, next, turnEnd - 0.05 - rand() * 0.25); // an early start
    } else {
      t = place(listener, next, turnEnd + 0.15 + rand() * 1.0);
    }
    holder = listener;
  }
  return placements;
}

/** Each channel: its line noise, with the utterances in place of it (10 ms crossfades). */
function render(placements: Placement[], speaker: Speaker, party: Party, length: number, offset: number): Float32Array {
  const sr = speaker.sampleRate;
  const out = new Float32Array(length);
  const bed = speaker.bed;
  for (let i = 0; i < length; i++) out[i] = bed.length ? bed[(i + offset) % bed.length]! : 0;
  const fade = Math.round(0.01 * sr);
  for (const p of placements.filter((q) => q.party === party)) {
    const from = Math.round(p.at * sr);
    const x = p.utterance.samples;
    for (let i = 0; i < x.length; i++) {
      const n = from + i;
      if (n < 0 || n >= length) continue;
      const w = Math.min(1, i / fade, (x.length - 1 - i) / fade);
      out[n] = w * x[i]! + (1 - w) * out[n]!;
    }
  }
  return out;
}

/** The truth of a placement list: speech per party (bridged as metrics.md), turns and events. */
function truthOf(
  id: string,
  placements: Placement[],
  duration: number,
  sampleRate: number,
  conditions: Record<string, unknown>,
) {
  const p = ENGINE_PARAMS;
  const speech = (party: Party) =>
    bridged(
      placements
        .filter((q) => q.party === party)
        .flatMap((q) => q.utterance.speech.map(([s, e]): Interval => [q.at + s, q.at + e])),
      p.bridgeGapSec,
    );
  const self = speech('self');
  const others = speech('others');
  const tracker = new ConversationTracker({ ...p });
  const frames = (party: Party, xs: Interval[]) =>
    xs.map(([s, e]) => ({ party, start: Math.round(s / p.frameSec), end: Math.round(e / p.frameSec) }));
  for (const seg of [...frames('self', self), ...frames('others', others)].sort((a, b) => a.start - b.start))
    tracker.push(seg);
  tracker.finish();
  const { turns, events, responseGaps } = tracker.totals;
  const partyName = (by: Party) => (by === 'self' ? 'self' : 'other1');
  return {
    id,
    sampleRate,
    duration,
    conditions,
    speech: { self, other1: others },
    turns: turns.map((t) => ({ party: partyName(t.by), start: t.start, end: t.end })),
    events: [
      ...events.map((e) => ({
        type: e.type,
        by: partyName(e.by),
        victim: partyName(e.by === 'self' ? 'others' : 'self'),
        at: e.at,
      })),
      ...responseGaps.map((gap) => ({ type: 'response', by: 'self', gap })),
    ],
  };
}

function bridged(intervals: Interval[], gap: number): Interval[] {
  const out: Interval[] = [];
  for (const [s, e] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const last = out.at(-1);
    if (last && s - last[1] < gap) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out.map(([s, e]) => [Math.round(s * 100) / 100, Math.round(e * 100) / 100]);
}

type Channels = { self: Float32Array; others: Float32Array };
interface Condition {
  name: string;
  describe: Record<string, unknown>;
  apply(
    c: Channels,
    sampleRate: number,
    sources: NoiseSources,
    speech: { self: Interval[]; others: Interval[] },
  ): Channels;
}

/** The remote line drops to digital silence between its talk (codec DTX), with a click each time it
 *  comes back, as on one of the real calls. */
function withDtx(x: Float32Array, speech: Interval[], sampleRate: number): Float32Array {
  const out = new Float32Array(x.length);
  for (const [s, e] of speech) {
    const from = Math.max(0, Math.round((s - 0.4) * sampleRate));
    const to = Math.min(x.length, Math.round((e + 0.4) * sampleRate));
    out.set(x.subarray(from, to), from);
    for (let i = 0; i < Math.round(0.002 * sampleRate) && from + i < to; i++)
      out[from + i]! += (i % 2 ? -1 : 1) * dbGain(-10);
  }
  return out;
}

export const CONDITIONS: readonly Condition[] = [
  { name: 'line', describe: {}, apply: (c) => c },
  {
    name: 'echo',
    describe: { echo_db: -18, echo_delay_ms: 140 },
    apply: (c, sr) => ({ ...c, self: addEcho(c.self, c.others, sr, -18, 140) }),
  },
  {
    name: 'noise',
    describe: { self_snr_db: 15, others_snr_db: 15 },
    apply: (c) => ({
      self: addAt(c.self, pinkNoise(c.self.length, 11), 15),
      others: addAt(c.others, pinkNoise(c.others.length, 12), 15),
    }),
  },
  {
    name: 'quiet',
    describe: { self_gain: dbGain(-35) },
    apply: (c) => ({ ...c, self: c.self.map((v) => v * dbGain(-35)) }),
  },
  {
    name: 'typing',
    describe: { typing: true },
    apply: (c, _sr, src) => ({ ...c, self: addAt(c.self, src.typing, 6) }),
  },
  {
    name: 'music',
    describe: { music: true },
    apply: (c, _sr, src) => ({ ...c, others: addAt(c.others, src.music, 12) }),
  },
  {
    name: 'dtx',
    describe: { others_dtx: true },
    apply: (c, sr, _src, speech) => ({ ...c, others: withDtx(c.others, speech.others, sr) }),
  },
];

/**
 * Writes every condition of two conversations per call (each speaker once as "me"), about two
 * minutes each, as `<condition>-<call>-<A|B>self.{self,others}.wav` and `.truth.json`, into
 * `<outDir>/tuning` (TUNING_CALLS) and `<outDir>/held-out`. Returns both folders.
 */
export function makeComposedScenes(outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'listening-coach-composed-'))): {
  tuning: string;
  heldOut: string;
} {
  const dirs = { tuning: path.join(outDir, 'tuning'), heldOut: path.join(outDir, 'held-out') };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const calls = readCalls();
  const sources = noiseSources(calls[0]?.a.sampleRate);
  let seed = 1;
  for (const { call, a, b } of calls) {
    for (const [me, them] of [
      [a, b],
      [b, a],
    ] as const) {
      const placements = script(me, them, 110, seed++);
      const sr = me.sampleRate;
      const duration = Math.ceil(Math.max(...placements.map((q) => q.at + q.utterance.samples.length / sr)) + 1);
      const length = duration * sr;
      const base: Channels = {
        self: render(placements, me, 'self', length, 0),
        others: render(placements, them, 'others', length, 0),
      };
      const truth0 = truthOf('', placements, duration, sr, {});
      const speech = { self: truth0.speech.self, others: truth0.speech.other1 };
      for (const condition of CONDITIONS) {
        const id = `${condition.name}-${me.id.replace('_', '-')}self`;
        const dir = TUNING_CALLS.includes(call) ? dirs.tuning : dirs.heldOut;
        const out = condition.apply(base, sr, sources, speech);
        fs.writeFileSync(path.join(dir, `${id}.self.wav`), encodeWavPcm16([clip(out.self)], sr));
        fs.writeFileSync(path.join(dir, `${id}.others.wav`), encodeWavPcm16([clip(out.others)], sr));
        fs.writeFileSync(
          path.join(dir, `${id}.truth.json`),
          JSON.stringify({
            ...truth0,
            id,
            conditions: { real: 'recomposed SpokenWOZ utterances', ...condition.describe },
          }),
        );
      }
    }
  }
  return dirs;
}
