// A four-hour call in simulated time: the engine is fed synthetic two-party audio as fast as it can
// take it, in 40 ms blocks like the live worklet, and the record is rebuilt every 5 s of audio as
// the background does at each save. Memory must stay flat (the engine keeps no audio beyond its
// 20 s classifier history) and the stored record bounded (lib/record/timeline.ts caps), however long
// the call. Figures are printed for the report.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../lib/engine/engine';
import { buildCallRecord, type CallHeader } from '../../lib/record/call-record';
import { TIMELINE_CAPS } from '../../lib/record/timeline';
import type { CallRecord } from '../../lib/record/types';
import { validateCallRecord } from '../../lib/record/validate';
import { noise, RATE, seededRandom, silence, voice, zeroCrossingClassifier } from '../support/signals';
import { defined } from '../support/defined';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const HOURS = 4;
const BLOCK = 640; // 40 ms
const SAVE_EVERY_SEC = 5;
const LOOP_SEC = 300; // five minutes of conversation, played over and over

/** Five minutes of conversation with known shape: alternating turns of 2–25 s, some started over
 *  the other (interruptions, talk-overs), and short "mm-hm"s; each party's mic hears room noise. */
function conversation(): { self: Float32Array; others: Float32Array } {
  const rand = seededRandom(4);
  const self = silence(LOOP_SEC);
  const others = silence(LOOP_SEC);
  noise(self, 0.002, 1);
  noise(others, 0.002, 2);
  let t = 0.5;
  let speaker: 'self' | 'others' = 'others';
  while (t < LOOP_SEC - 30) {
    // A turn of one to four phrases with short pauses between them: a busy, fine-grained call.
    const phrases = 1 + Math.floor(rand() * 4);
    const start = t;
    for (let p = 0; p < phrases; p++) {
      const length = 1 + rand() * 4;
      voice(speaker === 'self' ? self : others, t, t + length, 0.2, speaker === 'self' ? 130 : 210);
      t += length + (p < phrases - 1 ? 0.4 + rand() * 0.3 : 0);
    }
    const listener = speaker === 'self' ? others : self;
    if (t - start > 4 && rand() < 0.7)
      voice(listener, (start + t) / 2, (start + t) / 2 + 0.7, 0.2, speaker === 'self' ? 210 : 130); // mm-hm
    const overlap = rand() < 0.2 ? 1.2 : 0; // the next one starts over the end of this turn
    t += -overlap + 0.3 + rand() * 1.2;
    speaker = speaker === 'self' ? 'others' : 'self';
  }
  return { self, others };
}

const HEADER: CallHeader = {
  site: 'meet',
  host: 'meet.google.com',
  title: 'Offsite',
  startedAtMs: 0,
  captureMode: 'in-page',
  speechModel: 'yamnet',
};

describe('a four-hour call', () => {
  it('keeps memory flat and the record bounded, with the figures still right', { timeout: 600_000 }, async () => {
    const scene = conversation();
    const engine = createEngine({ sampleRate: RATE, classifier: zeroCrossingClassifier });
    const started = performance.now();
    const checkpoints: {
      hour: number;
      heapMb: number;
      recordKb: number;
      progressKb: number;
      result: ReturnType<typeof engine.snapshot>;
    }[] = [];
    let record: CallRecord | undefined;
    let maxRecordBytes = 0;
    let samples = 0;
    let nextSave = SAVE_EVERY_SEC * RATE;
    let nextLive = RATE;
    const total = HOURS * 3600 * RATE;
    const loop = LOOP_SEC * RATE;
    while (samples < total) {
      const at = samples % loop;
      engine.push(scene.self.subarray(at, at + BLOCK), scene.others.subarray(at, at + BLOCK));
      samples += BLOCK;
      if (samples >= nextLive) {
        nextLive += RATE; // the overlay's figures (10 a second live; once a second here)
        engine.live();
        engine.takeEvents();
      }
      if (samples >= nextSave) {
        nextSave += SAVE_EVERY_SEC * RATE;
        const result = engine.snapshot();
        const update = {
          result,
          participants: 5,
          title: null,
          limited: false,
          endedAtMs: (samples / RATE) * 1000,
          muted: [],
        };
        record = buildCallRecord({ id: 'long', header: HEADER, update, status: 'live', previous: record });
        const bytes = JSON.stringify(record).length;
        maxRecordBytes = Math.max(maxRecordBytes, bytes);
        if (samples % (3600 * RATE) < BLOCK * 2 && samples >= 3600 * RATE) {
          gc();
          checkpoints.push({
            hour: Math.round(samples / RATE / 3600),
            heapMb: process.memoryUsage().heapUsed / 1e6,
            recordKb: bytes / 1e3,
            progressKb: JSON.stringify(update).length / 1e3, // what each save sends to the background
            result,
          });
        }
      }
    }
    const final = await engine.finish();
    const finalRecord = buildCallRecord({
      id: 'long',
      header: HEADER,
      update: { result: final, participants: 5, title: null, limited: false, endedAtMs: HOURS * 3600_000, muted: [] },
      status: 'ended',
      previous: record,
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[long call] ${HOURS} h of audio in ${seconds.toFixed(1)} s; ` +
        checkpoints
          .map(
            (c) =>
              `h${c.hour}: heap ${c.heapMb.toFixed(1)} MB, record ${c.recordKb.toFixed(1)} kB, save message ${c.progressKb.toFixed(0)} kB`,
          )
          .join('; ') +
        `; largest record ${(maxRecordBytes / 1e3).toFixed(1)} kB`,
    );

    expect(checkpoints.map((c) => c.hour)).toEqual([1, 2, 3, 4]);
    // Memory: what the engine keeps per hour is its segment and turn lists (tens of kB), not audio.
    const first = defined(checkpoints[0], 'hour 1');
    const last = defined(checkpoints[3], 'hour 4');
    expect(last.heapMb - first.heapMb).toBeLessThan(15);
    // The record: bounded by the timeline caps, whatever the length.
    expect(maxRecordBytes).toBeLessThan(200_000);
    expect(JSON.stringify(finalRecord).length).toBeLessThan(200_000);
    expect(validateCallRecord(JSON.parse(JSON.stringify(finalRecord))).ok).toBe(true);
    // The figures: four hours of the same conversation, four times the hour's counts.
    expect(final.durationSec).toBeCloseTo(HOURS * 3600, 0);
    expect(finalRecord.metrics.talkShare).toBeGreaterThan(0.3);
    expect(finalRecord.metrics.talkShare).toBeLessThan(0.7);
    const perHour = (r: typeof final, key: 'turns' | 'events') => r[key].length;
    expect(perHour(final, 'turns')).toBeGreaterThan(3.8 * perHour(first.result, 'turns'));
    expect(final.metrics.interruptionsOfSelf).toBeGreaterThan(3.8 * first.result.metrics.interruptionsOfSelf);
    expect(first.result.metrics.interruptionsOfSelf).toBeGreaterThan(0);
    // The others' ≈2,100 segments are past the cap: the record closes their shortest gaps instead.
    expect(final.segments.others.length).toBeGreaterThan(TIMELINE_CAPS.intervals);
    expect(finalRecord.timeline.others.length / 2).toBe(TIMELINE_CAPS.intervals);
  });
});
