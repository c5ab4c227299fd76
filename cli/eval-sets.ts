// The evaluation sets, by name: where each one's scenes come from and how a detector is run over
// them, for `npm run eval`, the accuracy tests and `npm run bench`. All read ../shared in place;
// the derived sets (recomposed calls, a quiet mic, harder variants, calls at the extension's rate)
// are made at run time into temporary folders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeWavPcm16 } from '../lib/audio/wav';
import { resample } from '../lib/audio/resample';
import { CAPTURE_SAMPLE_RATE } from '../extension/capture/audio-graph';
import { makeComposedScenes } from './compose-scenes';
import {
  predictRealWith,
  predictScenesWith,
  REAL_CALLS_DIR,
  scoreSummary,
  SYNTHETIC_DIR,
  type Analyzer,
  type EvalSet,
  type Scored,
} from './evaluate';
import { readMonoWavFile } from './recording';
import { makeStressScenes, QUIET_MIC, STRESS_VARIANTS } from './stress-scenes';

export const SET_IDS = [
  'synthetic',
  'real',
  'telephone',
  'telephoneLive',
  'room',
  'quietMic',
  'tuning',
  'heldOut',
  'stress',
] as const;
export type SetId = (typeof SET_IDS)[number];

export interface EvalSetSpec {
  title: string;
  /** Paths inside ../shared it reads. */
  needs: readonly string[];
  predict(analyze: Analyzer): Promise<EvalSet>;
}

/** Made once per process: several sets share a derived folder. */
const once = <T>(make: () => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};
const composed = once(() => makeComposedScenes());

/** A folder holding the scenes of `dir` whose names start with `prefix`: links, not copies, or with
 *  `sampleRate` their recordings resampled to it (the truth files still linked). */
function subset(dir: string, prefix: string, sampleRate?: number): string {
  const tag = `${prefix.replace(/\W/g, '')}${sampleRate ?? ''}`;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `listening-coach-${tag}-`));
  for (const f of fs.readdirSync(dir).filter((f) => f.startsWith(prefix))) {
    const [from, to] = [path.join(dir, f), path.join(out, f)];
    if (sampleRate && f.endsWith('.wav')) {
      const wav = readMonoWavFile(from);
      fs.writeFileSync(to, encodeWavPcm16([resample(wav.samples, wav.sampleRate, sampleRate)], sampleRate));
    } else fs.symlinkSync(from, to);
  }
  return out;
}

export const EVAL_SETS: Record<SetId, EvalSetSpec> = {
  synthetic: {
    title: 'synthetic scenes (espeak-ng voices)',
    needs: ['evalsets/synthetic'],
    predict: (a) => predictScenesWith(SYNTHETIC_DIR, a),
  },
  real: {
    title: 'real clips, others channel only (AMI ×4, pyannote telephone sample)',
    needs: ['evalsets/real'],
    predict: (a) => predictRealWith(a),
  },
  telephone: {
    title: 'real calls: telephone (SpokenWOZ, both sides of 3 calls)',
    needs: ['evalsets/real-calls'],
    predict: (a) => predictScenesWith(subset(REAL_CALLS_DIR, 'swz_'), a),
  },
  // The extension hears every call at its AudioContext's rate, resampled by Chromium; the files are
  // 8 kHz, which the engine takes as they are and YAMNet's own front end upsamples.
  telephoneLive: {
    title: `real calls: telephone, at the extension's ${CAPTURE_SAMPLE_RATE / 1000} kHz (resampled here)`,
    needs: ['evalsets/real-calls'],
    predict: (a) => predictScenesWith(subset(REAL_CALLS_DIR, 'swz_', CAPTURE_SAMPLE_RATE), a),
  },
  room: {
    title: 'real calls: room clips (AMI ×5, others only)',
    needs: ['evalsets/real-calls'],
    predict: (a) => predictScenesWith(subset(REAL_CALLS_DIR, 'ami_'), a),
  },
  quietMic: {
    title: `quiet mic: the synthetic scenes with my channel ${QUIET_MIC.name.replace('mic', '')}`,
    needs: ['evalsets/synthetic'],
    predict: (a) => predictScenesWith(makeStressScenes([QUIET_MIC]), a),
  },
  tuning: {
    title: 'recomposed real speech, tuning calls (MUL1423, SNG0480; cli/compose-scenes.ts)',
    needs: ['evalsets/real-calls', 'evalsets/synthetic'],
    predict: (a) => predictScenesWith(composed().tuning, a),
  },
  heldOut: {
    title: 'recomposed real speech, held-out call (SNG0072)',
    needs: ['evalsets/real-calls', 'evalsets/synthetic'],
    predict: (a) => predictScenesWith(composed().heldOut, a),
  },
  stress: {
    title: `harder variants of the synthetic scenes (${STRESS_VARIANTS.map((v) => v.name).join(', ')})`,
    needs: ['evalsets/synthetic'],
    predict: (a) => predictScenesWith(makeStressScenes(), a),
  },
};

/** Runs `analyze` over a set and scores it. */
export async function scoreSet(id: SetId, analyze: Analyzer): Promise<Scored & { set: EvalSet }> {
  const set = await EVAL_SETS[id].predict(analyze);
  return { ...scoreSummary(set), set };
}
