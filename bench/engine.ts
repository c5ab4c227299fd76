// `npm run bench:engine` (node --expose-gc for the heap figures): CPU milliseconds per second of call for both channels together, with and
// without the speech classifier, over at least 30 minutes of audio (the synthetic scenes, looped),
// plus classifier calls per minute and the heap after each run. Decoding is outside the timing;
// framing, detection, echo, gating (YAMNet included) and the conversation are inside.
import fs from 'node:fs';
import { loadScenes, playLongCall } from './speed';
import { SYNTHETIC_DIR } from '../cli/evaluate';
import { findModel } from '../cli/recording';
import { loadYamnet } from '../cli/yamnet-node';
import { createEngine } from '../lib/engine/engine';
import type { EngineParams } from '../lib/engine/params';
import type { SpeechClassifier } from '../lib/engine/types';

const BLOCK = 320; // 20 ms at 16 kHz, as the live worklet delivers it

const params = JSON.parse(process.argv.find((a) => a.startsWith('{')) ?? '{}') as Partial<EngineParams>;
if (!fs.existsSync(SYNTHETIC_DIR)) {
  console.error(`bench: ${SYNTHETIC_DIR} not found (the scenes live in ../shared)`);
  process.exit(1);
}
if (!global.gc) console.warn('bench: run with --expose-gc (npm run bench:engine does) for meaningful heap figures');
const audio = loadScenes();

/**
 * One engine over the scenes back to back — the call of `npm run bench`'s speed runs — timing only
 * the engine. Heap is sampled after the first minute and at the end, after a full GC, to show
 * memory does not grow with the call beyond the compact timeline it keeps.
 */
async function run(classifier: SpeechClassifier | undefined) {
  let calls = 0;
  const counted: SpeechClassifier | undefined = classifier && ((w, sr) => (calls++, classifier(w, sr)));
  const engine = createEngine({ sampleRate: audio[0].sampleRate, classifier: counted, params });
  let audioSec = 0;
  let cpuMs = 0;
  let heapAfterMinuteMb = 0;
  await playLongCall(audio, (rec) => {
    const start = process.cpuUsage();
    for (let i = 0; i < rec.self.length; i += BLOCK)
      engine.push(rec.self.subarray(i, i + BLOCK), rec.others.subarray(i, i + BLOCK));
    const used = process.cpuUsage(start);
    cpuMs += (used.user + used.system) / 1000;
    audioSec += rec.self.length / rec.sampleRate;
    if (!heapAfterMinuteMb) heapAfterMinuteMb = heapMb();
  });
  const start = process.cpuUsage();
  const result = await engine.finish();
  const used = process.cpuUsage(start);
  cpuMs += (used.user + used.system) / 1000;
  return {
    audioSec,
    cpuMs,
    calls,
    heapAfterMinuteMb,
    heapEndMb: heapMb(),
    segments: result.segments.self.length + result.segments.others.length,
  };
}

function heapMb(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const model = findModel();
const alone = await run(undefined);
const line = (name: string, r: Awaited<ReturnType<typeof run>>) =>
  `${name.padEnd(26)} ${(r.audioSec / 60).toFixed(1)} min of call: ${(r.cpuMs / r.audioSec).toFixed(3)} ms CPU per s of call (both channels), ` +
  `${((r.calls / r.audioSec) * 60).toFixed(1)} classifier calls/min, ${r.calls ? (r.cpuMs / r.calls).toFixed(1) + ' ms CPU per call all-in, ' : ''}` +
  `heap ${r.heapAfterMinuteMb.toFixed(1)} MB after 1 min → ${r.heapEndMb.toFixed(1)} MB at the end (${r.segments} segments kept)`;
console.log(line('10 ms detector alone', alone));
if (model) {
  const yamnet = await loadYamnet(model);
  const withModel = await run(yamnet.classify);
  yamnet.close();
  console.log(line('with YAMNet speech gate', withModel));
} else {
  console.log('with YAMNet speech gate: no model (run `npm run setup`)');
}
