// Call records from the content scripts into IndexedDB: created when a call starts, saved as it
// goes (every few seconds), closed at the end, continued when the person rejoins the same meeting
// within REJOIN_WINDOW_MS, and recovered from the last save when the tab, its renderer or the
// browser died first.
import { buildCallRecord, type CallHeader } from '../../lib/record/call-record';
import type { CheckIn } from '../../lib/record/types';
import { rememberedKind } from '../../lib/record/meeting-kinds';
import { getCall, isStorageFull, listCallSummariesSince, putCall } from '../db';
import { REJOIN_WINDOW_MS } from '../../lib/call/lifecycle';
import { meetingKindsItem } from '../meeting-kinds';
import type { CallProgress } from '../messages';
import { showRecap, withdrawRecap } from './recap';
import { sessionStore, type LiveCall } from './session-store';

/** A closing tab usually sends its final save as it goes: give it this long to land. */
const RECOVERY_GRACE_MS = 2000;

/** The rejoin window (lib/call/lifecycle.ts), plus a little for the content script's message to land. */
const REJOIN_SLACK_MS = 30_000;
export { REJOIN_WINDOW_MS };

export type SaveOutcome = 'saved' | 'ignored' | 'storage-full';

export async function startCall(tabId: number, header: CallHeader): Promise<string> {
  const callId = crypto.randomUUID();
  // A tab capture already running for this tab decides the mode, whatever the page knew.
  const captureMode = (await sessionStore.getTabCapture(tabId)) ? 'tab' : header.captureMode;
  await sessionStore.setLiveCall({ callId, tabId, header: { ...header, captureMode } });
  await forgetExpiredClosedCalls();
  return callId;
}

/**
 * One save of a running call, or its final save. A final save closes the record ('ended') but keeps
 * the call resumable for the rejoin window; a second final save for a closed call (the content
 * script's exact result once the window passed) refines the record and forgets the call.
 */
export async function saveProgress(tabId: number, progress: CallProgress & { final: boolean }): Promise<SaveOutcome> {
  const live = await sessionStore.getLiveCall(progress.callId);
  if (!live || live.tabId !== tabId) return 'ignored'; // not this tab's call, or long closed
  if (live.closedAtMs !== undefined && !progress.final) return 'ignored'; // a save that lost the race with the end
  const previous = await getCall(progress.callId);
  // A final save may still replace a recovery; a running save never does.
  if (previous?.status === 'recovered' && !progress.final) return 'ignored';
  const { callId, final, ...update } = progress;
  const kinds = await meetingKindsItem.getValue();
  const record = buildCallRecord({
    id: callId,
    header: live.header,
    update,
    status: final ? 'ended' : 'live',
    previous,
    rememberedKind: (title) => rememberedKind(kinds, title),
  });
  try {
    await putCall(record);
  } catch (error) {
    if (!isStorageFull(error)) throw error;
    // Nothing of this save was written: the last save that fitted stays as it was.
    if (!live.storageFull) await sessionStore.setLiveCall({ ...live, storageFull: true });
    return 'storage-full';
  }
  if (live.closedAtMs !== undefined) await sessionStore.removeLiveCall(callId);
  else if (final) {
    await sessionStore.setLiveCall({ ...live, closedAtMs: Date.now(), storageFull: false });
    void showRecap(record);
  } else if (live.storageFull) await sessionStore.setLiveCall({ ...live, storageFull: false });
  return 'saved';
}

/** The person joined the same meeting again in the same tab: the closed call goes on. */
export async function resumeCall(tabId: number, callId: string): Promise<boolean> {
  const live = await sessionStore.getLiveCall(callId);
  if (!live || live.tabId !== tabId || live.closedAtMs === undefined) return false;
  if (Date.now() - live.closedAtMs > REJOIN_WINDOW_MS + REJOIN_SLACK_MS) return false;
  const record = await getCall(callId);
  if (!record) return false;
  const { closedAtMs: _closed, ...open } = live;
  await sessionStore.setLiveCall(open);
  await putCall({ ...record, status: 'live' });
  void withdrawRecap(callId);
  return true;
}

/** Tab capture began mid-call: the record says so. */
export async function markTabCapture(tabId: number): Promise<void> {
  for (const call of await sessionStore.liveCallsOfTab(tabId)) {
    if (call.closedAtMs === undefined)
      await sessionStore.setLiveCall({ ...call, header: { ...call.header, captureMode: 'tab' } });
  }
}

/**
 * The tab closed, crashed or navigated away: calls it left open keep their last save, marked
 * 'recovered'. `stillThere` is asked after the grace period: a tab whose page is back (a new
 * connection from its content script) keeps its calls.
 */
export async function closeCallsOfTab(tabId: number, stillThere: () => boolean = () => false): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, RECOVERY_GRACE_MS));
  if (stillThere()) return;
  for (const call of await sessionStore.liveCallsOfTab(tabId)) {
    if (call.closedAtMs === undefined) await markRecovered(call.callId);
    await sessionStore.removeLiveCall(call.callId);
  }
}

/** At every start of the service worker: calls of tabs that no longer exist are closed now (their
 *  tab went while the worker was stopped, so no event told it). */
export async function recoverCallsOfMissingTabs(tabExists: (tabId: number) => Promise<boolean>): Promise<void> {
  for (const call of await sessionStore.allLiveCalls()) {
    if (await tabExists(call.tabId)) continue;
    if (call.closedAtMs === undefined) await markRecovered(call.callId);
    await sessionStore.removeLiveCall(call.callId);
  }
}

/** After a browser or extension restart no content script of before is alive: every record still
 *  'live' is an orphan. */
export async function recoverOrphanedCalls(): Promise<void> {
  const live = (await listCallSummariesSince(0)).filter((summary) => summary.status === 'live');
  for (const summary of live) {
    await markRecovered(summary.id);
    await sessionStore.removeLiveCall(summary.id);
  }
}

/** Whether the call of this tab could not be saved for lack of space (shown in the popup). */
export async function storageFullInTab(tabId: number): Promise<boolean> {
  return (await sessionStore.liveCallsOfTab(tabId)).some((call: LiveCall) => call.storageFull === true);
}

async function markRecovered(callId: string): Promise<void> {
  const record = await getCall(callId);
  if (record?.status === 'live') await putCall({ ...record, status: 'recovered' }).catch(() => {});
}

async function forgetExpiredClosedCalls(): Promise<void> {
  const now = Date.now();
  for (const call of await sessionStore.allLiveCalls()) {
    if (call.closedAtMs !== undefined && now - call.closedAtMs > REJOIN_WINDOW_MS + REJOIN_SLACK_MS) {
      await sessionStore.removeLiveCall(call.callId);
    }
  }
}

export async function saveCheckIn(callId: string, checkIn: CheckIn): Promise<void> {
  const record = await getCall(callId);
  if (record) await putCall({ ...record, checkIn });
}
