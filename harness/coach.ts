// Reading what the extension shows and stores: the overlay's data attributes (through its open
// shadow root) and the call records in the extension's IndexedDB (through an extension page).
import type { Page } from 'playwright-core';
import { SESSION_CADENCE, saveIntervalSec } from '../extension/content/call-session';
import type { CallRecord } from '../lib/record/types';
import type { CoachBrowser } from './browser';

export interface OverlayReading {
  state: string;
  talkShare: number;
  interruptionsBySelf: number;
  interruptionsOfSelf: number;
  backchannelsBySelf: number;
}

export async function readOverlay(page: Page): Promise<OverlayReading | null> {
  return page.evaluate(() => {
    const root = document
      .querySelector('listening-coach-overlay')
      ?.shadowRoot?.querySelector<HTMLElement>('[data-state]');
    if (!root) return null;
    const d = root.dataset;
    return {
      state: d.state ?? '',
      talkShare: Number(d.talkShare),
      interruptionsBySelf: Number(d.interruptionsBySelf),
      interruptionsOfSelf: Number(d.interruptionsOfSelf),
      backchannelsBySelf: Number(d.backchannelsBySelf),
    };
  });
}

export async function waitForOverlayState(page: Page, state: string, timeoutMs = 20_000): Promise<OverlayReading> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reading = await readOverlay(page);
    if (reading?.state === state) return reading;
    if (Date.now() > deadline) throw new Error(`overlay state stayed ${reading?.state ?? 'absent'}, expected ${state}`);
    await page.waitForTimeout(200);
  }
}

/** An inert extension page (it acts only when a content script connects) to read the database from. */
async function extensionPage(browser: CoachBrowser): Promise<Page> {
  const url = `chrome-extension://${browser.extensionId}/classifier.html`;
  const open = browser.context.pages().find((p) => p.url() === url && !p.isClosed());
  if (open) return open;
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

/** The ids of the calls stored so far: a test's new call is the one not among them. */
export async function knownCallIds(browser: CoachBrowser): Promise<Set<string>> {
  return new Set((await readCalls(browser)).map((c) => c.id));
}

export async function readCalls(browser: CoachBrowser): Promise<CallRecord[]> {
  const page = await extensionPage(browser);
  return page.evaluate(
    () =>
      new Promise<CallRecord[]>((resolve, reject) => {
        // Reading must never create the database: an empty one made here (before the extension
        // first opened it) left the extension's own opening blocked, then upgrading from a version
        // with no stores, and no call was stored for the rest of the run.
        const open = indexedDB.open('listening-coach');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          // A newer version (the extension's upgrade) goes first.
          db.onversionchange = () => db.close();
          if (!db.objectStoreNames.contains('calls')) {
            db.close();
            return resolve([]);
          }
          const all = db.transaction('calls').objectStore('calls').getAll();
          all.onsuccess = () => {
            resolve(all.result as CallRecord[]);
            db.close();
          };
          all.onerror = () => {
            reject(all.error);
            db.close();
          };
        };
      }),
  );
}

export async function waitForCall(
  browser: CoachBrowser,
  matches: (call: CallRecord) => boolean,
  timeoutMs = 20_000,
): Promise<CallRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // An extension reload closes the page it reads through: the next round opens another.
    const call = (await readCalls(browser).catch(() => [])).find(matches);
    if (call) return call;
    if (Date.now() > deadline) throw new Error('no matching call record was stored');
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** How much of a call its record must keep when the page went away at `goneAtMs` (tab closed or
 *  crashed, the extension reloaded): all but the last save interval, less the wait for the live
 *  report a save starts on and up to a second for a busy page and the save's way to the disk. */
export function keptAtLeast(call: CallRecord, goneAtMs: number): { callSec: number; keptAtLeastSec: number } {
  const callSec = (goneAtMs - call.startedAtMs) / 1000;
  return { callSec, keptAtLeastSec: callSec - saveIntervalSec(callSec) - SESSION_CADENCE.liveQuietSec - 1 };
}
