// Conditions a real meeting page puts the coach in: muting in the meeting (my speech while muted
// is not talk), a strict page CSP with Trusted Types, as Meet sends, two meetings in two tabs at
// once, a page without remote audio, a site whose markup changed, and a mic the site may not use.
import { describe, expect, it } from 'vitest';
import { builtSpeechModel } from '../../harness/build';
import type { CoachBrowser } from '../../harness/browser';
import type { CdpWatcher } from './support/cdp';
import { useCallRig } from './support/call-rig';
import {
  keptAtLeast,
  knownCallIds,
  readCalls,
  readOverlay,
  waitForCall,
  waitForOverlayState,
} from '../../harness/coach';
import { join, leave, openFixtureCall, setMuted } from '../../harness/fixture-call';
import { espeakScene, tempDir } from '../../harness/scenes';

const MONOLOGUE =
  'Let me walk you through the quarterly numbers in some detail. Revenue grew in every region, ' +
  'with the strongest quarter in the north, while costs stayed flat because we renegotiated the ' +
  'hosting contract and paused two hiring plans. The new pricing page went live in March, and the ' +
  'conversion rate improved by almost a fifth. Support tickets went down after the onboarding ' +
  'changes, and the churn rate is the lowest it has been for two years. For next quarter I want ' +
  'to focus on the enterprise plan, the partner programme and the mobile application.';

/** I talk without a break for about half a minute; the others say a few words now and then. */
const SCENE = [
  { by: 'self', at: 0.5, text: MONOLOGUE },
  { by: 'others', at: 9, text: 'Mm, interesting.' },
  { by: 'others', at: 20, text: 'Could you say more about the pricing page?' },
] as const;

/** Others who talk most of the time, for the tests that measure their side. */
const CHATTY_OTHERS = [
  {
    by: 'others',
    at: 0.3,
    text: 'Welcome everyone. Today we look at the roadmap, the hiring plan and the budget for the autumn.',
  },
  {
    by: 'others',
    at: 7,
    text: 'First the roadmap. The mobile release moves to October, because the payment provider needs more time.',
  },
  {
    by: 'others',
    at: 14,
    text: 'Then hiring. We have two open roles in support and one in design, and interviews start next week.',
  },
  {
    by: 'others',
    at: 21,
    text: 'Finally the budget, which stays flat, although travel is cut by a third for the rest of the year.',
  },
] as const;

let chattyPath: string;
let browser: CoachBrowser;
let cdp: CdpWatcher;
let othersPath: string;

useCallRig({
  name: 'conditions',
  audio: (dir) => espeakScene(SCENE, 40, dir),
  watch: true,
  ready: (rig) => {
    ({ browser, cdp, othersPath } = rig);
    chattyPath = rig.server.addAudio(
      'conditions-chatty.wav',
      espeakScene(CHATTY_OTHERS, 30, tempDir('conditions-chatty')).others,
    );
  },
});

describe('meeting conditions', () => {
  it('does not count my speech as talk while I am muted in the meeting', async () => {
    const earlier = await knownCallIds(browser);
    const page = await openFixtureCall(browser, 'meet', { others: othersPath });
    await join(page);
    await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(7000);

    await setMuted(page, true);
    const muted = await waitForOverlayState(page, 'muted', 5000);
    const mutedAtMs = Date.now();
    await page.waitForTimeout(9000);
    const stillMuted = await readOverlay(page);
    const mutedForSec = (Date.now() - mutedAtMs) / 1000;
    // While muted my share can only fall: what I say no longer adds to my talk.
    expect(stillMuted?.state).toBe('muted');
    expect(stillMuted!.talkShare).toBeLessThanOrEqual(muted.talkShare + 0.01);

    await setMuted(page, false);
    await waitForOverlayState(page, 'listening', 5000);
    await page.waitForTimeout(2000);
    await leave(page);
    const call = await waitForCall(browser, (c) => !earlier.has(c.id) && c.status === 'ended');

    const m = call.metrics;
    expect(m.mutedSec).toBeGreaterThan(mutedForSec - 1.5);
    expect(m.mutedSec).toBeLessThan(mutedForSec + 2.5);
    expect(call.timeline.muted).toHaveLength(2); // one muted stretch: [start, end]
    // I kept talking while muted: that is side talk, not talk.
    expect(m.sideTalkSec).toBeGreaterThan(mutedForSec - 4);
    expect(m.selfSpeechSec).toBeLessThan(call.durationSec - m.mutedSec + 0.5);
    await page.close();
  });

  it('works under a strict page CSP with Trusted Types', async () => {
    const earlier = await knownCallIds(browser);
    const page = await openFixtureCall(browser, 'meet', { others: othersPath, strictCsp: true });
    // The page really is under the policy: Trusted Types refuse a plain string in an HTML sink.
    const trustedTypesEnforced = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch {
        return true;
      }
    });
    expect(trustedTypesEnforced).toBe(true);

    await join(page);
    await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(12_000);
    const live = await readOverlay(page);
    expect(live?.talkShare).toBeGreaterThan(0.3);
    expect(live?.talkShare).toBeLessThan(0.99);
    await leave(page);
    const call = await waitForCall(browser, (c) => !earlier.has(c.id) && c.status === 'ended');
    // The worklet, the speech-model frame and the remote audio all worked under the CSP.
    expect(call.speechModel).toBe(builtSpeechModel());
    expect(call.metrics.selfSpeechSec).toBeGreaterThan(5);
    expect(call.metrics.othersSpeechSec).toBeGreaterThan(0.5);
    await page.close();
  });

  it('runs two meetings in two tabs at once: two calls, two records, no cross-talk', async () => {
    const earlier = await knownCallIds(browser);
    // Tab A hears the others; tab B is a page with no remote audio at all (a call nobody else joined).
    const a = await openFixtureCall(browser, 'meet', { others: chattyPath });
    const b = await openFixtureCall(browser, 'jitsi', { remote: 'none' });
    await join(a);
    await join(b);
    await waitForOverlayState(a, 'listening');
    await waitForOverlayState(b, 'listening');
    await a.waitForTimeout(8000);
    // Pausing the coach in A leaves B alone.
    await a.getByRole('button', { name: 'Pause coaching' }).click();
    await waitForOverlayState(a, 'paused', 5000);
    await b.waitForTimeout(1500);
    expect((await readOverlay(b))?.state).toBe('listening');
    await a.getByRole('button', { name: 'Resume coaching' }).click();
    await waitForOverlayState(a, 'listening', 5000);
    await a.waitForTimeout(3000);
    await leave(a);
    await leave(b);
    const callA = await waitForCall(browser, (c) => !earlier.has(c.id) && c.status === 'ended' && c.site === 'meet');
    const callB = await waitForCall(browser, (c) => !earlier.has(c.id) && c.status === 'ended' && c.site === 'jitsi');
    expect(callA.id).not.toBe(callB.id);
    expect(callA.host).toBe('meet.google.com');
    expect(callB.host).toBe('meet.jit.si');
    expect(callA.metrics.othersSpeechSec).toBeGreaterThan(4);
    expect(callB.metrics.othersSpeechSec).toBeLessThan(0.5); // nothing of A's remote voices
    expect(callB.metrics.selfSpeechSec).toBeGreaterThan(3); // the same mic, heard in both
    // A's paused stretch is cut out of A only.
    expect(callB.durationSec - callA.durationSec).toBeGreaterThan(0.5);
    await a.close();
    await b.close();
  });

  it('coaches on audio alone, without an error, when the site’s markup changed', async () => {
    const earlier = await knownCallIds(browser);
    const page = await openFixtureCall(browser, 'meet', { others: othersPath, markupChanged: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.waitForTimeout(1500);
    expect(await readOverlay(page)).toBeNull(); // the lobby (no remote audio): not a call
    await join(page);
    const limited = await waitForOverlayState(page, 'limited');
    const help = await page.evaluate(
      () => document.querySelector('listening-coach-overlay')?.shadowRoot?.textContent ?? '',
    );
    expect(help).toMatch(/audio only/i);
    await page.waitForTimeout(10_000);
    expect((await readOverlay(page))!.talkShare).toBeGreaterThan(limited.talkShare - 1); // figures run
    await leave(page);
    const call = await waitForCall(browser, (c) => !earlier.has(c.id) && c.status === 'ended');
    expect(call.limited).toBe(true);
    // The page could not tell; the call itself could: one incoming stream, so two of us.
    expect(call.participants).toBe(2);
    expect(call.metrics.selfSpeechSec).toBeGreaterThan(3);
    expect(call.metrics.othersSpeechSec).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the mic is blocked and how to allow it, and still measures the others', async () => {
    const earlier = await knownCallIds(browser);
    const origin = 'https://meet.google.com';
    await cdp.send('Browser.setPermission', { permission: { name: 'microphone' }, setting: 'denied', origin });
    try {
      const page = await openFixtureCall(browser, 'meet', { others: chattyPath });
      await join(page);
      await waitForOverlayState(page, 'mic-denied');
      const text = await page.evaluate(
        () => document.querySelector('listening-coach-overlay')?.shadowRoot?.textContent ?? '',
      );
      expect(text).toMatch(/Microphone blocked/);
      expect(text).toMatch(/Allow it in the address bar/);
      await page.waitForTimeout(10_000);
      await leave(page);
      const call = await waitForCall(browser, (c) => !earlier.has(c.id) && c.status === 'ended');
      expect(call.metrics.selfSpeechSec).toBe(0);
      expect(call.metrics.othersSpeechSec).toBeGreaterThan(4);
      await page.close();
    } finally {
      await cdp.send('Browser.resetPermissions', {});
    }
  });

  it('a drop and a rejoin into the same meeting are one call, one record', async () => {
    const earlier = await knownCallIds(browser);
    const page = await openFixtureCall(browser, 'meet', { others: chattyPath });
    await join(page);
    await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(8000);
    await leave(page); // the connection drops: the site shows its end screen with "Rejoin"
    const left = await waitForCall(browser, (c) => !earlier.has(c.id) && c.status === 'ended');
    expect(await readOverlay(page)).toBeNull();
    await page.waitForTimeout(3000);
    await join(page); // "Rejoin", a few seconds later
    await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(7000);
    await leave(page);
    await page.waitForTimeout(1500);
    const calls = (await readCalls(browser)).filter((c) => !earlier.has(c.id));
    expect(calls.map((c) => c.id)).toEqual([left.id]); // the same record, not a second one
    const call = calls[0]!;
    expect(call.status).toBe('ended');
    // Both stretches are in it (the time away is left out).
    expect(call.durationSec).toBeGreaterThan(left.durationSec + 5);
    expect(call.metrics.othersSpeechSec).toBeGreaterThan(left.metrics.othersSpeechSec + 2);
    await page.close();
  });

  it('keeps the call when the tab closes mid-call', async () => {
    const earlier = await knownCallIds(browser);
    const page = await openFixtureCall(browser, 'meet', { others: othersPath });
    await join(page);
    await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(12_000);
    await page.close(); // no leave: the tab just goes
    const closedAtMs = Date.now();
    const call = await waitForCall(browser, (c) => !earlier.has(c.id) && c.status !== 'live');
    // Closed from its final snapshot ('ended'), or from the last save as it went ('recovered'):
    // either way at most a save interval is lost (1 s this early in a call; the issue: ≤ 10 s).
    const { callSec, keptAtLeastSec } = keptAtLeast(call, closedAtMs);
    console.info(`[e2e] tab closed: ${call.durationSec} s kept of ${callSec.toFixed(1)} s (${call.status})`);
    expect(['ended', 'recovered']).toContain(call.status);
    expect(call.durationSec).toBeGreaterThanOrEqual(keptAtLeastSec);
    expect(call.metrics.selfSpeechSec).toBeGreaterThan(2);
  });
});
