// The others' audio as the coach heard it: recorded in the meeting page from the remote tracks the
// RTC hook exposes (after the network, the codec and the jitter buffer), at the capture rate, so
// `analyze` can be run on exactly what reached the page. The page must allow blob: worklets (the
// Janus demos have no CSP).
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { encodeWavPcm16 } from '../../../lib/audio/wav';
import { SCENE_RATE } from '../../../harness/scenes';

/** Starts recording every remote track the hook shows, now and as they come. */
export async function recordHeardAudio(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    const worklet = "registerProcessor('heard', class extends AudioWorkletProcessor { process(inputs) { this.port.postMessage(inputs[0][0] ? inputs[0][0].slice() : new Float32Array(128)); return true; } });";
    const context = new AudioContext({ sampleRate: ${SCENE_RATE} });
    await context.audioWorklet.addModule(URL.createObjectURL(new Blob([worklet], { type: 'text/javascript' })));
    const node = new AudioWorkletNode(context, 'heard', { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1, channelCountMode: 'explicit' });
    const heard = { chunks: [], startedAtMs: null };
    window.__heardAudio = heard;
    node.port.onmessage = (event) => {
      if (heard.startedAtMs === null) heard.startedAtMs = Date.now() - (1000 * event.data.length) / ${SCENE_RATE};
      heard.chunks.push(event.data);
    };
    const connected = new Set();
    setInterval(() => {
      for (const element of document.querySelectorAll('listening-coach-rtc audio[data-listening-coach-stream]')) {
        const track = element.srcObject && element.srcObject.getAudioTracks()[0];
        if (!track || track.readyState !== 'live' || connected.has(track.id)) continue;
        connected.add(track.id);
        new MediaStreamAudioSourceNode(context, { mediaStream: new MediaStream([track]) }).connect(node);
      }
    }, 100);
    await context.resume();
  })()`);
}

/** Writes what was heard from `fromMs` (wall clock) for `durationSec` to a WAV. */
export async function saveHeardAudio(page: Page, path: string, fromMs: number, durationSec: number): Promise<void> {
  // The float samples' bytes as base64: page.evaluate returns JSON.
  const { startedAtMs, base64 } = (await page.evaluate(`(() => {
    const heard = window.__heardAudio;
    const all = new Float32Array(heard.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of heard.chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    const bytes = new Uint8Array(all.buffer);
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { startedAtMs: heard.startedAtMs, base64: btoa(text) };
  })()`)) as { startedAtMs: number; base64: string };
  const samples = new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer);
  const from = Math.max(0, Math.round(((fromMs - startedAtMs) / 1000) * SCENE_RATE));
  const out = new Float32Array(Math.round(durationSec * SCENE_RATE));
  out.set(samples.subarray(from, from + out.length));
  writeFileSync(path, encodeWavPcm16([out], SCENE_RATE));
}
