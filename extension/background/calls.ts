// Call records from the content scripts into IndexedDB: created when a call starts, saved as it
// goes (every few seconds), closed at the end, and recovered from the last save when the tab or
// the browser died first.
import { buildCallRecord, type CallHeader } from '../../lib/record/call-record';
import type { CheckIn } from '../../lib/record/types';
import { getCall, listCallSummariesSince, putCall } from '../db';
import type { CallProgress } from '../messages';
import { sessionStore } from './session-store';

/** A closing tab usually sends its final save as it goes: give it this long to land. */
const RECOVERY_GRACE_MS = 2000;

export async function startCall(tabId: number, header: CallHeader): Promise<string> {
  const callId = crypto.randomUUID();
  // A tab capture already running for this tab decides the mode, whatever the page knew.
  const captureMode = (await sessionStore.getTabCapture(tabId)) ? 'tab' : header.captureMode;
  await sessionStore.setLiveCall({ callId, tabId, header: { ...header, captureMode } });
  return callId;
}

export async function saveProgress(tabId: number, progress: CallProgress & { final: boolean }): Promise<void> {
  const live = await sessionStore.getLiveCall(progress.callId);
  if (!live || live.tabId !== tabId) return; // not this tab's call, or already closed
  const previous = await getCall(progress.callId);
  // A final save may still replace a recovery; nothing replaces a cleanly ended record.
  if (previous?.status === 'ended' || (previous?.status === 'recovered' && !progress.final)) return;
  const { callId, final, ...update } = progress;
  await putCall(buildCallRecord({ id: callId, header: live.header, update, status: final ? 'ended' : 'live', previous }));
  if (final) await sessionStore.removeLiveCall(callId);
}

/** Tab capture began mid-call: the record says so. */
export async function markTabCapture(tabId: number): Promise<void> {
  for (const call of await sessionStore.liveCallsOfTab(tabId)) {
    await sessionStore.setLiveCall({ ...call, header: { ...call.header, captureMode: 'tab' } });
  }
}

/** The tab closed or crashed: calls it left open keep their last save, marked 'recovered'. */
export async function closeCallsOfTab(tabId: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, RECOVERY_GRACE_MS));
  for (const call of await sessionStore.liveCallsOfTab(tabId)) {
    await markRecovered(call.callId);
    await sessionStore.removeLiveCall(call.callId);
  }
}

/** After a browser or extension restart no content script of before is alive: every record still
 *  'live' is an orphan. */
export async function recoverOrphanedCalls(): Promise<void> {
  const live = (await listCallSummariesSince(0)).filter((summary) => summary.status === 'live');
  for (const summary of live) await markRecovered(summary.id);
}

async function markRecovered(callId: string): Promise<void> {
  const record = await getCall(callId);
  if (record?.status === 'live') await putCall({ ...record, status: 'recovered' });
}

export async function saveCheckIn(callId: string, checkIn: CheckIn): Promise<void> {
  const record = await getCall(callId);
  if (record) await putCall({ ...record, checkIn });
}
