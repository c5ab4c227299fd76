// Call records in IndexedDB, in the extension's origin (background, popup, options; never a
// content script, whose IndexedDB would belong to the meeting site).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { summarizeCall, type CallSummary } from '../lib/record/summary';
import type { CallRecord } from '../lib/record/types';

export const DB_NAME = 'listening-coach';
/** IndexedDB schema version: stores and indexes. Record shape versions are CALL_RECORD_VERSION. */
export const DB_VERSION = 2;

export interface CoachDb extends DBSchema {
  calls: {
    key: string;
    value: CallRecord;
    indexes: { byStart: number };
  };
  /**
   * The same calls without their timelines (lib/record/summary.ts), written in the same
   * transaction as `calls`: history and trends read these, so the popup stays fast with
   * thousands of calls. Indexed by [startedAtMs, id] so pages of history never skip a tie.
   */
  summaries: {
    key: string;
    value: CallSummary;
    indexes: { byStart: [number, string] };
  };
}

/** A position in the history list: the last summary of the previous page. */
export type HistoryCursor = [startedAtMs: number, id: string];

let opening: Promise<IDBPDatabase<CoachDb>> | null = null;

export function openCoachDb(): Promise<IDBPDatabase<CoachDb>> {
  opening ??= openDB<CoachDb>(DB_NAME, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      // One step per version, applied in order, so every earlier version upgrades with data kept.
      if (oldVersion < 1) {
        const calls = db.createObjectStore('calls', { keyPath: 'id' });
        calls.createIndex('byStart', 'startedAtMs');
      }
      if (oldVersion < 2) {
        const summaries = db.createObjectStore('summaries', { keyPath: 'id' });
        summaries.createIndex('byStart', ['startedAtMs', 'id']);
        for (let cursor = await tx.objectStore('calls').openCursor(); cursor; cursor = await cursor.continue()) {
          await summaries.put(summarizeCall(cursor.value));
        }
      }
    },
    blocking() {
      // A newer version wants to open (extension updated): let it.
      void opening?.then((db) => db.close());
      opening = null;
    },
  });
  return opening;
}

export async function putCall(record: CallRecord): Promise<void> {
  await putCalls([record]);
}

/** Many calls in one transaction (import): all are stored, or none. */
export async function putCalls(records: readonly CallRecord[]): Promise<void> {
  const db = await openCoachDb();
  const tx = db.transaction(['calls', 'summaries'], 'readwrite');
  const calls = tx.objectStore('calls');
  const summaries = tx.objectStore('summaries');
  for (const record of records) {
    void calls.put(record);
    void summaries.put(summarizeCall(record));
  }
  await tx.done;
}

export async function getCall(id: string): Promise<CallRecord | undefined> {
  const db = await openCoachDb();
  return db.get('calls', id);
}

/** Newest first. */
export async function listCalls(limit = Infinity): Promise<CallRecord[]> {
  const db = await openCoachDb();
  const out: CallRecord[] = [];
  let cursor = await db.transaction('calls').store.index('byStart').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/**
 * Changes one stored call in a single transaction, both stores together; returns the new record,
 * or undefined when the call is gone. For ended calls (a live call is re-saved by the background).
 */
export async function updateCall(
  id: string,
  change: (record: CallRecord) => CallRecord,
): Promise<CallRecord | undefined> {
  const db = await openCoachDb();
  const tx = db.transaction(['calls', 'summaries'], 'readwrite');
  const stored = await tx.objectStore('calls').get(id);
  if (!stored) {
    await tx.done;
    return undefined;
  }
  const updated = change(stored);
  void tx.objectStore('calls').put(updated);
  void tx.objectStore('summaries').put(summarizeCall(updated));
  await tx.done;
  return updated;
}

/** The newest call with its timeline, without reading any other. */
export async function getLatestCall(): Promise<CallRecord | undefined> {
  const db = await openCoachDb();
  const cursor = await db.transaction('calls').store.index('byStart').openCursor(null, 'prev');
  return cursor?.value;
}

/** A page of history, newest first, starting after `after` (the last item of the previous page). */
export async function listCallSummaries(limit: number, after?: HistoryCursor): Promise<CallSummary[]> {
  const db = await openCoachDb();
  const range = after ? IDBKeyRange.upperBound(after, true) : null;
  const out: CallSummary[] = [];
  let cursor = await db.transaction('summaries').store.index('byStart').openCursor(range, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/** Summaries of every call that started at or after `sinceMs`, oldest first (trends). */
export async function listCallSummariesSince(sinceMs: number): Promise<CallSummary[]> {
  const db = await openCoachDb();
  // [sinceMs] sorts before every [sinceMs, id]: arrays compare element by element, shorter first.
  return db.getAllFromIndex('summaries', 'byStart', IDBKeyRange.lowerBound([sinceMs]));
}

export async function countCalls(): Promise<number> {
  const db = await openCoachDb();
  return db.count('summaries');
}

export async function deleteCall(id: string): Promise<void> {
  const db = await openCoachDb();
  const tx = db.transaction(['calls', 'summaries'], 'readwrite');
  void tx.objectStore('calls').delete(id);
  void tx.objectStore('summaries').delete(id);
  await tx.done;
}

/** Retention: removes calls that started before `cutoffMs`; returns how many went. */
export async function deleteCallsStartedBefore(cutoffMs: number): Promise<number> {
  const db = await openCoachDb();
  const tx = db.transaction(['calls', 'summaries'], 'readwrite');
  const summaries = tx.objectStore('summaries');
  const calls = tx.objectStore('calls');
  let removed = 0;
  let cursor = await summaries.index('byStart').openCursor(IDBKeyRange.upperBound([cutoffMs]));
  while (cursor) {
    void calls.delete(cursor.primaryKey);
    void cursor.delete();
    removed++;
    cursor = await cursor.continue();
  }
  await tx.done;
  return removed;
}

export async function deleteAllCalls(): Promise<void> {
  const db = await openCoachDb();
  const tx = db.transaction(['calls', 'summaries'], 'readwrite');
  void tx.objectStore('calls').clear();
  void tx.objectStore('summaries').clear();
  await tx.done;
}
