// What reading a silent receiver less often costs the per-person split (docs/people.md, "Cost"):
// the shared group scenes' voices, each as a person of its own (their speech cut from the others'
// track by the scene's truth, as the Janus e2e plays them), their RFC 6464 levels per 20 ms packet
// as a sender computes them, read by the hook's sampler every 100 ms (±15 ms of timer jitter)
// either at every sample or on the quiet cadence (lib/people/levels.ts, ReadCadence), through the
// tracker with the engine's others channel taken as the truth's. Each scene is played with 10
// timer phases; the table gives the reads a second and each person's share-of-others error
// against the truth.
//
//   npx tsx scripts/people-cadence-accuracy.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav, mixDown } from '../lib/audio/wav';
import { LEVEL_SAMPLE_MS, ReadCadence, type LevelBatch, type SourceInfo } from '../lib/people/levels';
import { PeopleTracker } from '../lib/people/tracker';
import { SYNTHETIC_DIR, sharedScenesMissing } from '../harness/scenes';

type Interval = [number, number];
const SCENES = ['d04_group', 'd06_typing', 'd07_music'];
const PHASES = 10;
const PACKET_SEC = 0.02;

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Each voice's level per 20 ms packet (linear, as `audioLevel` reports it; −127 dBov floor). */
function packetLevels(mix: Float32Array, rate: number, intervals: Interval[]): Float32Array {
  const packet = Math.round(PACKET_SEC * rate);
  const levels = new Float32Array(Math.floor(mix.length / packet));
  const pad = 0.05;
  for (let p = 0; p < levels.length; p++) {
    const t = (p * packet) / rate;
    if (!intervals.some(([s, e]) => t + PACKET_SEC > s - pad && t < e + pad)) {
      levels[p] = 10 ** (-127 / 20);
      continue;
    }
    let sum = 0;
    for (let k = p * packet; k < (p + 1) * packet; k++) sum += mix[k]! * mix[k]!;
    levels[p] = Math.max(10 ** (-127 / 20), Math.sqrt(sum / packet));
  }
  return levels;
}

const within = (intervals: Interval[], t: number) => intervals.some(([s, e]) => t >= s && t < e);

function play(
  people: { key: string; levels: Float32Array }[],
  gate: Interval[],
  durationSec: number,
  quiet: boolean,
  seed: number,
): { shares: number[]; readsPerSec: number } {
  const next = random(seed);
  const tracker = new PeopleTracker();
  const sources: SourceInfo[] = people.map(({ key }) => ({
    key,
    kind: 'ssrc',
    trackId: key,
    streamId: key,
    mixer: false,
  }));
  const cadence = new ReadCadence<(typeof people)[number]>();
  const zero = 1000;
  let reads = 0;
  let batch: LevelBatch = { sources, samples: [] };
  const offsetMs = next() * LEVEL_SAMPLE_MS;
  for (let i = 0; (i * LEVEL_SAMPLE_MS) / 1000 < durationSec; i++) {
    const atMs = zero + offsetMs + i * LEVEL_SAMPLE_MS + (next() - 0.5) * 30;
    const t = (atMs - zero) / 1000;
    const levels: Record<string, number> = {};
    for (const person of people) {
      if (quiet && !cadence.due(person, atMs)) continue;
      reads++;
      const level = person.levels[Math.max(0, Math.floor(t / PACKET_SEC) - 1)] ?? 0;
      levels[person.key] = level;
      cadence.read(person, atMs, level);
    }
    batch.samples.push({ atMs, levels });
    tracker.engine(atMs, within(gate, t), t);
    if (i % 3 === 2) {
      tracker.addBatch(batch);
      batch = { sources, samples: [] };
      tracker.advance(atMs);
    }
  }
  tracker.addBatch(batch);
  tracker.finish(zero + durationSec * 1000);
  const view = tracker.view({ participants: people.length + 1, selfSpeechSec: 0, othersSpeechSec: 1 });
  if (!view.split) throw new Error('no split');
  const byLabelOrder = view.people.map((p) => p.shareOfOthers);
  return { shares: byLabelOrder, readsPerSec: reads / durationSec };
}

function main(): void {
  const missing = sharedScenesMissing();
  if (missing) throw new Error(missing);
  console.log('scene | cadence | reads/s | share error per person, pp (mean over phases) | max pp');
  for (const id of SCENES) {
    const truth = JSON.parse(readFileSync(join(SYNTHETIC_DIR, `${id}.truth.json`), 'utf8')) as {
      duration: number;
      speech: Record<string, Interval[]>;
    };
    const wav = decodeWav(readFileSync(join(SYNTHETIC_DIR, `${id}.others.wav`)));
    const mix = mixDown(wav.channels);
    const parties = Object.keys(truth.speech).filter((party) => party !== 'self');
    const people = parties.map((party) => ({
      key: `ssrc:${party}`,
      levels: packetLevels(mix, wav.sampleRate, truth.speech[party]!),
    }));
    const gate = parties.flatMap((party) => truth.speech[party]!);
    const truthSec = parties.map((party) => truth.speech[party]!.reduce((sum, [s, e]) => sum + e - s, 0));
    // Labels follow the order of first speech.
    const order = parties
      .map((party, i) => ({ i, first: truth.speech[party]![0]![0] }))
      .sort((a, b) => a.first - b.first)
      .map(({ i }) => i);
    const total = truthSec.reduce((a, b) => a + b, 0);
    const truthShares = order.map((i) => truthSec[i]! / total);
    for (const quiet of [false, true]) {
      const errors = truthShares.map(() => 0);
      let max = 0;
      let readsPerSec = 0;
      for (let phase = 0; phase < PHASES; phase++) {
        const result = play(
          order.map((i) => people[i]!),
          gate,
          truth.duration,
          quiet,
          (phase + 1) * 7919,
        );
        readsPerSec += result.readsPerSec / PHASES;
        result.shares.forEach((share, k) => {
          const error = Math.abs(share - truthShares[k]!) * 100;
          errors[k]! += error / PHASES;
          max = Math.max(max, error);
        });
      }
      console.log(
        `${id} | ${quiet ? 'quiet' : 'every sample'} | ${readsPerSec.toFixed(1)} | ${errors.map((e) => e.toFixed(2)).join(', ')} | ${max.toFixed(2)}`,
      );
    }
  }
}

main();
