// Speed of one contender, in a process of its own (so its memory peak is its own): one call of at
// least 30 minutes made of the synthetic scenes back to back, fed in 20 ms blocks as the live
// worklet delivers them — the same call, through the same loop, as `npm run bench:engine`. Decoding is outside the timing;
// everything from samples to the analysis JSON is inside (model loading too, for memory).
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SYNTHETIC_DIR } from '../cli/evaluate';
import { readMonoWavFile } from '../cli/recording';
import { contender, type ContenderId } from './contenders';

const MIN_AUDIO_SEC = 30 * 60;
const BLOCK_SEC = 0.02;

export interface SpeedResult {
  contender: ContenderId;
  audioSec: number;
  cpuMs: number;
  wallMs: number;
  /** CPU time (all threads of the process) per second of call, both channels together. */
  cpuMsPerAudioSec: number;
  /** Wall-clock processing time ÷ call duration (below 1: faster than real time). */
  realTimeFactor: number;
  /** High-water mark of the process's resident memory during the run (the decoded audio included). */
  peakRssMb: number;
  /** That peak less the resident memory just before the run, with the audio loaded: the contender's own. */
  ownRssMb: number;
}

/** Runs `measureSpeed(id)` in a fresh Node process started from `entry` (which must call
 *  `runSpeedChild` when given `--speed-child`). */
export function measureSpeedInChild(entry: string, id: ContenderId): Promise<SpeedResult> {
  return new Promise((resolve, reject) => {
    const child = fork(entry, ['--speed-child', id], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let result: SpeedResult | null = null;
    child.on('message', (message) => (result = message as SpeedResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`bench: speed run of ${id} exited with ${code}`)),
    );
  });
}

/** The child's side: measure, report to the parent, exit. */
export async function runSpeedChild(id: ContenderId): Promise<void> {
  const result = await measureSpeed(id);
  process.send!(result, () => process.exit(0));
}

async function measureSpeed(id: ContenderId): Promise<SpeedResult> {
  const scenes = loadScenes();
  const sampleRate = scenes[0].sampleRate;
  const block = Math.round(BLOCK_SEC * sampleRate);
  const rssBeforeMb = startMemoryWatch();
  let audioSec = 0;
  let cpuMs = 0;
  let wallMs = 0;
  const timed = async (work: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    await work();
    const used = process.cpuUsage(cpu);
    cpuMs += (used.user + used.system) / 1000;
    wallMs += performance.now() - wall;
  };
  const who = contender(id);
  const call = await who.startCall(sampleRate);
  await playLongCall(scenes, async (rec) => {
    await timed(async () => {
      for (let i = 0; i < rec.self.length; i += block)
        await call.push(rec.self.subarray(i, i + block), rec.others.subarray(i, i + block));
    });
    audioSec += rec.self.length / sampleRate;
  });
  await timed(() => call.finish());
  who.close();
  const peakRssMb = procStatusMb('VmHWM');
  return {
    contender: id,
    audioSec,
    cpuMs,
    wallMs,
    cpuMsPerAudioSec: cpuMs / audioSec,
    realTimeFactor: wallMs / 1000 / audioSec,
    peakRssMb,
    ownRssMb: peakRssMb - rssBeforeMb,
  };
}

/**
 * Collects the garbage of decoding, then restarts the kernel's resident-memory high-water mark
 * (Linux: /proc/self/clear_refs, 5) so the peak read at the end belongs to the run, not to the
 * decoding. Returns the resident memory it starts from.
 */
function startMemoryWatch(): number {
  if (!global.gc) throw new Error('bench: speed runs need node --expose-gc');
  global.gc();
  fs.writeFileSync('/proc/self/clear_refs', '5');
  return procStatusMb('VmRSS');
}

function procStatusMb(field: 'VmRSS' | 'VmHWM'): number {
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
  if (!kb) throw new Error(`bench: no ${field} in /proc/self/status`);
  return Number(kb[1]) / 1024;
}

export type SceneAudio = { sampleRate: number; self: Float32Array; others: Float32Array };

/** One call of at least MIN_AUDIO_SEC: the scenes back to back, as often as it takes. */
export async function playLongCall(
  scenes: readonly SceneAudio[],
  play: (scene: SceneAudio) => Promise<void> | void,
): Promise<void> {
  for (let audioSec = 0; audioSec < MIN_AUDIO_SEC;) {
    for (const rec of scenes) {
      await play(rec);
      audioSec += rec.self.length / rec.sampleRate;
    }
  }
}

/** The synthetic scenes, decoded (outside any timing); at least one, or a long call of them would
 *  never end. */
export function loadScenes(): [SceneAudio, ...SceneAudio[]] {
  const ids = fs
    .readdirSync(SYNTHETIC_DIR)
    .filter((f) => f.endsWith('.truth.json'))
    .map((f) => f.replace('.truth.json', ''))
    .sort();
  const [first, ...rest] = ids.map((id) => {
    const self = readMonoWavFile(path.join(SYNTHETIC_DIR, `${id}.self.wav`));
    const others = readMonoWavFile(path.join(SYNTHETIC_DIR, `${id}.others.wav`));
    return { sampleRate: self.sampleRate, self: self.samples, others: others.samples };
  });
  if (!first) throw new Error(`bench: no scenes (*.truth.json) in ${SYNTHETIC_DIR}`);
  return [first, ...rest];
}
