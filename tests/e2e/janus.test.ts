// Real meeting software, not our imitations: Janus (Debian's janus and janus-demos) in a private
// network namespace, its VideoRoom demo (one stream per person through an SFU, camera on) and its
// AudioBridge demo (one server-mixed stream), with headless Chromium participants whose fake mics
// play a shared scene's channels. The coach runs on one of them as a site the person added
// (support/janus.ts). Each call is short (CI runs them): the coach must start within 5 s of joining,
// say only what is true of what it does, agree with `analyze` on the audio as heard, stop counting
// my talk while I am muted with the demo's own button, and store the call when I leave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interval } from '../../lib/engine/types';
import { builtSpeechModel } from '../../harness/build';
import { analyzeAsHeard, findOffset, ticksToIntervals } from './support/analyze';
import type { CoachBrowser } from '../../harness/browser';
import { knownCallIds, readOverlay, waitForCall } from '../../harness/coach';
import { recordHeardAudio, saveHeardAudio } from './support/heard-audio';
import { janusUnavailable, openDemo, startJanus, type JanusRig } from './support/janus';
import { sharedScene, sharedScenesMissing, silentWav, tempDir, type Scene } from '../../harness/scenes';

const SCENE_ID = 'd02_interrupter';
/** Unmuted, then muted with the demo's button, then unmuted to the end. */
const TALK_SEC = 30;
const MUTED_SEC = 8;
/** More than a save interval: the demo reloads its page as I leave, so the record ends at its last save. */
const AFTER_SEC = 6;

const missing = janusUnavailable() ?? sharedScenesMissing();
if (missing && process.env.CI === 'true') throw new Error(`${missing}: required in CI`);
if (missing) console.warn(`[e2e] skipping janus: ${missing}`);

/** Seconds of the intervals inside [from, to). */
function within(intervals: readonly Interval[], from: number, to: number): number {
  return intervals.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, to) - Math.max(s, from)), 0);
}

async function overlayText(coach: Awaited<ReturnType<typeof openDemo>>): Promise<string> {
  return coach.page.evaluate(
    () => document.querySelector('listening-coach-overlay')?.shadowRoot?.querySelector('.lc-body')?.textContent ?? '',
  );
}

async function analysedSec(coach: Awaited<ReturnType<typeof openDemo>>): Promise<number> {
  return coach.page.evaluate(() =>
    Number(
      document
        .querySelector('listening-coach-overlay')
        ?.shadowRoot?.querySelector('[data-state]')
        ?.getAttribute('data-analysed-sec') ?? 0,
    ),
  );
}

describe.skipIf(missing !== null)('the coach on real meeting software (Janus)', () => {
  let rig: JanusRig;
  let scene: Scene;
  let dir: string;
  let coachBrowser: CoachBrowser;

  beforeAll(async () => {
    dir = tempDir('janus');
    scene = sharedScene(SCENE_ID, 120, dir);
    rig = await startJanus();
    coachBrowser = await rig.launchCoach(scene.self);
  });

  afterAll(async () => {
    await coachBrowser?.close();
    await rig?.close();
  });

  const DEMOS = [
    // Two people: a one-on-one the site itself never says is one, counted from the call.
    { demo: 'videoroom', peers: 1 },
    // Three people in one server mix: the third says nothing.
    { demo: 'audiobridge', peers: 2 },
  ] as const;

  for (const { demo, peers } of DEMOS) {
    it(`${demo}: coaches within 5 s of joining, tells the truth, agrees with analyze, mutes with the demo's button, stores the call`, async () => {
      const earlier = await knownCallIds(coachBrowser);
      const others = [
        await rig.launchPeer(scene.others),
        ...(peers > 1 ? [await rig.launchPeer(silentWav(`${dir}/silent.wav`, 130))] : []),
      ];
      try {
        for (const [i, peer] of others.entries()) await (await openDemo(peer, demo)).join(`peer${i + 1}`);
        const me = await openDemo(coachBrowser, demo);
        await recordHeardAudio(me.page);
        await me.join('me');
        // In the room: the demo has published my audio (its mute button shows).
        const joinedAtMs = Date.now();

        // Coaching starts: the overlay is there and the engine is hearing the call.
        let startedAfterMs = Infinity;
        while (Date.now() - joinedAtMs < 10_000) {
          if ((await readOverlay(me.page))?.state === 'listening' && (await analysedSec(me)) > 0) {
            startedAfterMs = Date.now() - joinedAtMs;
            break;
          }
          await me.page.waitForTimeout(100);
        }
        console.info(`[e2e] ${demo}: coaching ${startedAfterMs} ms after joining`);
        expect(startedAfterMs).toBeLessThanOrEqual(5000);

        // What it shows is true of what it does: it hears the call, so it gives no tab-capture
        // advice, is not "limited", and knows when I am muted.
        const states = new Set<string>();
        const texts = new Set<string>();
        const until = Date.now() + TALK_SEC * 1000;
        while (Date.now() < until) {
          states.add((await readOverlay(me.page))?.state ?? 'absent');
          texts.add(await overlayText(me));
          await me.page.waitForTimeout(1000);
        }
        expect([...states]).toEqual(['listening']);
        for (const text of texts) {
          expect(text).not.toMatch(/listen to this tab/i);
          expect(text).not.toMatch(/cannot tell when you are muted|audio only/i);
        }

        await me.toggleMute();
        await expect.poll(async () => (await readOverlay(me.page))?.state, { timeout: 3000 }).toBe('muted');
        await me.page.waitForTimeout(MUTED_SEC * 1000);
        await me.toggleMute();
        await expect.poll(async () => (await readOverlay(me.page))?.state, { timeout: 3000 }).toBe('listening');
        await me.page.waitForTimeout(AFTER_SEC * 1000);
        // The others as the coach heard them, from the call's t = 0 (the demo's page goes as I leave).
        const live = await waitForCall(coachBrowser, (c) => !earlier.has(c.id));
        const heardOthers = await saveHeardAudio(me.page, `${dir}/${demo}.heard`, live.startedAtMs);
        await me.leave();
        const record = await waitForCall(coachBrowser, (c) => !earlier.has(c.id) && c.status !== 'live');
        expect(record.status).toBe('ended');

        // The call is stored, whole: from the engine's start to the leave (at most a save interval lost).
        expect(record.host).toBe('janus.listening-coach.test');
        expect(record.site).toBe('custom');
        expect(record.limited).toBe(false);
        expect(record.speechModel).toBe(builtSpeechModel());
        expect(record.durationSec).toBeGreaterThan(TALK_SEC + MUTED_SEC + AFTER_SEC - 8);

        // Muted with the demo's button: that stretch is muted time, and my speech in it is side talk.
        const muted = ticksToIntervals(record.timeline.muted);
        expect(muted).toHaveLength(1);
        const [muteFrom, muteTo] = muted[0]!;
        expect(muteTo - muteFrom).toBeGreaterThan(MUTED_SEC - 2);
        expect(muteTo - muteFrom).toBeLessThan(MUTED_SEC + 3);
        const heard = {
          self: ticksToIntervals(record.timeline.self),
          others: ticksToIntervals(record.timeline.others),
        };
        expect(within(heard.self, muteFrom + 0.5, muteTo - 0.5)).toBe(0);
        expect(record.metrics.sideTalkSec).toBeGreaterThan(0.5);

        // Before the mute, the talk share agrees with analyze on the same audio as heard: my mic's
        // file from where the call's clock started, and the others as they reached the page.
        const reference = analyzeAsHeard(
          scene.self,
          findOffset(heard.self, scene.truth.self, muteFrom, 5),
          heardOthers,
        );
        const share = (self: number, others: number) => self / (self + others);
        const got = share(within(heard.self, 0, muteFrom), within(heard.others, 0, muteFrom));
        const want = share(
          within(reference.segments.self, 0, muteFrom),
          within(reference.segments.others, 0, muteFrom),
        );
        console.info(
          `[e2e] ${demo}: talk share ${got.toFixed(3)} against analyze ${want.toFixed(3)}; participants ${record.participants}`,
        );
        expect(Math.abs(got - want)).toBeLessThanOrEqual(0.03);
        expect(within(heard.self, 0, muteFrom)).toBeGreaterThan(5); // the comparison is not vacuous
        expect(within(heard.others, 0, muteFrom)).toBeGreaterThan(5);

        // The people in it, from the call itself: one stream per person through the SFU. The
        // AudioBridge's mix names no contributors, so it reads as one other person (docs/capture.md).
        if (demo === 'videoroom') {
          expect(record.participants).toBe(2);
          expect(record.meetingKind).toBe('one-on-one');
        }
        // No per-person split is invented: one person's stream, or the AudioBridge's mix, which
        // carries no audio levels and names nobody.
        expect(record.people).toEqual({ split: false, reason: demo === 'videoroom' ? 'one-stream' : 'no-levels' });
        await me.page.close();
      } finally {
        for (const peer of others) await peer.close();
      }
    });
  }
});
