// Call records in IndexedDB, in the extension's origin (background, popup, options; never a
// content script, whose IndexedDB would belong to the meeting site).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CallRecord } from '../lib/record/types';

export const DB_NAME = 'listening-coach';
/** IndexedDB schema version: stores and indexes. Record shape versions are CALL_RECORD_VERSION. */
export const DB_VERSION = 1;

export interface CoachDb extends DBSchema {
  calls: {
    key: string;
    value: CallRecord;
    indexes: { byStart: number };
  };
}

let opening: Promise<IDBPDatabase<CoachDb>> | null = null;

export function openCoachDb(): Promise<IDBPDatabase<CoachDb>> {
  opening ??= openDB<CoachDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      // One step per version, applied in order, so every earlier version upgrades with data kept.
      if (oldVersion < 1) {
        const calls = db.createObjectStore('calls', { keyPath: 'id' });
        calls.createIndex('byStart', 'startedAtMs');
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
  const db = await openCoachDb();
  await db.put('calls', record);
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

export async function deleteCall(id: string): Promise<void> {
  const db = await openCoachDb();
  await db.delete('calls', id);
}

export async function deleteAllCalls(): Promise<void> {
  const db = await openCoachDb();
  await db.clear('calls');
}
