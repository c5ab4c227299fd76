// Sound conditions for test scenes, made at run time: noise, echo, typing and music beds, telephone
// band. Used by the harder variants of the synthetic scenes (stress-scenes.ts) and by the
// conversations recomposed from real utterances (compose-scenes.ts).
import fs from 'node:fs';
import path from 'node:path';
import { SYNTHETIC_DIR } from './evaluate';
import { readMonoWavFile } from './recording';

export const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / Math.max(1, x.length));
export const dbGain = (db: number) => 10 ** (db / 20);

/** Pink noise (Paul Kellet's filter), seeded so every run makes the same file. */
export function pinkNoise(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const out = new Float32Array(n);
  let b0 = 0,
    b1 = 0,
    b2 = 0,
    b3 = 0,
    b4 = 0,
    b5 = 0,
    b6 = 0;
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
  for (let i = 0; i < n; i++) out[i]! *= k;
  return out;
}

/** Adds `noise` (looped) to `x` at `snrDb` below the level of x's speech (its loud frames). */
export function addAt(x: Float32Array, noise: Float32Array, snrDb: number): Float32Array {
  // No noise would be 0 / 0 everywhere: a channel of NaN, written to the WAV as silence.
  if (noise.length === 0) throw new RangeError('addAt: no noise to add');
  const speechLevel = loudLevel(x);
  const k = (speechLevel * dbGain(-snrDb)) / rms(noise);
  return x.map((v, i) => v + noise[i % noise.length]! * k);
}

/** RMS of the loudest third of 10 ms frames: the level of speech, not of the pauses. */
export function loudLevel(x: Float32Array): number {
  const frames: number[] = [];
  for (let i = 0; i + 160 <= x.length; i += 160) frames.push(rms(x.subarray(i, i + 160)));
  frames.sort((a, b) => b - a);
  const top = frames.slice(0, Math.max(1, Math.floor(frames.length / 3)));
  return Math.sqrt(top.reduce((s, v) => s + v * v, 0) / top.length);
}

/** Telephone band (≈300–3400 Hz) by two one-pole high-passes and two one-pole low-passes. */
export function bandLimit(x: Float32Array, sampleRate: number): Float32Array {
  const hp = Math.exp((-2 * Math.PI * 300) / sampleRate);
  const lp = Math.exp((-2 * Math.PI * 3400) / sampleRate);
  let out = x;
  for (let pass = 0; pass < 2; pass++) {
    const y = new Float32Array(out.length);
    let pi = 0,
      po = 0,
      l = 0;
    for (let i = 0; i < out.length; i++) {
      const x = out[i]!;
      po = hp * (po + x - pi);
      pi = x;
      l = (1 - lp) * po + lp * l;
      y[i] = l;
    }
    out = y;
  }
  return out;
}

/** The remote voices reaching my mic: delayed, quieter, smeared by a short room tail. */
export function addEcho(
  self: Float32Array,
  others: Float32Array,
  sampleRate: number,
  gainDb: number,
  delayMs: number,
): Float32Array {
  const delay = Math.round((delayMs / 1000) * sampleRate);
  const tail = Math.exp(-1 / (0.03 * sampleRate)); // 30 ms decay
  const out = new Float32Array(self.length);
  const g = dbGain(gainDb);
  let reverb = 0;
  for (let i = 0; i < self.length; i++) {
    // Silence before the delay, and past the end of a shorter remote channel.
    const src = others[i - delay] ?? 0;
    reverb = reverb * tail + src * (1 - tail);
    out[i] = self[i]! + g * (0.7 * src + 1.5 * reverb);
  }
  return out;
}

/** Keyboard clicks and a music bed, taken from the synthetic scenes where the truth has no speech
 *  (the typing of d06 and the music of d07). */
export interface NoiseSources {
  typing: Float32Array;
  music: Float32Array;
}

/** At `sampleRate` (the synthetic scenes are 16 kHz). */
export function noiseSources(sampleRate = 16000): NoiseSources {
  const at = (x: Float32Array) => resample(x, 16000, sampleRate);
  return { typing: at(nonSpeechSound('d06_typing', 'self')), music: at(nonSpeechSound('d07_music', 'others')) };
}

/** Linear interpolation, after a moving average as long as the step when going down (a crude
 *  anti-alias filter, enough for noise beds). */
export function resample(x: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return x;
  const step = from / to;
  const width = Math.max(1, Math.round(step));
  const smooth =
    width === 1
      ? x
      : x.map((_, i) => {
          let sum = 0;
          for (let k = 0; k < width; k++) sum += x[Math.min(x.length - 1, i + k)]!;
          return sum / width;
        });
  const out = new Float32Array(Math.floor(x.length / step));
  for (let i = 0; i < out.length; i++) {
    const pos = i * step;
    const k = Math.floor(pos);
    const frac = pos - k;
    out[i] = smooth[k]! * (1 - frac) + smooth[Math.min(k + 1, smooth.length - 1)]! * frac;
  }
  return out;
}

/** Stretches of a scene's channel where the truth has no speech but the audio is loud. */
function nonSpeechSound(id: string, channel: 'self' | 'others'): Float32Array {
  const truth = JSON.parse(fs.readFileSync(path.join(SYNTHETIC_DIR, `${id}.truth.json`), 'utf8'));
  const wav = readMonoWavFile(path.join(SYNTHETIC_DIR, `${id}.${channel}.wav`));
  const x = wav.samples;
  const sr = wav.sampleRate;
  const speech: [number, number][] = Object.entries(truth.speech as Record<string, [number, number][]>)
    .filter(([party]) => (channel === 'self' ? party === 'self' : party !== 'self'))
    .flatMap(([, v]) => v);
  const inSpeech = new Uint8Array(x.length);
  for (const [s, e] of speech)
    inSpeech.fill(1, Math.max(0, Math.floor((s - 0.2) * sr)), Math.min(x.length, Math.ceil((e + 0.2) * sr)));
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

/** Samples limited to [-1, 1], as a WAV file holds them. */
export function clip(x: Float32Array): Float32Array {
  return x.map((v) => Math.max(-1, Math.min(1, v)));
}
