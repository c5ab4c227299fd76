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
import { readMonoWavFile } from './recording';
import { addAt, addEcho, bandLimit, clip, dbGain, noiseSources, pinkNoise, type NoiseSources } from './scene-audio';

type Pair = { self: Float32Array; others: Float32Array; sampleRate: number };
type Variant = { name: string; make: (scene: Pair, sources: NoiseSources) => Pair };

export const STRESS_VARIANTS: Variant[] = [
  {
    name: 'noisy',
    make: (p) => ({
      ...p,
      self: addAt(p.self, pinkNoise(p.self.length, 1), 15),
      others: addAt(p.others, pinkNoise(p.others.length, 2), 18),
    }),
  },
  { name: 'echo-loud', make: (p) => ({ ...p, self: addEcho(p.self, p.others, p.sampleRate, -10, 120) }) },
  {
    name: 'quiet-mic',
    make: (p) => ({
      ...p,
      self: addAt(
        p.self.map((v) => v * dbGain(-30)),
        pinkNoise(p.self.length, 3),
        30,
      ),
    }),
  },
  { name: 'typing', make: (p, src) => ({ ...p, self: addAt(p.self, src.typing, 0) }) },
  { name: 'music', make: (p, src) => ({ ...p, others: addAt(p.others, src.music, 12) }) },
  { name: 'band-limited', make: (p) => ({ ...p, others: bandLimit(p.others, p.sampleRate) }) },
];

/** My mic 40 dB quieter than the scenes', with nothing else changed (issue 9: speech near -55
 *  dBFS, where the speech classifier, hearing raw levels, had thrown my speech away). */
export const QUIET_MIC: Variant = {
  name: 'mic-40dB',
  make: (p) => ({ ...p, self: p.self.map((v) => v * dbGain(-40)) }),
};

/** Writes the variants of every scene (`<variant>-<id>.{self,others,truth}`) into a new folder. */
export function makeStressScenes(
  variants = STRESS_VARIANTS,
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'listening-coach-stress-')),
): string {
  const sources = noiseSources();
  for (const file of fs
    .readdirSync(SYNTHETIC_DIR)
    .filter((f) => f.endsWith('.truth.json'))
    .sort()) {
    const id = file.replace('.truth.json', '');
    const self = readMonoWavFile(path.join(SYNTHETIC_DIR, `${id}.self.wav`));
    const others = readMonoWavFile(path.join(SYNTHETIC_DIR, `${id}.others.wav`));
    const scene: Pair = { self: self.samples, others: others.samples, sampleRate: self.sampleRate };
    const truth = JSON.parse(fs.readFileSync(path.join(SYNTHETIC_DIR, file), 'utf8'));
    for (const v of variants) {
      const out = v.make(scene, sources);
      const vid = `${v.name}-${id}`;
      fs.writeFileSync(path.join(outDir, `${vid}.self.wav`), encodeWavPcm16([clip(out.self)], out.sampleRate));
      fs.writeFileSync(path.join(outDir, `${vid}.others.wav`), encodeWavPcm16([clip(out.others)], out.sampleRate));
      fs.writeFileSync(path.join(outDir, `${vid}.truth.json`), JSON.stringify({ ...truth, id: vid }));
    }
  }
  return outDir;
}
