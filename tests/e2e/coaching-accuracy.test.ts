// A 70-second fixture call on Meet playing a shared synthetic scene with known truth (I interrupt
// and get interrupted): the overlay's figures follow the scene as it plays, and the record stored
// at the end agrees with the `analyze` command run on the same audio. Then the same under load:
// both cores kept busy by other processes for the whole call. Then a real telephone call, real
// speech through the same page, against its human reference.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interval } from '../../lib/engine/types';
import type { CallRecord } from '../../lib/record/types';
import { analyzeAsHeard, analyzeHeardAudio, findOffset, ticksToIntervals } from './support/analyze';
import { recordHeardAudio, saveHeardAudio, type HeardOthers } from './support/heard-audio';
import { readOverlay, waitForCall, waitForOverlayState, type OverlayReading } from '../../harness/coach';
import { join, leave, openFixtureCall } from '../../harness/fixture-call';
import { realCallScene, realCallsMissing, sharedScene, sharedScenesMissing, type Scene } from '../../harness/scenes';
import { useCallRig } from './support/call-rig';

const SCENE_ID = 'd02_interrupter';
/** The scene is cut a little longer than the call, so the looping fake mic never wraps. */
const SCENE_SEC = 90;
const CALL_SEC = 70;

const missing = sharedScenesMissing();
if (missing && process.env.CI === 'true') throw new Error(`${missing}: required in CI`);
if (missing) console.warn(`[e2e] skipping coaching-accuracy: ${missing}`);

/** The event counts a live record must share with `analyze` on the same audio, ±1 each. */
const EVENT_COUNTS = [
  'interruptionsBySelf',
  'interruptionsOfSelf',
  'talkoversBySelf',
  'talkoversOfSelf',
  'backchannelsBySelf',
] as const;

/** Seconds of speech in [0, t) of a list of intervals. */
function speechUntil(intervals: readonly Interval[], t: number): number {
  return intervals.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, t) - s), 0);
}

describe.skipIf(missing !== null)('live coaching on a synthetic scene', () => {
  let dir: string;
  let scene: Scene;
  let record: CallRecord;
  const samples: { atMs: number; overlay: OverlayReading }[] = [];
  const rig = useCallRig({ name: 'accuracy', audio: (at) => sharedScene(SCENE_ID, SCENE_SEC, at) });

  beforeAll(async () => {
    ({ dir, scene } = rig);
    const { browser } = rig;
    const page = await openFixtureCall(browser, 'meet', { others: rig.othersPath });
    await join(page);
    await waitForOverlayState(page, 'listening');
    const until = Date.now() + CALL_SEC * 1000;
    while (Date.now() < until) {
      const overlay = await readOverlay(page);
      if (overlay) samples.push({ atMs: Date.now(), overlay });
      await page.waitForTimeout(1000);
    }
    await leave(page);
    record = await waitForCall(browser, (c) => c.status === 'ended');
  });

  it('stores a record that agrees with analyze on the same audio (±3 pp talk share, ±1 per event count)', () => {
    const heard = { self: ticksToIntervals(record.timeline.self), others: ticksToIntervals(record.timeline.others) };
    const offsets = {
      self: findOffset(heard.self, scene.truth.self, record.durationSec),
      others: findOffset(heard.others, scene.truth.others, record.durationSec),
    };
    const reference = analyzeHeardAudio({ scene, offsets, durationSec: record.durationSec, dir });
    const got = record.metrics;
    const want = reference.metrics;
    console.info('[e2e] offsets', offsets, 'record', got, 'analyze', want);

    expect(record.durationSec).toBeGreaterThan(CALL_SEC - 2);
    expect(Math.abs(got.talkShare - want.talkShare)).toBeLessThanOrEqual(0.03);
    for (const key of EVENT_COUNTS) expect(Math.abs(got[key] - want[key]), key).toBeLessThanOrEqual(1);
    // The scene has interruptions both ways in this stretch: the comparison is not vacuous.
    expect(want.interruptionsBySelf + want.interruptionsOfSelf).toBeGreaterThanOrEqual(2);
  });

  it('shows figures that follow the scene while it plays', () => {
    const heard = { self: ticksToIntervals(record.timeline.self), others: ticksToIntervals(record.timeline.others) };
    const offsetSelf = findOffset(heard.self, scene.truth.self, record.durationSec);
    const offsetOthers = findOffset(heard.others, scene.truth.others, record.durationSec);
    const share = (self: number, others: number) => self / (self + others);
    const fromRecord: number[] = [];
    for (const { atMs, overlay } of samples) {
      const t = (atMs - record.startedAtMs) / 1000;
      if (t < 20) continue; // too little speech yet for a share to mean much
      // Against what the engine decided in the end for the same stretch.
      fromRecord.push(Math.abs(overlay.talkShare - share(speechUntil(heard.self, t), speechUntil(heard.others, t))));
      // Against the scene's truth: within what the detector itself gets wrong.
      const truth = share(
        speechUntil(scene.truth.self, t + offsetSelf),
        speechUntil(scene.truth.others, t + offsetOthers),
      );
      expect(Math.abs(overlay.talkShare - truth), `talk share at ${t.toFixed(0)} s vs the scene`).toBeLessThanOrEqual(
        0.15,
      );
    }
    expect(fromRecord.length).toBeGreaterThan(30);
    // The live view is provisional: as a turn starts the engine may count a stretch it has not
    // decided yet (seen here up to a few seconds at a time), so single samples may stray; typically
    // the overlay shows what the record will say.
    fromRecord.sort((a, b) => a - b);
    expect(fromRecord[Math.floor(fromRecord.length / 2)], 'median distance to the record').toBeLessThanOrEqual(0.02);
    expect(fromRecord.at(-1), 'largest distance to the record').toBeLessThanOrEqual(0.1);

    // Counts only grow, and end where the record ends (the last second may still settle).
    for (const [i, { overlay }] of samples.entries()) {
      const before = samples[i - 1]?.overlay;
      if (!before) continue;
      expect(overlay.interruptionsBySelf).toBeGreaterThanOrEqual(before.interruptionsBySelf);
      expect(overlay.interruptionsOfSelf).toBeGreaterThanOrEqual(before.interruptionsOfSelf);
    }
    const last = samples.at(-1)!.overlay;
    expect(Math.abs(last.talkShare - record.metrics.talkShare)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(last.interruptionsBySelf - record.metrics.interruptionsBySelf)).toBeLessThanOrEqual(1);
    expect(Math.abs(last.interruptionsOfSelf - record.metrics.interruptionsOfSelf)).toBeLessThanOrEqual(1);
  });
});

/** Under load: the call this long, with two busy processes (the machine has two cores). */
const LOADED_CALL_SEC = 45;

describe.skipIf(missing !== null)('live coaching with both cores busy', () => {
  let dir: string;
  let scene: Scene;
  let record: CallRecord;
  let callSec: number;
  let lastOverlay: OverlayReading | null;
  const hogs: ChildProcess[] = [];
  const rig = useCallRig({
    name: 'accuracy-load',
    audio: (at) => sharedScene(SCENE_ID, LOADED_CALL_SEC + 20, at),
    // As a person's desktop runs Chromium: its audio threads have no real-time priority to hide behind.
    withoutRealtimeAudio: true,
  });

  beforeAll(async () => {
    ({ dir, scene } = rig);
    const { browser } = rig;
    const page = await openFixtureCall(browser, 'meet', { others: rig.othersPath });
    for (let i = 0; i < 2; i++) hogs.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    await join(page);
    await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(LOADED_CALL_SEC * 1000);
    lastOverlay = await readOverlay(page);
    await leave(page);
    const leftAtMs = Date.now();
    record = await waitForCall(browser, (c) => c.status === 'ended');
    callSec = (leftAtMs - record.startedAtMs) / 1000;
  });

  // Before the rig's own (hooks after run in reverse): the browser closes on a quiet machine.
  afterAll(() => {
    for (const hog of hogs) hog.kill();
  });

  it('records ≥ 98 % of the call, with a talk share within 3 pp of analyze on the same audio', () => {
    const heard = { self: ticksToIntervals(record.timeline.self), others: ticksToIntervals(record.timeline.others) };
    const offsets = {
      self: findOffset(heard.self, scene.truth.self, record.durationSec),
      others: findOffset(heard.others, scene.truth.others, record.durationSec),
    };
    const reference = analyzeHeardAudio({ scene, offsets, durationSec: record.durationSec, dir });
    console.info(
      `[e2e] under load: ${record.durationSec} s recorded of ${callSec.toFixed(1)} s (gap put back: ${record.audioGapSec ?? 0} s); ` +
        `talk share ${record.metrics.talkShare} against analyze ${reference.metrics.talkShare}, overlay ${lastOverlay?.talkShare}`,
    );
    expect(record.durationSec / callSec).toBeGreaterThanOrEqual(0.98);
    expect(Math.abs(record.metrics.talkShare - reference.metrics.talkShare)).toBeLessThanOrEqual(0.03);
    // The live figures kept up too: the overlay's last share is the record's.
    expect(Math.abs((lastOverlay?.talkShare ?? 0) - record.metrics.talkShare)).toBeLessThanOrEqual(0.03);
  });
});

/** A SpokenWOZ call, both people on lines of their own: in its first 70 s I (A) talk 35 s and the
 *  agent 25 s, with four of their backchannels and one interruption. */
const REAL_CALL_ID = 'swz_MUL1423_Aself';
const REAL_CALL_SEC = 70;
const realMissing = realCallsMissing();
if (realMissing && process.env.CI === 'true') throw new Error(`${realMissing}: required in CI`);
if (realMissing) console.warn(`[e2e] skipping the real call: ${realMissing}`);

/** Seconds the two lists of intervals overlap. */
function overlapSec(a: readonly Interval[], b: readonly Interval[]): number {
  let sum = 0;
  for (const [s1, e1] of a) for (const [s2, e2] of b) sum += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return sum;
}

/** The reference in the call's time (the scene's time minus its offset), inside [0, lengthSec). */
function shifted(truth: readonly Interval[], offsetSec: number, lengthSec: number): Interval[] {
  return truth
    .map(([s, e]): Interval => [Math.max(0, s - offsetSec), Math.min(lengthSec, e - offsetSec)])
    .filter(([s, e]) => e > s);
}

describe.skipIf(realMissing !== null)('live coaching on a real telephone call', () => {
  let dir: string;
  let scene: Scene;
  let record: CallRecord;
  /** The others as they reached the page (after the fixture's WebRTC path), from the call's t = 0. */
  let heardOthers: HeardOthers;
  const rig = useCallRig({ name: 'real-call', audio: (at) => realCallScene(REAL_CALL_ID, REAL_CALL_SEC + 20, at) });

  beforeAll(async () => {
    ({ dir, scene } = rig);
    const { browser } = rig;
    const page = await openFixtureCall(browser, 'meet', { others: rig.othersPath });
    await recordHeardAudio(page);
    await join(page);
    await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(REAL_CALL_SEC * 1000);
    const live = await waitForCall(browser, (c) => c.status === 'live');
    heardOthers = await saveHeardAudio(page, `${dir}/real-call.heard`, live.startedAtMs);
    await leave(page);
    record = await waitForCall(browser, (c) => c.status === 'ended');
  });

  it('hears real speech as the human reference has it, and as analyze does on the same audio', () => {
    const length = record.durationSec;
    const heard = { self: ticksToIntervals(record.timeline.self), others: ticksToIntervals(record.timeline.others) };
    const offsets = {
      self: findOffset(heard.self, scene.truth.self, length),
      others: findOffset(heard.others, scene.truth.others, length),
    };
    const truth = {
      self: shifted(scene.truth.self, offsets.self, length),
      others: shifted(scene.truth.others, offsets.others, length),
    };
    const total = (x: readonly Interval[]) => overlapSec(x, [[0, length]]);
    const f1 = (got: readonly Interval[], want: readonly Interval[]) =>
      (2 * overlapSec(got, want)) / (total(got) + total(want));
    const truthShare = total(truth.self) / (total(truth.self) + total(truth.others));
    const reference = analyzeAsHeard(scene.self, offsets.self, heardOthers);
    const figures = {
      f1Self: f1(heard.self, truth.self),
      f1Others: f1(heard.others, truth.others),
      share: record.metrics.talkShare,
      truthShare,
      analyzeShare: reference.metrics.talkShare,
    };
    console.info('[e2e] real call', offsets, figures, 'record', record.metrics, 'analyze', reference.metrics);
    expect(length).toBeGreaterThan(REAL_CALL_SEC - 2);
    // Seen on 2026-12-04 (10 runs here, two with a core kept busy, and 3 in CI): F1 0.945–0.955 /
    // 0.929–0.961 (0.916 once in CI, the unit suites then running beside it), share 1.7–2.7 pp from
    // the reference's; against analyze on the audio as heard (5 runs here, 1 in CI) 0.1–1.1 pp
    // (batch on the calls at 8 kHz: F1 0.956, share error at most 2.0 pp).
    expect(figures.f1Self).toBeGreaterThanOrEqual(0.92);
    expect(figures.f1Others).toBeGreaterThanOrEqual(0.92);
    expect(Math.abs(figures.share - truthShare)).toBeLessThanOrEqual(0.04);
    expect(Math.abs(figures.share - figures.analyzeShare)).toBeLessThanOrEqual(0.03);
    // The events as analyze finds them in the same audio. They are the reference's (the agent's four
    // backchannels, one interruption of me) only while the far end keeps time: 0.4 s late, the
    // interruption is mine, live and in analyze alike (seen here on a quiet machine).
    const [got, want] = [record.metrics, reference.metrics];
    for (const key of [...EVENT_COUNTS, 'backchannelsByOthers'] as const) {
      expect(Math.abs(got[key] - want[key]), key).toBeLessThanOrEqual(1);
    }
    expect(want.interruptionsOfSelf + want.backchannelsByOthers).toBeGreaterThanOrEqual(3);
  });
});
