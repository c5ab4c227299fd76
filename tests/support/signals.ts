// Test signals with known truth: speech-like voiced bursts (a harmonic tone at syllable rate),
// clicks, tones and pink noise, all seeded so every run is the same.
export const RATE = 16000;

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Silence of `sec` seconds. */
export const silence = (sec: number) => new Float32Array(Math.round(sec * RATE));

/** A voiced burst: 140 Hz with harmonics, amplitude-modulated at 4 Hz like syllables. */
export function voice(into: Float32Array, from: number, to: number, level = 0.2, pitch = 140): void {
  for (let i = Math.max(0, Math.round(from * RATE)); i < Math.min(into.length, Math.round(to * RATE)); i++) {
    const t = i / RATE;
    const syllable = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * (t - from));
    let x = 0;
    for (let h = 1; h <= 6; h++) x += Math.sin(2 * Math.PI * pitch * h * t) / h;
    into[i]! += level * syllable * x * 0.5;
  }
}

/** A pure tone burst (a stand-in for non-speech sound such as music). */
export function tone(into: Float32Array, from: number, to: number, hz: number, level = 0.2): void {
  for (let i = Math.max(0, Math.round(from * RATE)); i < Math.min(into.length, Math.round(to * RATE)); i++) {
    into[i]! += level * Math.sin((2 * Math.PI * hz * i) / RATE);
  }
}

/** Keyboard-like clicks: 15 ms noise bursts every `everySec`. */
export function clicks(into: Float32Array, from: number, to: number, everySec = 0.12, level = 0.3, seed = 7): void {
  const rand = seededRandom(seed);
  for (let t = from; t < to; t += everySec * (0.7 + 0.6 * rand())) {
    const start = Math.round(t * RATE);
    for (let i = Math.max(0, start); i < Math.min(into.length, start + 240); i++)
      into[i]! += level * (rand() * 2 - 1) * Math.exp(-(i - start) / 60);
  }
}

/** Low white noise, so the floor is a room rather than digital silence. */
export function noise(into: Float32Array, level = 0.001, seed = 1): void {
  const rand = seededRandom(seed);
  for (let i = 0; i < into.length; i++) into[i]! += level * (rand() * 2 - 1);
}

/** `into += gain × source` delayed by `delaySec` (echo of the remote channel in my mic), for as
 *  long as both last. */
export function addDelayed(into: Float32Array, source: Float32Array, delaySec: number, gain: number): void {
  const d = Math.round(delaySec * RATE);
  for (let i = d; i < Math.min(into.length, source.length + d); i++) into[i]! += gain * source[i - d]!;
}

/** A fake speech classifier for unit tests: low zero-crossing rate (voiced sound) is speech. */
export function zeroCrossingClassifier(window: Float32Array): number {
  let crossings = 0;
  let energy = 0;
  for (let i = 1; i < window.length; i++) {
    const x = window[i]!;
    if (window[i - 1]! < 0 !== x < 0) crossings++;
    energy += x * x;
  }
  if (energy < 1e-6) return 0;
  return crossings / window.length < 0.08 ? 0.95 : 0.02;
}

/** Like zeroCrossingClassifier, but deaf below -45 dBFS, as YAMNet is to very quiet audio (its
 *  log-mel features floor out): the engine must raise a quiet channel for it to hear speech. */
export function levelDeafClassifier(window: Float32Array): number {
  let energy = 0;
  for (const v of window) energy += v * v;
  return 10 * Math.log10(energy / window.length + 1e-12) < -45 ? 0.01 : zeroCrossingClassifier(window);
}
