// Tab capture: the universal fallback for sites whose audio the page does not expose (Zoom's web
// client), started by a user gesture (toolbar popup button or the keyboard command). The background
// only gets the stream id; the offscreen document consumes the stream, keeps the tab audible and
// publishes its audio for the meeting tab's content script (extension/channels/offscreen-frame.ts).
import { browser } from 'wxt/browser';
import { t } from '../../components/say';
import { tabAudioChannelName } from '../channels/offscreen-frame';
import { sendMessage } from '../messages';
import { markTabCapture } from './calls';
import { sessionStore } from './session-store';

const OFFSCREEN_URL = 'offscreen.html';

/** On failure, what the popup tells the person, in the browser's language. */
export type TabCaptureResult = { ok: true } | { ok: false; message: string };

export async function startTabCapture(tabId: number): Promise<TabCaptureResult> {
  if (await sessionStore.getTabCapture(tabId)) return { ok: true };
  let streamId: string;
  try {
    streamId = await browser.tabCapture.getMediaStreamId({ targetTabId: tabId });
  } catch (error) {
    return { ok: false, message: t('live.captureRefused', [String(error)]) };
  }
  const channel = tabAudioChannelName(crypto.randomUUID());
  await ensureOffscreenDocument();
  await sendMessage('offscreen.startTabCapture', { streamId, tabId, channel });
  await sessionStore.setTabCapture(tabId, { channel });
  try {
    await sendMessage('content.tabCaptureChanged', { channel }, tabId);
  } catch {
    await stopTabCapture(tabId);
    return { ok: false, message: t('live.notMeetingPage') };
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

/**
 * The offscreen document is gone while tabs still count on it (it crashed, or was closed from
 * outside): their capture ends cleanly, and each page goes back to its own audio and, where that
 * hears nothing (Zoom), says how to start listening to the tab again. Called when its port ends and
 * at every start of the worker.
 */
export async function offscreenDocumentGone(): Promise<void> {
  const tabs = await sessionStore.capturedTabs();
  if (tabs.length === 0 || (await offscreenDocumentExists())) return;
  for (const tabId of tabs) {
    await sessionStore.removeTabCapture(tabId);
    await sendMessage('content.tabCaptureChanged', null, tabId).catch(() => {}); // the tab may be gone
  }
}

async function offscreenDocumentExists(): Promise<boolean> {
  const existing = await browser.runtime.getContexts({
    contextTypes: [browser.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [browser.runtime.getURL(`/${OFFSCREEN_URL}`)],
  });
  return existing.length > 0;
}

async function ensureOffscreenDocument(): Promise<void> {
  if (await offscreenDocumentExists()) return;
  await browser.offscreen.createDocument({
    url: OFFSCREEN_URL,
    reasons: [browser.offscreen.Reason.USER_MEDIA],
    justification: 'Hear the meeting tab’s audio (tab capture) for on-device listening coaching.',
  });
}
