// Who else spoke, on real meeting software: Janus's VideoRoom (Debian's janus and janus-demos, one
// stream per person through the SFU, support/janus.ts) with three participants: me and two others
// whose fake mics play one voice each of a shared group scene (d04). The second stays silent
// for the call's first part, so the inclusion nudge (its threshold shortened through the setting)
// must ask to invite them in; then both speak. Per-person talk shares must be within 5 pp of what
// each person's stream carried (the engine run by `analyze` on each stream as it reached the page),
// in the overlay's data-people and in the stored record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoachBrowser } from './support/browser';
import { knownCallIds, readOverlay, waitForCall } from './support/coach';
import { runAnalyze } from './support/analyze';
import { recordHeardTracks, saveHeardTracks } from './support/heard-audio';
import { janusUnavailable, openDemo, startJanus, type JanusRig } from './support/janus';
import { sharedScene, sharedScenePeople, sharedScenesMissing, silentWav, tempDir } from './support/scenes';

const SCENE_ID = 'd04_group';
const SCENE_SEC = 150;
/** The first person is the scene's first voice from its start; the second its third voice from a
 *  minute in, after 35 s of silence on their mic (they join some seconds before me). */
const PEOPLE = [{ party: 'other1' }, { party: 'other3', silentSec: 35, fromSec: 60 }];
/** The inclusion threshold for this call, instead of 15 minutes. */
const INCLUSION_SEC = 20;
const CALL_SEC = 75;

const missing = janusUnavailable() ?? sharedScenesMissing();
if (missing && process.env.CI === 'true') throw new Error(`${missing}: required in CI`);
if (missing) console.warn(`[e2e] skipping people: ${missing}`);

interface OverlayPeople {
  people: { label: string; talkShare: number }[];
  split: string | null;
  nudge: string | null;
}

async function readPeople(page: Awaited<ReturnType<typeof openDemo>>['page']): Promise<OverlayPeople | null> {
  return page.evaluate(() => {
    const shadow = document.querySelector('listening-coach-overlay')?.shadowRoot;
    const root = shadow?.querySelector<HTMLElement>('[data-state]');
    if (!root) return null;
    return {
      people: JSON.parse(root.dataset.people ?? '[]'),
      split: root.dataset.peopleSplit ?? null,
      nudge: shadow?.querySelector('.lc-nudge p')?.textContent ?? null,
    };
  });
}

/** The inclusion nudge after INCLUSION_SEC, every other nudge off: this call is about the people. */
async function setInclusionOnly(browser: CoachBrowser): Promise<void> {
  await browser.serviceWorker!.evaluate(async (thresholdSec) => {
    const { settings } = (await chrome.storage.sync.get('settings')) as { settings: { nudges: Record<string, { enabled: boolean; threshold: number }> } };
    for (const nudge of Object.values(settings.nudges)) nudge.enabled = false;
    settings.nudges.inclusion = { enabled: true, threshold: thresholdSec };
    await chrome.storage.sync.set({ settings });
  }, INCLUSION_SEC);
}

describe.skipIf(missing !== null)('who else spoke, on real meeting software (Janus VideoRoom)', () => {
  let rig: JanusRig;
  let coachBrowser: CoachBrowser;
  let dir: string;

  beforeAll(async () => {
    dir = tempDir('people');
    rig = await startJanus();
    coachBrowser = await rig.launchCoach(sharedScene(SCENE_ID, SCENE_SEC, dir).self);
    await setInclusionOnly(coachBrowser);
  });

  afterAll(async () => {
    await coachBrowser?.close();
    await rig?.close();
  });

  it('splits the others by person within 5 pp, shows data-people, and invites the silent one in', async () => {
    const mics = sharedScenePeople(SCENE_ID, SCENE_SEC, dir, PEOPLE);
    const earlier = await knownCallIds(coachBrowser);
    const peers = [await rig.launchPeer(mics[0]), await rig.launchPeer(mics[1])];
    try {
      for (const [i, peer] of peers.entries()) await (await openDemo(peer, 'videoroom')).join(`person${i + 1}`);
      const me = await openDemo(coachBrowser, 'videoroom');
      await recordHeardTracks(me.page);
      await me.join('me');
      await expect.poll(async () => (await readOverlay(me.page))?.state, { timeout: 10_000 }).toBe('listening');

      const nudges = new Set<string>();
      const until = Date.now() + CALL_SEC * 1000;
      while (Date.now() < until) {
        const reading = await readPeople(me.page);
        if (reading?.nudge) nudges.add(reading.nudge);
        await me.page.waitForTimeout(1000);
      }
      // The overlay as I leave, and each stream up to that moment (the demo's page goes as I leave).
      const live = await waitForCall(coachBrowser, (c) => !earlier.has(c.id));
      const last = await readPeople(me.page);
      const heardSec = Math.floor((Date.now() - live.startedAtMs) / 1000);
      const tracks = await saveHeardTracks(me.page, dir, live.startedAtMs, heardSec);
      await me.leave();
      const record = await waitForCall(coachBrowser, (c) => !earlier.has(c.id) && c.status !== 'live');

      // Each person's truth: the speech `analyze` finds in their stream as it reached the page.
      const silent = silentWav(`${dir}/silent.wav`, heardSec);
      const truth = tracks
        .map((wav) => runAnalyze(silent, wav).segments.others)
        .filter((segments) => segments.length > 0)
        .map((segments) => ({ firstSec: segments[0][0], sec: segments.reduce((sum, [s, e]) => sum + e - s, 0) }))
        .sort((a, b) => a.firstSec - b.firstSec);
      const truthTotal = truth.reduce((sum, t) => sum + t.sec, 0);
      const truthShares = truth.map((t) => t.sec / truthTotal);

      expect(tracks).toHaveLength(2);
      expect(truth).toHaveLength(2);
      expect(record.people?.split).toBe(true);
      if (!record.people?.split) return;
      const stored = record.people.people;
      console.info(
        `[e2e] people: stored ${stored.map((p) => `${p.label} ${p.shareOfOthers.toFixed(3)}`).join(', ')}; ` +
          `truth ${truthShares.map((s) => s.toFixed(3)).join(', ')} (${truth.map((t) => t.sec.toFixed(1)).join(' s, ')} s); ` +
          `overlay ${JSON.stringify(last?.people)}; nudges ${JSON.stringify([...nudges])}`,
      );
      // Labelled in order of first speech, each within 5 pp of their truth.
      expect(stored.map((p) => p.label)).toEqual(['Person 1', 'Person 2']);
      stored.forEach((person, i) => expect(Math.abs(person.shareOfOthers - truthShares[i])).toBeLessThanOrEqual(0.05));
      expect(record.people.notHeard).toBe(0);
      // No names on a page that shows none the coach reads, and none stored without "keep names".
      expect(stored.every((p) => p.name === undefined)).toBe(true);
      // The seconds come from the engine's others figure, never more than it plus overlaps.
      const storedSec = stored.reduce((sum, p) => sum + p.speechSec, 0);
      expect(storedSec).toBeGreaterThan(record.metrics.othersSpeechSec * 0.95);
      expect(storedSec).toBeLessThan(record.metrics.othersSpeechSec * 1.15);

      // The overlay said the same, live, just before I left.
      expect(last?.split).toBe('people');
      expect(last?.people.map((p) => p.label)).toEqual(['Person 1', 'Person 2']);
      last!.people.forEach((person, i) => expect(Math.abs(person.talkShare - truthShares[i])).toBeLessThanOrEqual(0.05));

      // The second person said nothing for the first part of the call: the coach asked to invite them in.
      expect([...nudges].some((text) => /not spoken in 20\s+s: invite them in\?/.test(text))).toBe(true);
      await me.page.close();
    } finally {
      for (const peer of peers) await peer.close();
    }
  });
});
