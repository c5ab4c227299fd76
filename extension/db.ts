// Call records in IndexedDB, in the extension's origin (background, popup, options; never a
// content script, whose IndexedDB would belong to the meeting site).
//
// Every value read back is migrated and validated (lib/record/validate.ts) before anyone sees it: a
// damaged or partial record, or one from a newer version, is skipped, logged and reported
// (`onDamagedCalls`, `findDamagedCalls`), never shown half-read and never fatal to the popup.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { summarizeCall, type CallSummary } from '../lib/record/summary';
import type { CallRecord } from '../lib/record/types';
import { validateCallRecord, validateCallSummary, type Validated } from '../lib/record/validate';

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

/** A stored call that could not be read: its key and why. */
export interface DamagedCall {
  id: string;
  reason: string;
}

const damagedSeen = new Map<string, string>();
const damageListeners = new Set<(damaged: DamagedCall[]) => void>();

/** The damaged calls reads have skipped so far in this page, oldest report first. */
export function damagedCallsSeen(): DamagedCall[] {
  return [...damagedSeen].map(([id, reason]) => ({ id, reason }));
}

/** Called with every damaged call skipped so far, each time a read skips a new one. */
export function onDamagedCalls(listener: (damaged: DamagedCall[]) => void): () => void {
  damageListeners.add(listener);
  return () => damageListeners.delete(listener);
}

function reportDamaged(key: IDBValidKey, reason: string): void {
  const id = String(key);
  if (damagedSeen.get(id) === reason) return;
  damagedSeen.set(id, reason);
  console.warn(`[listening-coach] skipped the stored call ${id}: ${reason}`);
  const all = damagedCallsSeen();
  for (const listener of damageListeners) listener(all);
}

/** The value if it reads as a current record (migrated if older), else undefined and a report. */
function readable<T>(key: IDBValidKey, result: Validated<T>): T | undefined {
  if (result.ok) return result.value;
  reportDamaged(key, result.error);
  return undefined;
}

const readRecord = (key: IDBValidKey, value: unknown) => readable(key, validateCallRecord(value));
const readSummary = (key: IDBValidKey, value: unknown) => readable(key, validateCallSummary(value));

/** The browser refused to store more (disk or profile quota full): nothing of that write was kept. */
export function isStorageFull(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || (error instanceof Error && isStorageFull(error.cause));
}

let opening: Promise<IDBPDatabase<CoachDb>> | null = null;

export function openCoachDb(): Promise<IDBPDatabase<CoachDb>> {
  if (opening) return opening;
  const attempt = openDB<CoachDb>(DB_NAME, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      // One step per version, applied in order, so every earlier version upgrades with data kept.
      // A store missing is made whatever the old version says: a database created empty by another
      // page of this origin (a version-1 database with no stores) must still open.
      if (oldVersion < 1 || !db.objectStoreNames.contains('calls')) {
        const calls = db.createObjectStore('calls', { keyPath: 'id' });
        calls.createIndex('byStart', 'startedAtMs');
      }
      if (oldVersion < 2 || !db.objectStoreNames.contains('summaries')) {
        const summaries = db.createObjectStore('summaries', { keyPath: 'id' });
        summaries.createIndex('byStart', ['startedAtMs', 'id']);
        for (let cursor = await tx.objectStore('calls').openCursor(); cursor; cursor = await cursor.continue()) {
          // A damaged value must not abort the upgrade (the database would never open again): it
          // gets no summary, and findDamagedCalls reports it.
          const value: unknown = cursor.value;
          const keyed =
            typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
          if (keyed) await summaries.put(summarizeCall(cursor.value));
        }
      }
    },
    blocking() {
      // A newer version wants to open (extension updated): let it.
      void opening?.then((db) => db.close());
      opening = null;
    },
  });
  opening = attempt;
  // An opening that failed is tried again by the next caller, not handed to every later write.
  attempt.catch(() => {
    if (opening === attempt) opening = null;
  });
  return attempt;
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
  const value = await db.get('calls', id);
  return value === undefined ? undefined : readRecord(id, value);
}

/** Newest first; damaged records are left out. */
export async function listCalls(limit = Infinity): Promise<CallRecord[]> {
  const db = await openCoachDb();
  const out: CallRecord[] = [];
  let cursor = await db.transaction('calls').store.index('byStart').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    const record = readRecord(cursor.primaryKey, cursor.value);
    if (record) out.push(record);
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
  const raw = await tx.objectStore('calls').get(id);
  const stored = raw === undefined ? undefined : readRecord(id, raw);
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

/** The newest readable call with its timeline, without reading any older one. */
export async function getLatestCall(): Promise<CallRecord | undefined> {
  const db = await openCoachDb();
  for (
    let cursor = await db.transaction('calls').store.index('byStart').openCursor(null, 'prev');
    cursor;
    cursor = await cursor.continue()
  ) {
    const record = readRecord(cursor.primaryKey, cursor.value);
    if (record) return record;
  }
  return undefined;
}

/** A page of history, newest first, starting after `after` (the last item of the previous page). */
export async function listCallSummaries(limit: number, after?: HistoryCursor): Promise<CallSummary[]> {
  const db = await openCoachDb();
  const range = after ? IDBKeyRange.upperBound(after, true) : null;
  const out: CallSummary[] = [];
  let cursor = await db.transaction('summaries').store.index('byStart').openCursor(range, 'prev');
  while (cursor && out.length < limit) {
    const summary = readSummary(cursor.primaryKey, cursor.value);
    if (summary) out.push(summary);
    cursor = await cursor.continue();
  }
  return out;
}

/** Summaries of every readable call that started at or after `sinceMs`, oldest first (trends). */
export async function listCallSummariesSince(sinceMs: number): Promise<CallSummary[]> {
  const db = await openCoachDb();
  // [sinceMs] sorts before every [sinceMs, id]: arrays compare element by element, shorter first.
  const values: unknown[] = await db.getAllFromIndex('summaries', 'byStart', IDBKeyRange.lowerBound([sinceMs]));
  const out: CallSummary[] = [];
  for (const value of values) {
    const key = (value as { id?: unknown } | null)?.id;
    const summary = readSummary(typeof key === 'string' ? key : '(no id)', value);
    if (summary) out.push(summary);
  }
  return out;
}

/**
 * Every stored call that cannot be shown: a summary that does not read, or a call whose record or
 * summary is missing (the two are written together, so one alone means damage). Reads keys and
 * summaries only, so it stays quick with thousands of calls; a record whose timeline alone is
 * damaged is found when it is opened (`onDamagedCalls`).
 */
export async function findDamagedCalls(): Promise<DamagedCall[]> {
  const db = await openCoachDb();
  const tx = db.transaction(['calls', 'summaries']);
  const [callKeys, summaryKeys] = await Promise.all([
    tx.objectStore('calls').getAllKeys(),
    tx.objectStore('summaries').getAllKeys(),
  ]);
  const out = new Map<string, string>();
  const inCalls = new Set(callKeys);
  const inSummaries = new Set(summaryKeys);
  for (const key of callKeys) if (!inSummaries.has(key)) out.set(key, 'its summary is missing');
  for (const key of summaryKeys) if (!inCalls.has(key)) out.set(key, 'its record is missing');
  for (let cursor = await tx.objectStore('summaries').openCursor(); cursor; cursor = await cursor.continue()) {
    const result = validateCallSummary(cursor.value);
    if (!result.ok) out.set(cursor.key, result.error);
  }
  await tx.done;
  for (const [id, reason] of out) reportDamaged(id, reason);
  return [...out].map(([id, reason]) => ({ id, reason }));
}

export async function countCalls(): Promise<number> {
  const db = await openCoachDb();
  return db.count('summaries');
}

export async function deleteCall(id: string): Promise<void> {
  await deleteCalls([id]);
}

/** Removes calls by id from both stores (damaged ones too: whatever is left of them). */
export async function deleteCalls(ids: readonly string[]): Promise<void> {
  const db = await openCoachDb();
  const tx = db.transaction(['calls', 'summaries'], 'readwrite');
  for (const id of ids) {
    void tx.objectStore('calls').delete(id);
    void tx.objectStore('summaries').delete(id);
    damagedSeen.delete(id);
  }
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
