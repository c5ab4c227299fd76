// The engine as the capture worklet runs it during a call (extension/capture/live-analysis.ts):
// render quanta in, live reports out, the speech model asked over a MessagePort as the extension
// frame's worker answers it. Its final result must equal a batch run over the same audio.
import { MessageChannel as NodeMessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { LiveAnalysis } from '../../extension/capture/live-analysis';
import type { StartAnalysis, WorkletToContent } from '../../extension/channels/content-worklet';
import type { PortLike } from '../../extension/channels/port-channel';
import { serveClassifier } from '../../extension/channels/worklet-worker';
import { createEngine } from '../../lib/engine/engine';
import { clicks, noise, RATE, seededRandom, silence, voice, zeroCrossingClassifier } from '../support/signals';

const QUANTUM = 128;

/** A stand-in for the model's worker on the far end of the port: answers every window late. */
function fakeWorker(delay: () => number): MessagePort {
  const channel = new NodeMessageChannel();
  serveClassifier(
    channel.port2 as unknown as PortLike,
    (samples) => new Promise((resolve) => setTimeout(() => resolve(zeroCrossingClassifier(samples)), delay())),
  );
  return channel.port1 as unknown as MessagePort;
}

type Report = {
  [K in keyof WorkletToContent['messages']]: { type: K; body: WorkletToContent['messages'][K] };
}[keyof WorkletToContent['messages']];

function start(init: Partial<StartAnalysis> = {}) {
  const reports: Report[] = [];
  const analysis = new LiveAnalysis(
    RATE,
    {
      model: 'absent',
      classifierPort: null,
      waitForMic: true,
      muted: false,
      paused: false,
      liveEverySec: 0.1,
      liveQuietSec: 0.1,
      ...init,
    },
    (type, body) => reports.push({ type, body } as Report),
  );
  /** Feeds both channels a quantum at a time, as the worklet's process() does. */
  const play = async (self: Float32Array | null, others: Float32Array | null, from = 0, to?: number) => {
    const end = to ?? (self ?? others)!.length;
    for (let i = from; i < end; i += QUANTUM) {
      analysis.push(self?.subarray(i, i + QUANTUM) ?? null, others?.subarray(i, i + QUANTUM) ?? null, QUANTUM);
      if (i % (QUANTUM * 40) === 0) await new Promise((r) => setTimeout(r, 0)); // verdicts land mid-call
    }
  };
  const result = async (type: 'snapshot' | 'finish') => (type === 'snapshot' ? analysis.snapshot() : analysis.finish());
  const lives = () => reports.flatMap((r) => (r.type === 'live' ? [r.body.live] : []));
  return { analysis, reports, lives, play, result };
}

describe('the engine in the capture worklet', () => {
  it('gives the batch result, with verdicts asked over a port and answered late', async () => {
    const me = silence(30);
    const remote = silence(30);
    noise(me, 0.001, 21);
    noise(remote, 0.001, 22);
    const rand = seededRandom(5);
    for (let t = 0.5; t < 28;) {
      const len = 0.3 + rand() * 3;
      voice(rand() < 0.5 ? me : remote, t, t + len, 0.1 + rand() * 0.2, 120 + rand() * 120);
      if (rand() < 0.3) clicks(me, t, t + 1.5, 0.1, 0.2, Math.floor(rand() * 1000));
      t += len * (0.4 + rand());
    }
    const batch = createEngine({ sampleRate: RATE, classifier: zeroCrossingClassifier });
    batch.push(me, remote);
    const expected = await batch.finish();

    const live = start({ model: 'ready', classifierPort: fakeWorker(() => rand() * 6) });
    await live.play(me, remote);
    const { result } = await live.result('finish');
    expect(result).toEqual(expected);
    expect(expected.speechModel).toBe('yamnet');
    expect(expected.turns.length).toBeGreaterThan(3);
  });

  it('reports the live picture every 0.1 s of audio and starts the clock at the mic’s first sound', async () => {
    const me = silence(3);
    noise(me.subarray(Math.round(0.5 * RATE)), 0.001); // 0.5 s of exact zeros: a mic opening
    voice(me, 1, 2);
    const { reports, lives: livesOf, play, result } = start();
    await play(me, null);
    expect(reports[0]).toEqual({ type: 'started', body: null });
    const lives = livesOf();
    // 2.5 s of audio after the warm-up, a report every 0.1 s (the first at once).
    expect(lives.length).toBeGreaterThanOrEqual(25);
    expect(lives.length).toBeLessThanOrEqual(26);
    const { result: snapshot } = await result('snapshot');
    expect(snapshot.durationSec).toBeCloseTo(2.5, 1);
    expect(snapshot.segments.self[0]?.[0]).toBeCloseTo(0.5, 1);
  });

  it('reports a change of floor at once, and otherwise only every liveQuietSec', async () => {
    const me = silence(8);
    noise(me, 0.001);
    voice(me, 4, 6);
    const floorShownAt = (reports: Report[]) =>
      reports.flatMap((r) => (r.type === 'live' && r.body.live.floor === 'self' ? [r.body.live.timeSec] : []))[0];
    const every = start({ waitForMic: false });
    await every.play(me, null);
    const quiet = start({ waitForMic: false, liveQuietSec: 0.5 });
    await quiet.play(me, null);
    const count = (reports: Report[]) => reports.filter((r) => r.type === 'live').length;
    expect(count(every.reports)).toBe(81); // at 0, 0.1, …, 8.0 s
    // 8 s at one report per 0.5 s, plus the floor's coming and going.
    expect(count(quiet.reports)).toBeGreaterThanOrEqual(16);
    expect(count(quiet.reports)).toBeLessThanOrEqual(20);
    expect(floorShownAt(quiet.reports)).toBeDefined();
    expect(floorShownAt(quiet.reports)).toBe(floorShownAt(every.reports));
  });

  it('waits at most a second for a silent mic, and runs on silence with nothing connected', async () => {
    const { reports, play, result } = start();
    await play(silence(3), null);
    expect(reports.filter((r) => r.type === 'started')).toHaveLength(1);
    expect((await result('snapshot')).result.durationSec).toBeCloseTo(2, 1);

    const none = start({ waitForMic: false });
    await none.play(null, null, 0, 2 * RATE);
    expect((await none.result('snapshot')).result.durationSec).toBeCloseTo(2, 1);
  });

  it('keeps the call’s clock to the wall clock when render callbacks never came, and counts the gap', async () => {
    // 8 s of audio arrive, but the wall clock says 11 s passed: 3 s of callbacks were skipped
    // (a busy machine) after the first 4 s. The gap is put back as the channels' background.
    const me = silence(8);
    const remote = silence(8);
    noise(me, 0.002, 31);
    noise(remote, 0.002, 32);
    voice(me, 1, 2);
    voice(remote, 2.5, 3.5);
    voice(me, 5, 6);
    const { analysis, lives } = start({ waitForMic: false });
    const quantaPerSec = RATE / QUANTUM;
    for (let q = 0; q * QUANTUM < me.length; q++) {
      const i = q * QUANTUM;
      const wallMs = 1_000_000 + (q / quantaPerSec) * 1000 + (i >= 4 * RATE ? 3000 : 0);
      analysis.push(me.subarray(i, i + QUANTUM), remote.subarray(i, i + QUANTUM), QUANTUM, wallMs);
    }
    const { result, gapSec } = await analysis.finish();
    expect(gapSec).toBeGreaterThan(2.9);
    expect(gapSec).toBeLessThan(3.1);
    expect(result.durationSec).toBeCloseTo(11, 0);
    expect(lives().at(-1)?.timeSec).toBeCloseTo(11, 0);
    // What was heard is where the wall clock puts it; nothing in the gap, nothing invented after it.
    const at = (intervals: [number, number][], t: number) => intervals.some(([s, e]) => s <= t && t < e);
    expect(at(result.segments.self, 1.5)).toBe(true);
    expect(at(result.segments.others, 3)).toBe(true);
    expect(result.segments.self.some(([s, e]) => s < 7 && e > 4.2)).toBe(false);
    expect(at(result.segments.self, 8.5)).toBe(true);
    expect(result.metrics.selfSpeechSec).toBeCloseTo(2, 0);
  });

  it('counts no gap for callbacks that come in bursts, nor across a pause', async () => {
    const me = silence(6);
    noise(me, 0.002, 33);
    const { analysis } = start({ waitForMic: false });
    const BURST = 13; // ≈0.1 s of quanta at once, as ANALYZE_LATENCY_SEC renders them
    for (let q = 0; q * QUANTUM < me.length; q++) {
      const i = q * QUANTUM;
      const burstStart = Math.floor(q / BURST) * BURST;
      const wallMs = 5000 + ((burstStart + BURST) * QUANTUM * 1000) / RATE + (i >= 3 * RATE ? 60_000 : 0);
      if (i === 2 * RATE) analysis.setPaused(true);
      if (i === 3 * RATE) analysis.setPaused(false); // a minute later on the wall clock
      analysis.push(me.subarray(i, i + QUANTUM), null, QUANTUM, wallMs);
    }
    const { result, gapSec } = await analysis.finish();
    expect(gapSec).toBe(0);
    expect(result.durationSec).toBeCloseTo(5, 1);
  });

  it('cuts paused stretches out and keeps the meeting’s muted stretches', async () => {
    const me = silence(6);
    noise(me, 0.001);
    voice(me, 3.2, 3.8);
    const { analysis, play, result } = start({ waitForMic: false });
    await play(me, null, 0, 2 * RATE);
    analysis.setPaused(true);
    await play(me, null, 2 * RATE, 3 * RATE);
    analysis.setPaused(false);
    analysis.setMuted(true);
    await play(me, null, 3 * RATE, 4 * RATE);
    analysis.setMuted(false);
    await play(me, null, 4 * RATE);
    const { result: final, muted } = await result('finish');
    expect(final.durationSec).toBeCloseTo(5, 1);
    expect(muted).toEqual([[2, 3]]);
    expect(final.metrics.sideTalkSec).toBeGreaterThan(0.3);
    expect(final.metrics.selfSpeechSec).toBe(0);
    // After finish the worklet takes no more audio.
    await play(me, null);
    expect((await result('snapshot')).result.durationSec).toBeCloseTo(5, 1);
  });
});
