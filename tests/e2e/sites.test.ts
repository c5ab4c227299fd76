// One fixture call per site adapter, in real Chromium with the built extension: joining starts the
// coach by itself, the overlay shows both sides speaking, and leaving stores the call record.
import { describe, expect, it } from 'vitest';
import { builtSpeechModel } from '../../harness/build';
import type { CoachBrowser } from '../../harness/browser';
import { knownCallIds, readOverlay, waitForCall, waitForOverlayState } from '../../harness/coach';
import { join, leave, openFixtureCall, type FixtureCallOptions, type FixtureSite } from '../../harness/fixture-call';
import { espeakScene } from '../../harness/scenes';
import { useCallRig } from './support/call-rig';

/** Both sides speak within the first ten seconds; two other people, both on the far end's one stream. */
const CONVERSATION = [
  { by: 'others', at: 0.5, text: 'Hello and thanks for joining. Shall we go through the plan for this week?' },
  { by: 'self', at: 5.5, text: 'Sure. I have a few updates on the design and on the budget.' },
  { by: 'others', at: 10, text: 'Great, go ahead please.', voice: ['en-gb-x-rp+m3', 150] },
] as const;
const CALL_SEC = 10;

const SITES: { site: FixtureSite; host: string; options?: FixtureCallOptions; state?: string }[] = [
  { site: 'meet', host: 'meet.google.com' },
  // A single-page app that keeps its lobby and end screen in the DOM, hidden, during the call: only
  // what is shown counts (the hidden "Return to home screen" once kept the coach silent).
  { site: 'meet', host: 'meet.google.com', options: { keptScreens: true } },
  // Teams plays its server mix in no page element: only the RTC hook finds it. The redundant copy
  // must not be mixed in twice.
  { site: 'teams', host: 'teams.microsoft.com', options: { remote: 'detached', mixed: true } },
  { site: 'zoom', host: 'app.zoom.us' },
  { site: 'webex', host: 'acme.webex.com' },
  { site: 'jitsi', host: 'meet.jit.si' },
  { site: 'whereby', host: 'whereby.com' },
];

let browser: CoachBrowser;
let othersPath: string;

useCallRig({
  name: 'sites',
  audio: (dir) => espeakScene(CONVERSATION, 15, dir),
  ready: (rig) => void ({ browser, othersPath } = rig),
});

describe('every site adapter: join, coach, leave, record', () => {
  for (const { site, host, options } of SITES) {
    it(`${site}${options?.keptScreens ? ' (screens kept in the DOM)' : ''}: joins by itself, shows the overlay, stores the call on leave`, async () => {
      const earlier = await knownCallIds(browser);
      const page = await openFixtureCall(browser, site, { others: othersPath, ...options });
      // Before joining (lobby) there is no call and no overlay.
      await page.waitForTimeout(1000);
      expect(await readOverlay(page)).toBeNull();

      await join(page);
      await waitForOverlayState(page, 'listening');
      await page.waitForTimeout(CALL_SEC * 1000);
      const live = await readOverlay(page);
      // Both channels are heard: neither side has all the talk.
      expect(live?.talkShare).toBeGreaterThan(0.05);
      expect(live?.talkShare).toBeLessThan(0.95);
      // Several voices on one stream with no contributing sources: no split per person is invented.
      const people = await page.evaluate(() => {
        const root = document
          .querySelector('listening-coach-overlay')
          ?.shadowRoot?.querySelector<HTMLElement>('[data-state]');
        return { people: root?.dataset.people, split: root?.dataset.peopleSplit };
      });
      expect(people).toEqual({ people: '[]', split: 'one-stream' });

      await leave(page);
      const call = await waitForCall(browser, (c) => !earlier.has(c.id) && c.site === site && c.status === 'ended');
      expect(call.limited).toBe(false);
      expect(call.host).toBe(host);
      expect(call.captureMode).toBe('in-page');
      expect(call.speechModel).toBe(builtSpeechModel());
      // The call is timed from its first audio, a moment after the overlay appears.
      expect(call.durationSec).toBeGreaterThan(CALL_SEC - 3);
      expect(call.metrics.selfSpeechSec).toBeGreaterThan(1.5);
      expect(call.metrics.othersSpeechSec).toBeGreaterThan(2.5);
      expect(call.endedAtMs).toBeGreaterThan(call.startedAtMs);
      expect(call.people).toEqual({ split: false, reason: 'one-stream' });
      // The overlay leaves with the call.
      await page.waitForTimeout(500);
      expect(await readOverlay(page)).toBeNull();
      await page.close();
    });
  }
});
