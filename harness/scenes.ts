// Audio for the fixture calls, with known truth: the shared synthetic scenes and real calls (read in
// place from ../shared, never copied into the repo) or short conversations spoken by espeak-ng at
// test time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeWav, encodeWavPcm16, mixDown } from '../lib/audio/wav';
import type { Interval } from '../lib/engine/types';
import { ROOT } from './build';

export const SYNTHETIC_DIR = resolve(ROOT, '../shared/evalsets/synthetic');
/** Real telephone calls and room clips (SpokenWOZ, AMI): for evaluation only, never shipped. */
export const REAL_CALLS_DIR = resolve(ROOT, '../shared/evalsets/real-calls');
export const SCENE_RATE = 16000;

export interface Scene {
  self: string;
  others: string;
  /** Speech intervals per party, seconds from the start of the files. */
  truth: { self: Interval[]; others: Interval[] };
  durationSec: number;
  /** The others one by one, where the utterances say who (Utterance.person): each on a WAV of their
   *  own, for a far end that sends one stream per person. Empty otherwise. */
  people: { wav: string; truth: Interval[] }[];
}

/** Why the shared scenes cannot be used here, or null when they can. Absent scenes skip the tests
 *  that need them, except in CI, where they must be present. */
export function sharedScenesMissing(): string | null {
  if (existsSync(join(SYNTHETIC_DIR, 'index.json'))) return null;
  return `shared synthetic scenes not found at ${SYNTHETIC_DIR}`;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `lc-${prefix}-`));
}

/** The first `seconds` of a shared scene, written to `dir`; truth clipped to match. */
export function sharedScene(id: string, seconds: number, dir: string): Scene {
  return sceneOfSet(SYNTHETIC_DIR, id, seconds, dir);
}

export function realCallsMissing(): string | null {
  if (existsSync(join(REAL_CALLS_DIR, 'README.md'))) return null;
  return `shared real calls not found at ${REAL_CALLS_DIR}`;
}

/** A real call of the shared set (`swz_<call>_Aself`…), its first `seconds`, at the scenes' rate. */
export function realCallScene(id: string, seconds: number, dir: string): Scene {
  return sceneOfSet(REAL_CALLS_DIR, id, seconds, dir);
}

function sceneOfSet(setDir: string, id: string, seconds: number, dir: string): Scene {
  const truth = JSON.parse(readFileSync(join(setDir, `${id}.truth.json`), 'utf8')) as {
    speech: Record<string, Interval[]>;
  };
  const clip = (intervals: Interval[]) =>
    intervals.filter(([s]) => s < seconds).map(([s, e]): Interval => [s, Math.min(e, seconds)]);
  const others = Object.entries(truth.speech)
    .filter(([party]) => party !== 'self')
    .flatMap(([, intervals]) => intervals)
    .sort((a, b) => a[0] - b[0]);
  const out = { self: join(dir, `${id}.self.wav`), others: join(dir, `${id}.others.wav`) };
  for (const party of ['self', 'others'] as const) {
    trimWav(join(setDir, `${id}.${party}.wav`), out[party], 0, seconds);
  }
  return {
    ...out,
    truth: { self: clip(truth.speech.self ?? []), others: clip(others) },
    durationSec: seconds,
    people: [],
  };
}

/** One remote person of a shared scene on a mic of their own: the scene's others channel kept only
 *  where that party speaks (their truth, padded by 50 ms), from `fromSec` of the scene on, after
 *  `silentSec` of silence. */
export interface ScenePerson {
  party: string;
  silentSec?: number;
  fromSec?: number;
}

export function sharedScenePeople(id: string, seconds: number, dir: string, people: readonly ScenePerson[]): string[] {
  const truth = JSON.parse(readFileSync(join(SYNTHETIC_DIR, `${id}.truth.json`), 'utf8')) as {
    speech: Record<string, Interval[]>;
  };
  const mix = mixDown(decodeWav(readFileSync(join(SYNTHETIC_DIR, `${id}.others.wav`))).channels);
  const pad = 0.05;
  return people.map(({ party, silentSec = 0, fromSec = 0 }) => {
    const intervals = truth.speech[party];
    if (!intervals) throw new Error(`${id} has no ${party}`);
    const shift = Math.round((silentSec - fromSec) * SCENE_RATE);
    const out = new Float32Array(seconds * SCENE_RATE);
    for (const [start, end] of intervals) {
      const from = Math.max(0, Math.round(fromSec * SCENE_RATE), Math.round((start - pad) * SCENE_RATE));
      const to = Math.min(mix.length, Math.round((end + pad) * SCENE_RATE));
      for (let k = from; k < to && shift + k < out.length; k++) out[shift + k] = mix[k]!;
    }
    const wav = join(dir, `${id}.${party}.wav`);
    writeFileSync(wav, encodeWavPcm16([out], SCENE_RATE));
    return wav;
  });
}

/** `durationSec` of `input` from `startSec` on; a negative start is silence before the file begins. */
export function trimWav(input: string, output: string, startSec: number, durationSec: number): void {
  const before = startSec < 0 ? ['pad', (-startSec).toFixed(3), '0'] : [];
  execFileSync(
    'sox',
    [
      input,
      '-r',
      String(SCENE_RATE),
      '-c',
      '1',
      '-b',
      '16',
      output,
      ...before,
      'trim',
      Math.max(0, startSec).toFixed(3),
      durationSec.toFixed(3),
    ],
    { stdio: 'ignore' },
  );
}

export interface Utterance {
  by: 'self' | 'others';
  /** Start, seconds from the beginning of the scene. */
  at: number;
  text: string;
  /** Another espeak voice than the party's own (a second remote person on the same stream). */
  voice?: readonly [name: string, wordsPerMinute: number];
  /** Which of the others says it (0, 1, …): they also get a track of their own (Scene.people). */
  person?: number;
}

const VOICES = { self: ['en-gb', 165], others: ['en-us+f3', 160] } as const;

/** A conversation spoken by espeak-ng: each utterance placed at its time in its party's track. */
export function espeakScene(utterances: readonly Utterance[], durationSec: number, dir: string): Scene {
  const tracks = {
    self: new Float32Array(Math.round(durationSec * SCENE_RATE)),
    others: new Float32Array(Math.round(durationSec * SCENE_RATE)),
  };
  const truth: Scene['truth'] = { self: [], others: [] };
  const people: { samples: Float32Array; truth: Interval[] }[] = [];
  utterances.forEach((u, i) => {
    const [voice, speed] = u.voice ?? VOICES[u.by];
    const raw = join(dir, `utterance-${i}.wav`);
    const resampled = join(dir, `utterance-${i}-16k.wav`);
    execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '-w', raw, u.text], { stdio: 'ignore' });
    execFileSync('sox', [raw, '-r', String(SCENE_RATE), '-c', '1', '-b', '16', resampled], { stdio: 'ignore' });
    const samples = mixDown(decodeWav(readFileSync(resampled)).channels);
    const offset = Math.round(u.at * SCENE_RATE);
    const [first, last] = voicedBounds(samples);
    const spoken: Interval = [u.at + first / SCENE_RATE, Math.min(durationSec, u.at + last / SCENE_RATE)];
    const person =
      u.by === 'others' && u.person !== undefined
        ? (people[u.person] ??= { samples: new Float32Array(Math.round(durationSec * SCENE_RATE)), truth: [] })
        : null;
    for (const target of [tracks[u.by], person?.samples]) {
      if (!target) continue;
      for (let k = 0; k < samples.length && offset + k < target.length; k++) target[offset + k]! += samples[k]!;
    }
    truth[u.by].push(spoken);
    person?.truth.push(spoken);
  });
  const out = { self: join(dir, 'scene.self.wav'), others: join(dir, 'scene.others.wav') };
  for (const party of ['self', 'others'] as const)
    writeFileSync(out[party], encodeWavPcm16([tracks[party]], SCENE_RATE));
  const personWavs = Array.from(people, (person, i) => {
    if (!person) throw new Error(`the scene names person ${i + 1} but gives them nothing to say`);
    const wav = join(dir, `scene.person${i + 1}.wav`);
    writeFileSync(wav, encodeWavPcm16([person.samples], SCENE_RATE));
    return { wav, truth: person.truth };
  });
  return { ...out, truth, durationSec, people: personWavs };
}

/** First and last sample above a small level: espeak pads its output with silence. */
function voicedBounds(samples: Float32Array): [number, number] {
  const threshold = 0.01;
  const first = Math.max(
    0,
    samples.findIndex((x) => Math.abs(x) > threshold),
  );
  const last = samples.findLastIndex((x) => Math.abs(x) > threshold);
  return [first, Math.max(first, last)];
}

/** A silent WAV, e.g. for a fake mic when I say nothing. */
export function silentWav(path: string, durationSec: number): string {
  writeFileSync(path, encodeWavPcm16([new Float32Array(Math.round(durationSec * SCENE_RATE))], SCENE_RATE));
  return path;
}
