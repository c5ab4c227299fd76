// The reference: the same engine run by the `analyze` command on the same audio the extension
// heard, lined up with it first.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { AnalysisResult, Interval } from '../../../lib/engine/types';
import { ROOT } from '../../../harness/build';
import { trimWav } from '../../../harness/scenes';
import { tickPairs } from '../../../lib/record/timeline';
import { heardFile, type HeardOthers } from './heard-audio';

export function runAnalyze(selfWav: string, othersWav: string): AnalysisResult {
  const out = execFileSync('npm', ['run', '--silent', 'analyze', '--', '--self', selfWav, '--others', othersWav], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as AnalysisResult;
}

/** Flat [start, end, …] tick lists of a CompactTimeline as intervals in seconds. */
export function ticksToIntervals(flat: readonly number[], tickSec = 0.01): Interval[] {
  return tickPairs(flat).map(([start, end]): Interval => [start * tickSec, end * tickSec]);
}

const STEP = 0.01;

function activity(intervals: readonly Interval[], length: number, shiftSec = 0): Uint8Array {
  const frames = new Uint8Array(Math.ceil(length / STEP));
  for (const [s, e] of intervals) {
    const from = Math.max(0, Math.round((s - shiftSec) / STEP));
    const to = Math.min(frames.length, Math.round((e - shiftSec) / STEP));
    for (let i = from; i < to; i++) frames[i] = 1;
  }
  return frames;
}

/**
 * Where, in the scene's files, the extension's t = 0 fell for one channel: the shift (−3 s…maxSec)
 * that best lines the speech the extension found up with the scene's truth; negative when the
 * channel began only after t = 0 (the others' voices come once the call's connection is up). The
 * fake mic starts when the page opens it and the remote voices cross a network and a jitter
 * buffer: neither start is visible to the page exactly, so it is measured from the audio itself.
 */
export function findOffset(
  heard: readonly Interval[],
  truth: readonly Interval[],
  lengthSec: number,
  maxSec = 2,
): number {
  const a = activity(heard, lengthSec);
  let best = 0;
  let bestScore = -1;
  for (let shift = -3; shift <= maxSec + 1e-9; shift += STEP) {
    const b = activity(truth, lengthSec, shift);
    let score = 0;
    for (let i = 0; i < a.length; i++) score += a[i] === b[i] ? 1 : 0;
    if (score > bestScore) {
      bestScore = score;
      best = shift;
    }
  }
  return Math.round(best * 100) / 100;
}

/** Runs `analyze` on the stretch of the scene the extension heard. */
export function analyzeHeardAudio(args: {
  scene: { self: string; others: string };
  offsets: { self: number; others: number };
  durationSec: number;
  dir: string;
}): AnalysisResult {
  const self = join(args.dir, 'heard.self.wav');
  const others = join(args.dir, 'heard.others.wav');
  trimWav(args.scene.self, self, args.offsets.self, args.durationSec);
  trimWav(args.scene.others, others, args.offsets.others, args.durationSec);
  return runAnalyze(self, others);
}

/**
 * Runs `analyze` on the audio as the coach heard it: my mic's scene file from `selfOffsetSec` (where
 * the call's clock started in it, `findOffset`) and the others as recorded in the page. A far end
 * that drifts against the mic (a busy core: 1.1 s) is then in both, where a shift of the scene's
 * others file cannot follow it.
 */
export function analyzeAsHeard(selfScene: string, selfOffsetSec: number, others: HeardOthers): AnalysisResult {
  const self = heardFile(others.stem, 'self');
  trimWav(selfScene, self, selfOffsetSec, others.sec);
  return runAnalyze(self, heardFile(others.stem, 'others'));
}
