// The others' audio as the coach heard it: recorded in the meeting page from the remote tracks the
// RTC hook exposes (after the network, the codec and the jitter buffer), at the capture rate, so
// `analyze` can be run on exactly what reached the page. The page must allow blob: worklets (the
// Janus demos have no CSP).
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { encodeWavPcm16 } from '../../../lib/audio/wav';
import { SCENE_RATE } from '../../../harness/scenes';

/**
 * Starts recording the remote tracks the hook shows, now and as they come, into
 * `window.__heardRecordings`: all of them summed into one recording (`mixed`, what the coach hears
 * as "others"), or each on its own (`per-track`: one person per track through an SFU).
 */
async function startRecording(page: Page, mode: 'mixed' | 'per-track'): Promise<void> {
  await page.evaluate(`(async () => {
    const worklet = "registerProcessor('heard', class extends AudioWorkletProcessor { process(inputs) { this.port.postMessage(inputs[0][0] ? inputs[0][0].slice() : new Float32Array(128)); return true; } });";
    const context = new AudioContext({ sampleRate: ${SCENE_RATE} });
    await context.audioWorklet.addModule(URL.createObjectURL(new Blob([worklet], { type: 'text/javascript' })));
    const recordings = [];
    window.__heardRecordings = recordings;
    const recorder = () => {
      const heard = { chunks: [], startedAtMs: null };
      recordings.push(heard);
      const node = new AudioWorkletNode(context, 'heard', { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1, channelCountMode: 'explicit' });
      node.port.onmessage = (event) => {
        if (heard.startedAtMs === null) heard.startedAtMs = Date.now() - (1000 * event.data.length) / ${SCENE_RATE};
        heard.chunks.push(event.data);
      };
      return node;
    };
    const mixed = ${JSON.stringify(mode)} === 'mixed' ? recorder() : null;
    // By the track itself: an SFU may give every subscription the same track id.
    const seen = new WeakSet();
    setInterval(() => {
      for (const element of document.querySelectorAll('listening-coach-rtc audio[data-listening-coach-stream]')) {
        const track = element.srcObject && element.srcObject.getAudioTracks()[0];
        if (!track || track.readyState !== 'live' || seen.has(track)) continue;
        seen.add(track);
        new MediaStreamAudioSourceNode(context, { mediaStream: new MediaStream([track]) }).connect(mixed ?? recorder());
      }
    }, 100);
    await context.resume();
  })()`);
}

/** Starts recording every remote track the hook shows, summed, now and as they come. */
export function recordHeardAudio(page: Page): Promise<void> {
  return startRecording(page, 'mixed');
}

/** The samples recorded under `expression` (a page global) since the last take, with when the
 *  recording began: taken out of the page, so a take just before leaving is small and quick. */
async function takeSamples(
  page: Page,
  expression: string,
): Promise<{ startedAtMs: number | null; samples: Float32Array }> {
  // The float samples' bytes as base64: page.evaluate returns JSON.
  const { startedAtMs, base64 } = (await page.evaluate(`(() => {
    const heard = ${expression};
    const chunks = heard.chunks.splice(0);
    const all = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    const bytes = new Uint8Array(all.buffer);
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { startedAtMs: heard.startedAtMs, base64: btoa(text) };
  })()`)) as { startedAtMs: number | null; base64: string };
  return { startedAtMs, samples: new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer) };
}

/** `durationSec` of the samples from wall time `fromMs` to a WAV; silence where they had not begun. */
function writeFrom(
  path: string,
  { startedAtMs, samples }: { startedAtMs: number; samples: Float32Array },
  fromMs: number,
  durationSec: number,
): void {
  const out = new Float32Array(Math.round(durationSec * SCENE_RATE));
  const offset = Math.round(((fromMs - startedAtMs) / 1000) * SCENE_RATE);
  if (offset >= 0) out.set(samples.subarray(offset, offset + out.length));
  else out.set(samples.subarray(0, Math.max(0, out.length + offset)), -offset);
  writeFileSync(path, encodeWavPcm16([out], SCENE_RATE));
}

/** The others as the page received them, saved from the call's t = 0 until now
 *  (`heardFile(stem, 'others')`); `analyzeAsHeard` writes my side beside them. */
export interface HeardOthers {
  stem: string;
  /** Whole seconds from t = 0. */
  sec: number;
}

export const heardFile = (stem: string, side: 'self' | 'others') => `${stem}-${side}.wav`;

/** Writes what was heard from `fromMs` (wall clock: the call's t = 0) until now. */
export async function saveHeardAudio(page: Page, stem: string, fromMs: number): Promise<HeardOthers> {
  const sec = Math.floor((Date.now() - fromMs) / 1000);
  const { startedAtMs, samples } = await takeSamples(page, 'window.__heardRecordings[0]');
  writeFrom(heardFile(stem, 'others'), { startedAtMs: startedAtMs ?? fromMs, samples }, fromMs, sec);
  return { stem, sec };
}

/** Starts recording each remote track the hook shows on its own, now and as they come: what each
 *  person's stream carried as it reached the page. Take the recordings out of the page as the call
 *  goes (`take`), so the last take before leaving is quick and the record, which ends at the
 *  leave, covers hardly more than the tracks do. */
export async function recordHeardTracks(page: Page): Promise<HeardTracks> {
  await startRecording(page, 'per-track');
  return new HeardTracks(page);
}

/** Each track's recording, gathered out of the page take by take. */
export class HeardTracks {
  private readonly tracks: { startedAtMs: number | null; parts: Float32Array[] }[] = [];
  /** Wall time of the last take: the tracks hold what was heard until about then. */
  takenUntilMs: number | null = null;

  constructor(private readonly page: Page) {}

  async take(): Promise<void> {
    const count = (await this.page.evaluate('window.__heardRecordings.length')) as number;
    for (let i = 0; i < count; i++) {
      const { startedAtMs, samples } = await takeSamples(this.page, `window.__heardRecordings[${i}]`);
      const track = (this.tracks[i] ??= { startedAtMs: null, parts: [] });
      track.startedAtMs ??= startedAtMs;
      track.parts.push(samples);
    }
    this.takenUntilMs = Date.now();
  }

  /** Writes what each track carried from `fromMs` (wall clock) for `durationSec`, one WAV per track
   *  in `dir`; returns their paths. */
  save(dir: string, fromMs: number, durationSec: number): string[] {
    // A track that has carried nothing yet is no one's stream so far.
    return this.tracks.flatMap(({ startedAtMs, parts }, i) => {
      if (startedAtMs === null) return [];
      const samples = new Float32Array(parts.reduce((n, part) => n + part.length, 0));
      let at = 0;
      for (const part of parts) {
        samples.set(part, at);
        at += part.length;
      }
      const path = `${dir}/heard-track-${i}.wav`;
      writeFrom(path, { startedAtMs, samples }, fromMs, durationSec);
      return [path];
    });
  }
}
