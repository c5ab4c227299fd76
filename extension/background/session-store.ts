// The background's working state, in chrome.storage.session: an MV3 service worker may stop at any
// moment, so nothing lives only in its memory. Session storage survives worker restarts (not browser
// restarts: the records in IndexedDB carry what must outlive those) and is closed to content scripts.
import { storage } from 'wxt/utils/storage';
import type { TabStatus } from '../messages';
import type { CallHeader } from '../../lib/record/call-record';

/** A call being saved as it goes. */
export interface LiveCall {
  callId: string;
  tabId: number;
  header: CallHeader;
  /** Set when the call ended cleanly: it may still be resumed by a rejoin (calls.ts). */
  closedAtMs?: number;
  /** The last save did not fit on the disk (the record holds the save before). */
  storageFull?: boolean;
}

export interface TabCapture {
  /** BroadcastChannel name the offscreen document publishes this tab's audio on. */
  channel: string;
}

const liveCallKey = (callId: string) => `session:call:${callId}` as const;
const tabStatusKey = (tabId: number) => `session:tabStatus:${tabId}` as const;
const tabCaptureKey = (tabId: number) => `session:tabCapture:${tabId}` as const;
const frameTokenKey = (tabId: number) => `session:frameToken:${tabId}` as const;
/** Token requests in flight: the content script and its frame ask at the same moment. */
const frameTokens = new Map<number, Promise<string>>();

export const sessionStore = {
  getLiveCall: (callId: string) => storage.getItem<LiveCall>(liveCallKey(callId)),
  setLiveCall: (call: LiveCall) => storage.setItem(liveCallKey(call.callId), call),
  removeLiveCall: (callId: string) => storage.removeItem(liveCallKey(callId)),
  async liveCallsOfTab(tabId: number): Promise<LiveCall[]> {
    return (await sessionStore.allLiveCalls()).filter((call) => call.tabId === tabId);
  },
  async allLiveCalls(): Promise<LiveCall[]> {
    const all = await storage.snapshot('session');
    return Object.entries(all)
      .filter(([key]) => key.startsWith('call:'))
      .map(([, value]) => value as LiveCall);
  },

  getTabStatus: (tabId: number) => storage.getItem<TabStatus>(tabStatusKey(tabId)),
  setTabStatus: (tabId: number, status: TabStatus) => storage.setItem(tabStatusKey(tabId), status),
  removeTabStatus: (tabId: number) => storage.removeItem(tabStatusKey(tabId)),

  /** This tab's extension-frame secret, made on first request. */
  frameToken(tabId: number): Promise<string> {
    let token = frameTokens.get(tabId);
    if (!token) {
      token = (async () => {
        const stored = await storage.getItem<string>(frameTokenKey(tabId));
        if (stored) return stored;
        const fresh = crypto.randomUUID();
        await storage.setItem(frameTokenKey(tabId), fresh);
        return fresh;
      })().finally(() => frameTokens.delete(tabId));
      frameTokens.set(tabId, token);
    }
    return token;
  },
  removeFrameToken: (tabId: number) => storage.removeItem(frameTokenKey(tabId)),

  getTabCapture: (tabId: number) => storage.getItem<TabCapture>(tabCaptureKey(tabId)),
  setTabCapture: (tabId: number, capture: TabCapture) => storage.setItem(tabCaptureKey(tabId), capture),
  removeTabCapture: (tabId: number) => storage.removeItem(tabCaptureKey(tabId)),
  async capturedTabCount(): Promise<number> {
    return (await sessionStore.capturedTabs()).length;
  },
  async capturedTabs(): Promise<number[]> {
    const all = await storage.snapshot('session');
    return Object.keys(all)
      .filter((key) => key.startsWith('tabCapture:'))
      .map((key) => Number(key.slice('tabCapture:'.length)));
  },
};
