// The words beside the live engine (extension/words/live-words.ts), driven as the capture worklet
// drives it, with a recogniser on the other end of a real MessageChannel that answers from a script.
import { afterEach, describe, expect, it } from 'vitest';
import type { Interval, Party, Turn } from '../../../lib/engine/types';
import { openPortChannel } from '../../../extension/channels/port-channel';
import type { RecogniserToWorklet, WorkletToRecogniser } from '../../../extension/channels/worklet-recogniser';
import { AudioRing, LiveWords } from '../../../extension/words/live-words';

const RATE = 16000;

/** A recogniser that answers each request with the text scripted for the audio's first sample. */
function fakeRecogniser(texts: Map<number, string>, options: { ready?: boolean } = {}) {
  const channel = new MessageChannel();
  const requests: { seconds: number; marker: number }[] = [];
  const worklet = openPortChannel<RecogniserToWorklet, WorkletToRecogniser>(channel.port2, {
    requests: {
      transcribe: ({ samples, sampleRate }) => {
        // The marker: the first sample's value, set by `speak` below.
        const marker = Math.round(samples.find((x) => x !== 0)! * 1000);
        requests.push({ seconds: samples.length / sampleRate, marker });
        return texts.get(marker) ?? null;
      },
    },
  });
  if (options.ready !== undefined) worklet.send('ready', { ok: options.ready });
  return { port: channel.port1, requests, close: () => channel.port2.close() };
}

/** A call's audio with a marker value on each stretch of speech, so the fake knows what was said. */
function audio(seconds: number, speech: [party: Party, interval: Interval, marker: number][]) {
  const tracks = { self: new Float32Array(seconds * RATE), others: new Float32Array(seconds * RATE) };
  for (const [party, [s, e], marker] of speech)
    tracks[party].fill(marker / 1000, Math.round(s * RATE), Math.round(e * RATE));
  return tracks;
}

const settle = () => new Promise((r) => setTimeout(r, 20));
const turn = (by: Party, start: number, end: number): Turn => ({ by, start, end });
const seg = (party: Party, interval: Interval) => ({ party, interval });

let close: (() => void) | null = null;
afterEach(() => close?.());

describe('LiveWords', () => {
  it('reads my turns from their segments, drops backchannels, and consults the others’ turn only for a restatement', async () => {
    const texts = new Map([
      [101, 'We have to move the launch to March because the vendor is late.'],
      [201, 'So the launch moves to March because the vendor is late, right?'],
      [202, 'Mm-hm.'],
      [203, 'Thanks for the notes on the budget.'],
      [102, 'They still need a security review before signing.'],
      [204, 'How was your weekend?'],
    ]);
    const fake = fakeRecogniser(texts);
    close = fake.close;
    const words = new LiveWords(RATE, fake.port, false);
    const tracks = audio(30, [
      ['others', [1, 5], 101],
      ['self', [5.5, 8], 201],
      ['self', [8.6, 9], 203], // short, inside my turn
      ['others', [9.5, 14], 102],
      ['self', [11, 11.4], 202], // a backchannel during their turn
      ['self', [14.5, 16], 204],
    ]);
    // Audio goes in as the call plays; the engine decides a few seconds behind it.
    let pushed = 0;
    const playTo = (sec: number) => {
      const to = sec * RATE;
      words.push(tracks.self.subarray(pushed, to), tracks.others.subarray(pushed, to), to - pushed);
      pushed = to;
    };
    playTo(9);
    words.take({
      segments: [seg('others', [1, 5]), seg('self', [5.5, 8]), seg('self', [8.6, 9])],
      turns: [turn('others', 1, 5)],
    });
    playTo(13);
    words.take({ segments: [seg('self', [11, 11.4])], turns: [turn('self', 5.5, 9)] });
    await settle();
    playTo(30);
    words.take({ segments: [seg('self', [14.5, 16])], turns: [turn('others', 9.5, 14), turn('self', 14.5, 16)] });
    await settle();
    const report = words.report();
    expect(report).toMatchObject({
      turns: 2,
      missedTurns: 0,
      summaries: 1,
      thanks: 1,
      specificThanks: 1,
      questions: 2,
      personalQuestions: 1,
    });
    expect(report.speechSec).toBeCloseTo(2.5 + 0.4 + 1.5, 6);
    expect(report).not.toHaveProperty('myQuestions');
    // My turns' three segments; the first others' turn (for the restatement), not the second (the
    // question after it restates nothing); never the backchannel.
    expect(fake.requests.map((r) => r.marker).sort()).toEqual([101, 201, 203, 204]);
  });

  it('keeps my questions’ text only when asked to', async () => {
    const fake = fakeRecogniser(new Map([[201, 'What do you mean by phase two?']]));
    close = fake.close;
    const words = new LiveWords(RATE, fake.port, true);
    const tracks = audio(10, [['self', [1, 3], 201]]);
    words.push(tracks.self, tracks.others, tracks.self.length);
    words.take({ segments: [seg('self', [1, 3])], turns: [] });
    const report = await words.finish({ segments: [], turns: [turn('self', 1, 3)] }, 1000);
    expect(report.myQuestions).toEqual(['what do you mean by phase two']);
  });

  it('counts turns it could not read as missed: the recogniser unavailable, or too slow at the end', async () => {
    const fake = fakeRecogniser(new Map(), { ready: false });
    close = fake.close;
    const words = new LiveWords(RATE, fake.port, false);
    const tracks = audio(10, [['self', [1, 3], 201]]);
    words.push(tracks.self, tracks.others, tracks.self.length);
    await settle();
    const report = await words.finish({ segments: [seg('self', [1, 3])], turns: [turn('self', 1, 3)] }, 200);
    expect(report).toMatchObject({ turns: 0, missedTurns: 1 });

    const silent = new MessageChannel(); // a recogniser that never answers
    const slow = new LiveWords(RATE, silent.port1, false);
    slow.push(tracks.self, tracks.others, tracks.self.length);
    const started = Date.now();
    const late = await slow.finish({ segments: [seg('self', [1, 3])], turns: [turn('self', 1, 3)] }, 100);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(late).toMatchObject({ turns: 0, missedTurns: 1 });
    silent.port2.close();
  });
});

describe('AudioRing', () => {
  it('gives back the last seconds on the call’s clock, nothing older', () => {
    const ring = new AudioRing(2, 100);
    const block = new Float32Array(100).map((_, i) => i / 100);
    for (let s = 0; s < 5; s++) ring.push(block, 100);
    ring.push(null, 50);
    expect(ring.written).toBe(550);
    expect(ring.read(0, 2)).toBeNull(); // overwritten
    const tail = ring.read(4, 5.5)!;
    expect(tail.length).toBe(150);
    expect(tail[10]).toBeCloseTo(0.1, 3);
    expect(tail[120]).toBe(0);
    expect(ring.read(3, 4.1)!.length).toBe(60); // clipped to what is still held: from 3.5 s
  });
});
