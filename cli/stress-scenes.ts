// Harder variants of the shared synthetic scenes, made at run time into a temporary folder (nothing
// from ../shared is copied into the repo): the conditions the unseen evaluation set names — more
// noise, louder echo, a quiet mic, heavy typing, music under the remote voices, band-limited remote
// audio. Each variant changes only what does not move the truth (no speech is added or removed),
// so the scene's truth file still holds. `npm run eval -- --stress` scores them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeWavPcm16 } from '../lib/audio/wav';
import { SYNTHETIC_DIR } from './evaluate';
import { readWavFile } from './recording';

type Pair = { self: Float32Array; others: Float32Array; sampleRate: number };
type Variant = { name: string; make: (scene: Pair, sources: NoiseSources) => Pair };
interface NoiseSources {
  typing: Float32Array;
  music: Float32Array;
}

const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / Math.max(1, x.length));
const dbGain = (db: number) => 10 ** (db / 20);

/** Pink noise (Paul Kellet's filter), seeded so every run makes the same file. */
function pinkNoise(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const out = new Float32Array(n);
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  for (let i = 0; i < n; i++) {
    const w = rand();
    b0 = 0.99886 * b0 + w * 0.0555179;
    b1 = 0.99332 * b1 + w * 0.0750759;
    b2 = 0.969 * b2 + w * 0.153852;
    b3 = 0.8665 * b3 + w * 0.3104856;
    b4 = 0.55 * b4 + w * 0.5329522;
    b5 = -0.7616 * b5 - w * 0.016898;
    out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
    b6 = w * 0.115926;
  }
  const k = 1 / rms(out);
  for (let i = 0; i < n; i++) out[i] *= k;
  return out;
}

/** Adds `noise` (looped) to `x` at `snrDb` below the level of x's speech (its loud frames). */
function addAt(x: Float32Array, noise: Float32Array, snrDb: number): Float32Array {
  const speechLevel = loudLevel(x);
  const k = (speechLevel * dbGain(-snrDb)) / rms(noise);
  return x.map((v, i) => v + noise[i % noise.length] * k);
}

/** RMS of the loudest third of 10 ms frames: the level of speech, not of the pauses. */
function loudLevel(x: Float32Array): number {
  const frames: number[] = [];
  for (let i = 0; i + 160 <= x.length; i += 160) frames.push(rms(x.subarray(i, i + 160)));
  frames.sort((a, b) => b - a);
  const top = frames.slice(0, Math.max(1, Math.floor(frames.length / 3)));
  return Math.sqrt(top.reduce((s, v) => s + v * v, 0) / top.length);
}

/** Telephone band (≈300–3400 Hz) by two one-pole high-passes and two one-pole low-passes. */
function bandLimit(x: Float32Array, sampleRate: number): Float32Array {
  const hp = Math.exp((-2 * Math.PI * 300) / sampleRate);
  const lp = Math.exp((-2 * Math.PI * 3400) / sampleRate);
  let out = x;
  for (let pass = 0; pass < 2; pass++) {
    const y = new Float32Array(out.length);
    let pi = 0, po = 0, l = 0;
    for (let i = 0; i < out.length; i++) {
      po = hp * (po + out[i] - pi);
      pi = out[i];
      l = (1 - lp) * po + lp * l;
      y[i] = l;
    }
    out = y;
  }
  return out;
}

/** The remote voices reaching my mic: delayed, quieter, smeared by a short room tail. */
function addEcho(self: Float32Array, others: Float32Array, sampleRate: number, gainDb: number, delayMs: number): Float32Array {
  const delay = Math.round((delayMs / 1000) * sampleRate);
  const tail = Math.exp(-1 / (0.03 * sampleRate)); // 30 ms decay
  const out = new Float32Array(self.length);
  const g = dbGain(gainDb);
  let reverb = 0;
  for (let i = 0; i < self.length; i++) {
    const src = i >= delay ? others[i - delay] : 0;
    reverb = reverb * tail + src * (1 - tail);
    out[i] = self[i] + g * (0.7 * src + 1.5 * reverb);
  }
  return out;
}

export const STRESS_VARIANTS: Variant[] = [
  { name: 'noisy', make: (p) => ({ ...p, self: addAt(p.self, pinkNoise(p.self.length, 1), 15), others: addAt(p.others, pinkNoise(p.others.length, 2), 18) }) },
  { name: 'echo-loud', make: (p) => ({ ...p, self: addEcho(p.self, p.others, p.sampleRate, -10, 120) }) },
  { name: 'quiet-mic', make: (p) => ({ ...p, self: addAt(p.self.map((v) => v * dbGain(-30)), pinkNoise(p.self.length, 3), 30) }) },
  { name: 'typing', make: (p, src) => ({ ...p, self: addAt(p.self, src.typing, 0) }) },
  { name: 'music', make: (p, src) => ({ ...p, others: addAt(p.others, src.music, 12) }) },
  { name: 'band-limited', make: (p) => ({ ...p, others: bandLimit(p.others, p.sampleRate) }) },
];

/** Stretches of a scene's channel where the truth has no speech but the audio is loud: the
 *  typing of d06 and the music of d07, used as noise sources for the other scenes. */
function nonSpeechSound(id: string, channel: 'self' | 'others'): Float32Array {
  const truth = JSON.parse(fs.readFileSync(path.join(SYNTHETIC_DIR, `${id}.truth.json`), 'utf8'));
  const wav = readWavFile(path.join(SYNTHETIC_DIR, `${id}.${channel}.wav`), true);
  const x = wav.channels[0];
  const sr = wav.sampleRate;
  const speech: [number, number][] = Object.entries(truth.speech as Record<string, [number, number][]>)
    .filter(([party]) => (channel === 'self' ? party === 'self' : party !== 'self'))
    .flatMap(([, v]) => v);
  const inSpeech = new Uint8Array(x.length);
  for (const [s, e] of speech) inSpeech.fill(1, Math.max(0, Math.floor((s - 0.2) * sr)), Math.min(x.length, Math.ceil((e + 0.2) * sr)));
  const parts: number[] = [];
  const frame = Math.round(sr / 100);
  const floor = loudLevel(x) * dbGain(-30);
  for (let i = 0; i + frame <= x.length; i += frame) {
    if (inSpeech[i] || inSpeech[i + frame - 1]) continue;
    const f = x.subarray(i, i + frame);
    if (rms(f) > floor) for (const v of f) parts.push(v);
  }
  return Float32Array.from(parts);
}

/** Writes every variant of every scene (`<variant>-<id>.{self,others,truth}`) into a new folder. */
export function makeStressScenes(outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'listening-coach-stress-'))): string {
  const sources = { typing: nonSpeechSound('d06_typing', 'self'), music: nonSpeechSound('d07_music', 'others') };
  for (const file of fs.readdirSync(SYNTHETIC_DIR).filter((f) => f.endsWith('.truth.json')).sort()) {
    const id = file.replace('.truth.json', '');
    const self = readWavFile(path.join(SYNTHETIC_DIR, `${id}.self.wav`), true);
    const others = readWavFile(path.join(SYNTHETIC_DIR, `${id}.others.wav`), true);
    const scene: Pair = { self: self.channels[0], others: others.channels[0], sampleRate: self.sampleRate };
    const truth = JSON.parse(fs.readFileSync(path.join(SYNTHETIC_DIR, file), 'utf8'));
    for (const v of STRESS_VARIANTS) {
      const out = v.make(scene, sources);
      const vid = `${v.name}-${id}`;
      fs.writeFileSync(path.join(outDir, `${vid}.self.wav`), encodeWavPcm16([clip(out.self)], out.sampleRate));
      fs.writeFileSync(path.join(outDir, `${vid}.others.wav`), encodeWavPcm16([clip(out.others)], out.sampleRate));
      fs.writeFileSync(path.join(outDir, `${vid}.truth.json`), JSON.stringify({ ...truth, id: vid }));
    }
  }
  return outDir;
}

function clip(x: Float32Array): Float32Array {
  return x.map((v) => Math.max(-1, Math.min(1, v)));
}
