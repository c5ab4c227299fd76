/// <reference types="chrome" />
// The background's call store and sender checks, on WXT's fake browser and fake-indexeddb.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_HEADER, callProgress } from '../fixtures/records';

type Calls = typeof import('../../extension/background/calls');
type Db = typeof import('../../extension/db');
let calls: Calls;
let db: Db;

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules(); // extension/db.ts caches its connection
  db = await import('../../extension/db');
  calls = await import('../../extension/background/calls');
});

describe('call records in the background', () => {
  it('creates the record at the first save, keeps it live, and closes it at the final save', async () => {
    const id = await calls.startCall(7, CALL_HEADER);
    await calls.saveProgress(7, callProgress(id, 5, false));
    expect(await db.getCall(id)).toMatchObject({ status: 'live', durationSec: 5, title: 'Weekly', participants: 2 });
    await calls.saveProgress(7, callProgress(id, 9, true));
    expect(await db.getCall(id)).toMatchObject({ status: 'ended', durationSec: 9, meetingKind: 'one-on-one' });
  });

  it('ignores saves from another tab and saves after the end', async () => {
    const id = await calls.startCall(7, CALL_HEADER);
    await calls.saveProgress(8, callProgress(id, 5, false));
    expect(await db.getCall(id)).toBeUndefined();
    await calls.saveProgress(7, callProgress(id, 9, true));
    await calls.saveProgress(7, callProgress(id, 12, false));
    expect(await db.getCall(id)).toMatchObject({ status: 'ended', durationSec: 9 });
  });

  it('recovers the call of a closed tab from its last save', async () => {
    const id = await calls.startCall(7, CALL_HEADER);
    await calls.saveProgress(7, callProgress(id, 5, false));
    await calls.closeCallsOfTab(7);
    expect(await db.getCall(id)).toMatchObject({ status: 'recovered', durationSec: 5 });
  });

  it('marks every live record recovered after a restart', async () => {
    const id = await calls.startCall(7, CALL_HEADER);
    await calls.saveProgress(7, callProgress(id, 5, false));
    await calls.recoverOrphanedCalls();
    expect((await db.getCall(id))?.status).toBe('recovered');
  });

  it('records tab capture when it starts mid-call', async () => {
    const id = await calls.startCall(7, CALL_HEADER);
    await calls.markTabCapture(7);
    await calls.saveProgress(7, callProgress(id, 5, true));
    expect((await db.getCall(id))?.captureMode).toBe('tab');
  });
});

describe('sender checks', () => {
  it('tells extension pages from content scripts, and refuses anything else', async () => {
    const { contentScriptTab, isExtensionPage } = await import('../../extension/sender');
    const id = browser.runtime.id;
    const page = { id, url: browser.runtime.getURL('/popup.html') };
    const content = { id, url: 'https://meet.google.com/abc-defg-hij', frameId: 0, tab: { id: 4 } as chrome.tabs.Tab };
    expect(isExtensionPage(page)).toBe(true);
    expect(contentScriptTab(page)).toBeNull();
    expect(contentScriptTab(content)).toBe(4);
    expect(isExtensionPage(content)).toBe(false);
    expect(contentScriptTab({ ...content, frameId: 3 })).toBeNull(); // not the top frame
    expect(contentScriptTab({ ...content, id: 'another-extension' })).toBeNull();
    expect(isExtensionPage({ ...page, id: 'another-extension' })).toBe(false);
    expect(contentScriptTab({ ...content, url: 'http://meet.google.com/' })).toBeNull();
  });
});
