/// <reference types="chrome" />
// The background under faults, on WXT's fake browser and fake-indexeddb, driven through its real
// message and port listeners: forged senders are refused; a meeting page that dies without a word
// (renderer crash) has its call recovered; a rejoin continues the record; a full disk is told to the
// page and keeps the last save; calls of tabs that went while the worker was stopped are recovered
// at its next start; an update puts the coach back into open meeting tabs; a dead offscreen
// document ends tab capture cleanly.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MEETING_MATCHES } from '../../lib/sites/hosts';
import { CALL_HEADER, callProgress } from '../fixtures/records';

type Db = typeof import('../../extension/db');
type Calls = typeof import('../../extension/background/calls');
type Store = typeof import('../../extension/background/session-store');
let db: Db;
let calls: Calls;
let store: Store['sessionStore'];

const EXTENSION = `chrome-extension://${fakeBrowser.runtime.id}`;
const MEET = 'https://meet.google.com/abc-defg-hij';

/** A fake event with the trigger the fake browser lacks for these APIs. */
function fakeEvent<T extends (...args: never[]) => unknown>() {
  const listeners = new Set<T>();
  return {
    addListener: (l: T) => void listeners.add(l),
    removeListener: (l: T) => void listeners.delete(l),
    hasListener: (l: T) => listeners.has(l),
    trigger: (...args: Parameters<T>) => [...listeners].map((l) => l(...args)),
  };
}

type Port = {
  name: string;
  sender: chrome.runtime.MessageSender;
  disconnect: () => void;
  onDisconnect: ReturnType<typeof fakeEvent>;
};
let onConnect: ReturnType<typeof fakeEvent<(port: Port) => void>>;
let tabMessages: { tabId: number; type: string; data: unknown }[];
let openTabs: Map<number, string>;
let executed: { tabId: number; world?: string; files: string[]; allFrames?: boolean }[];
/** Tabs where a coach of this run already works (the manifest put it there), and tabs still loading. */
let liveCoachTabs: Set<number>;
let loadingTabs: Set<number>;
let offscreenAlive: boolean;

function makePort(name: string, sender: chrome.runtime.MessageSender): Port & { disconnected: boolean } {
  const port = {
    name,
    sender,
    disconnected: false,
    onDisconnect: fakeEvent<() => void>(),
    disconnect: () => void (port.disconnected = true),
  };
  return port;
}

beforeEach(async () => {
  vi.useRealTimers();
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  tabMessages = [];
  openTabs = new Map([[7, MEET]]);
  executed = [];
  liveCoachTabs = new Set();
  loadingTabs = new Set();
  offscreenAlive = false;
  type Api = Record<string, unknown>;
  const b = fakeBrowser as unknown as Record<string, Api> & { runtime: Api; tabs: Api };
  onConnect = fakeEvent();
  b.runtime.onConnect = onConnect;
  b.commands = { onCommand: fakeEvent() };
  b.permissions = { onAdded: fakeEvent(), onRemoved: fakeEvent(), contains: async () => false };
  b.tabs.onRemoved = fakeEvent();
  b.tabs.get = vi.fn(async (tabId: number) => {
    if (!openTabs.has(tabId)) throw new Error(`No tab with id: ${tabId}`);
    return { id: tabId, url: openTabs.get(tabId) };
  });
  b.tabs.query = vi.fn(async () =>
    [...openTabs].map(([id, url]) => ({ id, url, status: loadingTabs.has(id) ? 'loading' : 'complete' })),
  );
  // @webext-core/messaging sends to tabs with chrome.tabs.sendMessage(tabId, message, options, callback).
  b.tabs.sendMessage = vi.fn(
    (tabId: number, message: { type: string; data: unknown }, _o: unknown, reply?: (r: unknown) => void) => {
      tabMessages.push({ tabId, type: message.type, data: message.data });
      reply?.({ res: undefined });
    },
  );
  b.scripting = {
    ...b.scripting,
    getRegisteredContentScripts: async () => [],
    unregisterContentScripts: async () => {},
    registerContentScripts: async () => {},
    executeScript: vi.fn(
      async ({
        target,
        world,
        files,
        func,
      }: {
        target: { tabId: number; allFrames?: boolean };
        world?: string;
        files?: string[];
        func?: unknown;
      }) => {
        if (func) return [{ result: liveCoachTabs.has(target.tabId) }]; // the probe for a live coach
        executed.push({ tabId: target.tabId, world, files: files!, allFrames: target.allFrames });
        return [];
      },
    ),
  };
  b.runtime.getContexts = vi.fn(async () => (offscreenAlive ? [{ contextType: 'OFFSCREEN_DOCUMENT' }] : []));
  b.runtime.ContextType = { OFFSCREEN_DOCUMENT: 'OFFSCREEN_DOCUMENT' };
  b.offscreen = { closeDocument: async () => {} };

  db = await import('../../extension/db');
  calls = await import('../../extension/background/calls');
  store = (await import('../../extension/background/session-store')).sessionStore;
  const { startBackground } = await import('../../extension/background');
  startBackground();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Delivers a message to the background as Chrome would, from `sender`; resolves with its reply. */
function deliver(
  type: string,
  data: unknown,
  sender: chrome.runtime.MessageSender,
): Promise<{ res?: unknown; err?: { message: string } }> {
  return new Promise((resolve) => {
    const message = { id: Math.random(), type, data, timestamp: Date.now() };
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
    void trigger(message, sender, resolve);
  });
}

const contentScript = (tabId = 7, url = MEET): chrome.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url,
  origin: new URL(url).origin,
  frameId: 0,
  tab: { id: tabId } as chrome.tabs.Tab,
});
const extensionPage = (path = '/popup.html'): chrome.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: `${EXTENSION}${path}`,
});

async function startedCall(tabId = 7): Promise<string> {
  const reply = await deliver('background.callStarted', CALL_HEADER, contentScript(tabId));
  return (reply.res as { callId: string }).callId;
}

describe('forged senders', () => {
  const forged: [string, chrome.runtime.MessageSender][] = [
    ['another extension', { id: 'other-extension-id', url: 'chrome-extension://other-extension-id/page.html' }],
    [
      'another extension’s content script',
      { id: 'other-extension-id', url: MEET, frameId: 0, tab: { id: 7 } as chrome.tabs.Tab },
    ],
    [
      'a page of a look-alike origin',
      { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}x/popup.html` },
    ],
    ['no sender at all', {}],
  ];

  it.each(forged)('refuses every extension-page request from %s', async (_, sender) => {
    await store.setTabStatus(7, {
      state: 'listening',
      site: 'meet',
      captureMode: 'in-page',
      speechModel: 'yamnet',
      callId: null,
      live: null,
      message: null,
    });
    for (const [type, data] of [
      ['background.getTabStatus', 7],
      ['background.startTabCapture', 7],
      ['background.stopTabCapture', 7],
      ['background.setPaused', { tabId: 7, paused: true }],
      [
        'background.saveCheckIn',
        { callId: 'x', checkIn: { summarised: true, thankedSomeone: null, agreedNextSteps: null, atMs: 1 } },
      ],
    ] as const) {
      const reply = await deliver(type, data, sender);
      expect(reply.err?.message, type).toMatch(/refused a message/);
    }
    expect(tabMessages).toEqual([]); // nothing was forwarded to the meeting tab
  });

  it('refuses content-script requests from a page’s subframe, plain http, another extension or an extension page', async () => {
    for (const sender of [
      { ...contentScript(), frameId: 3 },
      contentScript(7, 'http://meet.google.com/abc'),
      { ...contentScript(), id: 'other-extension-id' },
      { ...extensionPage(), tab: { id: 7 } as chrome.tabs.Tab, frameId: 0 },
      { ...contentScript(), tab: undefined },
    ]) {
      expect((await deliver('background.callStarted', CALL_HEADER, sender)).err?.message).toMatch(/refused a message/);
      expect((await deliver('background.tabStatus', { state: 'listening' }, sender)).err?.message).toMatch(
        /refused a message/,
      );
    }
    expect(await store.allLiveCalls()).toEqual([]);
    expect(await store.getTabStatus(7)).toBeNull();
  });

  it('gives a content script nothing of another tab: its saves for another tab’s call are ignored', async () => {
    const id = await startedCall(7);
    await deliver('background.callProgress', callProgress(id, 5, false), contentScript(8));
    expect(await db.getCall(id)).toBeUndefined();
    // …and a content script cannot ask for extension-page things (status of any tab, history).
    expect((await deliver('background.getTabStatus', 7, contentScript(8))).err?.message).toMatch(/refused/);
  });

  it('refuses ports from anyone but its own content scripts and pages', () => {
    const stranger = makePort('listening-coach/meeting-page', {
      id: 'other-extension-id',
      url: MEET,
      frameId: 0,
      tab: { id: 7 } as chrome.tabs.Tab,
    });
    const unknown = makePort('something-else', contentScript());
    const fakeOffscreen = makePort('listening-coach/offscreen', contentScript());
    for (const port of [stranger, unknown, fakeOffscreen]) onConnect.trigger(port);
    expect([stranger.disconnected, unknown.disconnected, fakeOffscreen.disconnected]).toEqual([true, true, true]);
  });
});

describe('the extension frame’s secret', () => {
  const frame = (tabId: number): chrome.runtime.MessageSender => ({
    ...extensionPage('/classifier.html'),
    tab: { id: tabId } as chrome.tabs.Tab,
    frameId: 5,
  });

  it('is the same for a tab’s content script and its frame, asked at once, and differs between tabs', async () => {
    const [fromScript, fromFrame] = await Promise.all([
      deliver('background.frameToken', undefined, contentScript(7)),
      deliver('background.frameToken', undefined, frame(7)),
    ]);
    expect(fromScript.res).toMatch(/^[0-9a-f-]{36}$/);
    expect(fromFrame.res).toBe(fromScript.res);
    expect((await deliver('background.frameToken', undefined, contentScript(8))).res).not.toBe(fromScript.res);
  });

  it('is given to nobody else: another extension page, a frame outside a tab, a subframe script, another extension', async () => {
    for (const sender of [
      extensionPage('/popup.html'),
      { ...extensionPage('/classifier.html') },
      { ...contentScript(7), frameId: 2 },
      { ...frame(7), id: 'other-extension-id' },
    ]) {
      expect((await deliver('background.frameToken', undefined, sender)).err?.message).toMatch(/refused a message/);
    }
  });
});

describe('a meeting page that dies without a word', () => {
  it('has its open call recovered from the last save when its port ends (renderer crash)', async () => {
    const id = await startedCall();
    const port = makePort('listening-coach/meeting-page', contentScript());
    onConnect.trigger(port);
    await deliver('background.callProgress', callProgress(id, 5, false), contentScript());
    vi.useFakeTimers();
    port.onDisconnect.trigger();
    await vi.advanceTimersByTimeAsync(2500);
    vi.useRealTimers();
    expect(await db.getCall(id)).toMatchObject({ status: 'recovered', durationSec: 5 });
    expect(await store.allLiveCalls()).toEqual([]);
  });

  it('keeps the call when the page is back (a new script connected) before the grace ends', async () => {
    const id = await startedCall();
    const first = makePort('listening-coach/meeting-page', contentScript());
    onConnect.trigger(first);
    await deliver('background.callProgress', callProgress(id, 5, false), contentScript());
    vi.useFakeTimers();
    first.onDisconnect.trigger();
    onConnect.trigger(makePort('listening-coach/meeting-page', contentScript()));
    await vi.advanceTimersByTimeAsync(2500);
    vi.useRealTimers();
    expect((await db.getCall(id))?.status).toBe('live');
  });

  it('recovers, at the worker’s next start, the calls of tabs that went while it was stopped', async () => {
    const id = await startedCall(9);
    await deliver('background.callProgress', callProgress(id, 5, false), contentScript(9));
    openTabs.delete(9);
    await calls.recoverCallsOfMissingTabs((tabId) =>
      browser.tabs.get(tabId).then(
        () => true,
        () => false,
      ),
    );
    expect((await db.getCall(id))?.status).toBe('recovered');
  });
});

describe('leaving and rejoining the same meeting', () => {
  it('continues the same record within the window, and is refined by the exact result at the end', async () => {
    const id = await startedCall();
    await deliver('background.callProgress', callProgress(id, 5, false), contentScript());
    await deliver('background.callProgress', callProgress(id, 8, true), contentScript()); // left (network drop)
    expect(await db.getCall(id)).toMatchObject({ status: 'ended', durationSec: 8 });

    expect((await deliver('background.callResumed', { callId: id }, contentScript())).res).toBe(true);
    expect((await db.getCall(id))?.status).toBe('live');
    await deliver('background.callProgress', callProgress(id, 14, false), contentScript());
    await deliver('background.callProgress', callProgress(id, 16, true), contentScript()); // left for good
    expect(await db.getCall(id)).toMatchObject({ status: 'ended', durationSec: 16 });
    // The window passes: the content script sends its finished analysis; it replaces the record.
    await deliver('background.callProgress', callProgress(id, 16.4, true), contentScript());
    expect(await db.getCall(id)).toMatchObject({ status: 'ended', durationSec: 16.4 });
    expect(await store.allLiveCalls()).toEqual([]);
    expect(await db.countCalls()).toBe(1);
  });

  it('refuses a rejoin from another tab, after the window, or of a call still running', async () => {
    const id = await startedCall();
    await deliver('background.callProgress', callProgress(id, 5, false), contentScript());
    expect((await deliver('background.callResumed', { callId: id }, contentScript())).res).toBe(false); // still open
    await deliver('background.callProgress', callProgress(id, 6, true), contentScript());
    expect((await deliver('background.callResumed', { callId: id }, contentScript(8))).res).toBe(false);
    const live = (await store.getLiveCall(id))!;
    await store.setLiveCall({ ...live, closedAtMs: Date.now() - calls.REJOIN_WINDOW_MS - 60_000 });
    expect((await deliver('background.callResumed', { callId: id }, contentScript())).res).toBe(false);
    expect((await db.getCall(id))?.status).toBe('ended');
  });

  it('ignores a running save that lands after the end', async () => {
    const id = await startedCall();
    await deliver('background.callProgress', callProgress(id, 6, true), contentScript());
    await deliver('background.callProgress', callProgress(id, 9, false), contentScript());
    expect(await db.getCall(id)).toMatchObject({ status: 'ended', durationSec: 6 });
  });
});

describe('a full disk during a call', () => {
  it('keeps the last save that fitted, tells the page and the popup, and clears once saving works again', async () => {
    const id = await startedCall();
    await store.setTabStatus(7, {
      state: 'listening',
      site: 'meet',
      captureMode: 'in-page',
      speechModel: 'yamnet',
      callId: id,
      live: null,
      message: null,
    });
    await deliver('background.callProgress', callProgress(id, 5, false), contentScript());
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const reply = await deliver('background.callProgress', callProgress(id, 10, false), contentScript());
    expect(reply.err).toBeUndefined(); // not a crash of the save path
    expect(tabMessages).toEqual([{ tabId: 7, type: 'content.storageFull', data: true }]);
    const status = (await deliver('background.getTabStatus', 7, extensionPage())).res as { message: string };
    expect(status.message).toMatch(/disk is full/);
    put.mockRestore();
    expect(await db.getCall(id)).toMatchObject({ status: 'live', durationSec: 5 });

    await deliver('background.callProgress', callProgress(id, 15, false), contentScript());
    expect(tabMessages.at(-1)).toEqual({ tabId: 7, type: 'content.storageFull', data: false });
    expect(await db.getCall(id)).toMatchObject({ durationSec: 15 });
    expect(
      ((await deliver('background.getTabStatus', 7, extensionPage())).res as { message: string | null }).message,
    ).toBeNull();
  });
});

describe('an update or reload of the extension', () => {
  it('recovers the calls cut off, then puts the coach back into every open meeting tab', async () => {
    // A record left 'live' by the scripts of before.
    await db.putCall({ ...(await import('../fixtures/records')).makeRecord({ id: 'cut-off', status: 'live' }) });
    openTabs.set(11, 'https://teams.microsoft.com/v2/');
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update' } as never);
    await vi.waitFor(() => expect(executed).toHaveLength(4));
    expect((await db.getCall('cut-off'))?.status).toBe('recovered');
    expect(browser.tabs.query).toHaveBeenCalledWith({ url: [...MEETING_MATCHES] });
    expect(executed).toEqual([
      { tabId: 7, world: 'MAIN', files: ['content-scripts/rtc-hook.js'], allFrames: true },
      { tabId: 7, world: undefined, files: ['content-scripts/content.js'], allFrames: undefined },
      { tabId: 11, world: 'MAIN', files: ['content-scripts/rtc-hook.js'], allFrames: true },
      { tabId: 11, world: undefined, files: ['content-scripts/content.js'], allFrames: undefined },
    ]);
  });

  it('leaves alone a tab whose coach already runs, and a tab still loading (the manifest scripts it)', async () => {
    openTabs.set(11, 'https://teams.microsoft.com/v2/');
    openTabs.set(12, 'https://meet.google.com/abc-defg-hij');
    liveCoachTabs.add(7);
    loadingTabs.add(12);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(executed).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(executed.map((e) => e.tabId)).toEqual([11, 11]);
  });

  it('does not inject on a browser update (the pages restarted with their scripts)', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' } as never);
    await new Promise((r) => setTimeout(r, 50));
    expect(executed).toEqual([]);
  });
});

describe('the offscreen document dies during tab capture', () => {
  it('ends tab capture cleanly and sends the page back to its own audio', async () => {
    offscreenAlive = true;
    await store.setTabCapture(7, { channel: 'listening-coach/tab-audio/x' });
    const port = makePort('listening-coach/offscreen', extensionPage('/offscreen.html'));
    onConnect.trigger(port);
    expect(port.disconnected).toBe(false);
    port.onDisconnect.trigger(); // the worker restarting: the document is still there
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.getTabCapture(7)).not.toBeNull();

    offscreenAlive = false; // crashed
    port.onDisconnect.trigger();
    await vi.waitFor(async () => expect(await store.getTabCapture(7)).toBeNull());
    expect(tabMessages).toContainEqual({ tabId: 7, type: 'content.tabCaptureChanged', data: null });
  });
});
