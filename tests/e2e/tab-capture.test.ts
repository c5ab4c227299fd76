/// <reference types="chrome" />
// Tab capture, for sites whose audio the page does not expose (Zoom's web client). Headless Chromium
// can give neither the user gesture tabCapture needs nor audio from a captured tab, so the test
// injects at exactly those two points, through the DevTools protocol: getMediaStreamId returns an id,
// and the offscreen document's getUserMedia returns a stream playing the remote voices. Everything
// between is the product's own path: popup message → background → offscreen document → tab-audio
// pump → BroadcastChannel → the meeting tab's extension frame → content script → capture worklet.
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CoachBrowser } from '../../harness/browser';
import { readOverlay, waitForCall, waitForOverlayState } from '../../harness/coach';
import { join, leave, openFixtureCall } from '../../harness/fixture-call';
import { espeakScene, type Scene } from '../../harness/scenes';
import { useCallRig } from './support/call-rig';

const SCENE = [
  { by: 'self', at: 0.5, text: 'Can everyone hear me? I will share the agenda in a second.' },
  {
    by: 'others',
    at: 5,
    text: 'Yes, we can hear you fine. Before the agenda, a quick question about the budget for next month.',
  },
  { by: 'self', at: 13, text: 'Good question, let us take it first.' },
  { by: 'others', at: 17, text: 'Thanks. I think we need two more people on the project.' },
] as const;

let scene: Scene;
let browser: CoachBrowser;
let page: Page;
let extension: Page;
let cdp: CDPSession;
let firstCallId = '';

/** Sends a message as the extension's own pages do (@webext-core/messaging's wire format). */
function sendFromExtensionPage(type: string, data: unknown): Promise<unknown> {
  return extension.evaluate(
    ([type, data]) =>
      new Promise((resolve, reject) =>
        chrome.runtime.sendMessage(
          { id: Date.now(), type, data, timestamp: Date.now() },
          (reply: { res?: unknown; err?: unknown }) =>
            reply?.err ? reject(new Error(JSON.stringify(reply.err))) : resolve(reply?.res),
        ),
      ),
    [type, data] as const,
  );
}

/** Runs an expression in the offscreen document (not a Playwright page) and returns its value. */
async function evaluateInOffscreen(expression: string): Promise<unknown> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; url: string }[] };
  const target = targetInfos.find((t) => t.url.endsWith('/offscreen.html'));
  if (!target) throw new Error('no offscreen document');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
    sessionId: string;
  };
  const reply = new Promise<{ result?: { result: { value: unknown } }; error?: unknown }>((resolve) => {
    const onMessage = (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      resolve(JSON.parse(event.message));
    };
    cdp.on('Target.receivedMessageFromTarget', onMessage);
  });
  const message = {
    id: 1,
    method: 'Runtime.evaluate',
    params: { expression, awaitPromise: true, returnByValue: true },
  };
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify(message) });
  const { result, error } = await reply;
  await cdp.send('Target.detachFromTarget', { sessionId });
  if (error) throw new Error(JSON.stringify(error));
  return result?.result.value;
}

/** The two points headless Chromium cannot give, injected: the stream id (the user's click on the
 *  toolbar button grants it in real use) and the tab's audio, in the offscreen document the
 *  background would create. */
async function injectTabAudio(): Promise<void> {
  await browser.serviceWorker!.evaluate(() => {
    chrome.tabCapture.getMediaStreamId = (async () =>
      'injected-stream-id') as typeof chrome.tabCapture.getMediaStreamId;
  });
  await browser.serviceWorker!.evaluate(() =>
    chrome.offscreen.createDocument({
      url: 'offscreen.html',
      reasons: [chrome.offscreen.Reason.USER_MEDIA],
      justification: 'e2e',
    }),
  );
  const wav = readFileSync(scene.others).toString('base64');
  await evaluateInOffscreen(`(async () => {
    const bytes = Uint8Array.from(atob('${wav}'), (c) => c.charCodeAt(0));
    const context = new AudioContext();
    const buffer = await context.decodeAudioData(bytes.buffer);
    const source = new AudioBufferSourceNode(context, { buffer, loop: true });
    const destination = new MediaStreamAudioDestinationNode(context);
    source.connect(destination);
    source.start();
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      window.requestedTabSource = constraints.audio.mandatory;
      return destination.stream;
    };
  })()`);
}

async function meetingTabId(): Promise<number> {
  const keys = await extension.evaluate(async () => Object.keys(await chrome.storage.session.get(null)));
  const key = keys.find((k) => k.startsWith('tabStatus:'));
  if (!key) throw new Error('the meeting tab reported no status');
  return Number(key.split(':')[1]);
}

useCallRig({
  name: 'tab-capture',
  audio: (dir) => espeakScene(SCENE, 30, dir),
  ready: async (rig) => {
    ({ scene, browser } = rig);
    extension = await browser.context.newPage();
    await extension.goto(`chrome-extension://${browser.extensionId}/classifier.html`);
    // Zoom's page plays no remote audio the coach can reach: only tab capture can bring it in.
    page = await openFixtureCall(browser, 'zoom', { remote: 'none' });
    cdp = await browser.context.newCDPSession(page);
  },
});

describe('tab capture', () => {
  it('brings the tab’s audio in as the others channel, and back out when stopped', async () => {
    await join(page);
    await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(4000);
    expect((await readOverlay(page))?.talkShare).toBe(1); // only my voice so far

    await injectTabAudio();

    const tabId = await meetingTabId();
    expect(await sendFromExtensionPage('background.startTabCapture', tabId)).toEqual({ ok: true });
    // The offscreen document asked for this tab's stream by the id the background got.
    expect(await evaluateInOffscreen('window.requestedTabSource')).toEqual({
      chromeMediaSource: 'tab',
      chromeMediaSourceId: 'injected-stream-id',
    });

    await page.waitForTimeout(15_000);
    const withTabAudio = await readOverlay(page);
    expect(withTabAudio?.talkShare).toBeLessThan(0.8); // the others are heard now
    const status = (await sendFromExtensionPage('background.getTabStatus', tabId)) as { captureMode: string };
    expect(status.captureMode).toBe('tab');

    await sendFromExtensionPage('background.stopTabCapture', tabId);
    const contexts = await browser.serviceWorker!.evaluate(() =>
      chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] }),
    );
    expect(contexts).toHaveLength(0); // closed with the last capture

    await leave(page);
    const call = await waitForCall(browser, (c) => c.status === 'ended' && c.site === 'zoom');
    expect(call.captureMode).toBe('tab');
    expect(call.metrics.othersSpeechSec).toBeGreaterThan(3);
    expect(call.metrics.selfSpeechSec).toBeGreaterThan(3);
    firstCallId = call.id;
    await page.close();
  });

  it('when the offscreen document dies, the call goes on, keeps what it heard, and says how to restart', async () => {
    page = await openFixtureCall(browser, 'zoom', { remote: 'none' });
    cdp = await browser.context.newCDPSession(page);
    await join(page);
    await waitForOverlayState(page, 'listening');
    await injectTabAudio();
    const tabId = await meetingTabId();
    expect(await sendFromExtensionPage('background.startTabCapture', tabId)).toEqual({ ok: true });
    await page.waitForTimeout(12_000);
    expect((await readOverlay(page))?.talkShare).toBeLessThan(0.9);

    // The document dies (as a crash would take it): not a stop the background asked for.
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; url: string }[];
    };
    const offscreen = targetInfos.find((t) => t.url.endsWith('/offscreen.html'))!;
    await cdp.send('Target.closeTarget', { targetId: offscreen.targetId });
    // The background notices, ends tab capture cleanly, and the page says how to start it again.
    const deadline = Date.now() + 10_000;
    let status = (await sendFromExtensionPage('background.getTabStatus', tabId)) as {
      captureMode: string;
      message: string | null;
    };
    while (status.captureMode !== 'in-page' && Date.now() < deadline) {
      await page.waitForTimeout(300);
      status = (await sendFromExtensionPage('background.getTabStatus', tabId)) as typeof status;
    }
    expect(status.captureMode).toBe('in-page');
    expect(status.message).toMatch(/Listen to this tab/);
    expect((await readOverlay(page))?.state).toBe('listening'); // the call itself goes on (my mic)
    await page.waitForTimeout(3000);
    await leave(page);
    const call = await waitForCall(browser, (c) => c.status === 'ended' && c.site === 'zoom' && c.id !== firstCallId);
    expect(call.captureMode).toBe('tab');
    expect(call.metrics.othersSpeechSec).toBeGreaterThan(3); // what the tab gave before it died
    expect(call.durationSec).toBeGreaterThan(14);
  });
});
