// Tab capture: the universal fallback for sites whose audio the page does not expose (Zoom's web
// client), started by a user gesture (toolbar popup button or the keyboard command). The background
// only gets the stream id; the offscreen document consumes the stream, keeps the tab audible and
// publishes its audio for the meeting tab's content script (extension/capture/tab-audio-relay.ts).
import { browser } from 'wxt/browser';
import { tabAudioChannelName } from '../capture/tab-audio-relay';
import { sendMessage } from '../messages';
import { markTabCapture } from './calls';
import { sessionStore } from './session-store';

const OFFSCREEN_URL = 'offscreen.html';

export type TabCaptureResult = { ok: true } | { ok: false; message: string };

export async function startTabCapture(tabId: number): Promise<TabCaptureResult> {
  if (await sessionStore.getTabCapture(tabId)) return { ok: true };
  let streamId: string;
  try {
    streamId = await browser.tabCapture.getMediaStreamId({ targetTabId: tabId });
  } catch (error) {
    return { ok: false, message: `Chrome did not allow capturing this tab (${String(error)}). Click the toolbar button on the meeting tab and try again.` };
  }
  const channel = tabAudioChannelName(crypto.randomUUID());
  await ensureOffscreenDocument();
  await sendMessage('offscreen.startTabCapture', { streamId, tabId, channel });
  await sessionStore.setTabCapture(tabId, { channel });
  try {
    await sendMessage('content.tabCaptureChanged', { channel }, tabId);
  } catch {
    await stopTabCapture(tabId);
    return { ok: false, message: 'Listening Coach works on meeting pages only: open the meeting tab and try again.' };
  }
  await markTabCapture(tabId);
  return { ok: true };
}

export async function stopTabCapture(tabId: number): Promise<void> {
  if (!(await sessionStore.getTabCapture(tabId))) return;
  await sessionStore.removeTabCapture(tabId);
  await sendMessage('offscreen.stopTabCapture', tabId).catch(() => {});
  await sendMessage('content.tabCaptureChanged', null, tabId).catch(() => {}); // the tab may be gone
  if ((await sessionStore.capturedTabCount()) === 0) await browser.offscreen.closeDocument().catch(() => {});
}

export async function toggleTabCapture(tabId: number): Promise<TabCaptureResult> {
  if (await sessionStore.getTabCapture(tabId)) {
    await stopTabCapture(tabId);
    return { ok: true };
  }
  return startTabCapture(tabId);
}

async function ensureOffscreenDocument(): Promise<void> {
  const existing = await browser.runtime.getContexts({
    contextTypes: [browser.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [browser.runtime.getURL(`/${OFFSCREEN_URL}`)],
  });
  if (existing.length > 0) return;
  await browser.offscreen.createDocument({
    url: OFFSCREEN_URL,
    reasons: [browser.offscreen.Reason.USER_MEDIA],
    justification: 'Hear the meeting tab’s audio (tab capture) for on-device listening coaching.',
  });
}
