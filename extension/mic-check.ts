// The mic check of the extension's own pages (settings, welcome): the coach's own capture graph and
// engine on my mic alone, so "what the detector hears" is exactly what it would count as my speech
// in a call (without the speech model, which lives in the meeting tab's classifier frame).
import { t } from '../components/say';
import type { MicCheck, MicCheckActions } from '../components/mic-check/mic-check-panel';
import { CaptureGraph } from './capture/audio-graph';
import { openMic, stopStream } from './capture/mic';
import { createEngine } from '../lib/engine/engine';

/** The meter spans −60 dBFS (silence in a quiet room) to −10 dBFS (speaking close to the mic). */
const METER_FLOOR_DB = -60;
const METER_CEIL_DB = -10;
/** Chunks are 20 ms; the view refreshes every fourth (80 ms), smooth enough for a meter. */
const CHUNKS_PER_UPDATE = 4;

export function meterLevel(samples: Float32Array): number {
  let sum = 0;
  for (const x of samples) sum += x * x;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  const db = 20 * Math.log10(rms + 1e-12);
  return Math.min(1, Math.max(0, (db - METER_FLOOR_DB) / (METER_CEIL_DB - METER_FLOOR_DB)));
}

export interface MicCheckSession {
  stop(): Promise<void>;
}

export async function startMicCheck(onChange: (state: MicCheck) => void): Promise<MicCheckSession | null> {
  onChange({ state: 'starting' });
  const mic = await openMic(location.host);
  if (!mic.ok) {
    onChange({ state: 'failed', message: mic.denied ? t('micCheck.denied') : t('micCheck.noMic') });
    return null;
  }
  let chunks = 0;
  let peak = 0;
  let engine: ReturnType<typeof createEngine> | null = null;
  let graph: CaptureGraph;
  try {
    graph = await CaptureGraph.create((chunk) => {
      if (!chunk.self || !engine) return;
      engine.push(chunk.self, null);
      peak = Math.max(peak, meterLevel(chunk.self));
      if (++chunks % CHUNKS_PER_UPDATE === 0) {
        onChange({ state: 'on', level: peak, speaking: engine.live().selfSpeaking });
        peak = 0;
      }
    });
  } catch {
    stopStream(mic.stream);
    onChange({ state: 'failed', message: t('micCheck.failed') });
    return null;
  }
  engine = createEngine({ sampleRate: graph.sampleRate });
  graph.setSelf(mic.stream);
  await graph.resume();
  return {
    async stop() {
      await graph.close();
      stopStream(mic.stream);
      onChange({ state: 'off' });
    },
  };
}

/** The check as a page's actions: one session at a time, and the mic released when the page goes. */
export function micCheckActions(onChange: (state: MicCheck) => void): MicCheckActions {
  let session: MicCheckSession | null = null;
  const actions: MicCheckActions = {
    startMicCheck() {
      void startMicCheck(onChange).then((started) => {
        session = started;
      });
    },
    stopMicCheck() {
      void session?.stop();
      session = null;
    },
  };
  addEventListener('pagehide', () => actions.stopMicCheck());
  return actions;
}
