import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeRecord } from '../fixtures/records';
import { defined } from '../support/defined';

type Db = typeof import('../../extension/db');
let db: Db;

beforeEach(async () => {
  // A fresh database and a fresh module (it caches its connection) for every test.
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  db = await import('../../extension/db');
});

const call = (id: string, startedAtMs: number) => makeRecord({ id, startedAtMs, endedAtMs: startedAtMs + 1000 });

describe('call store', () => {
  it('keeps a timeline-free summary beside every call', async () => {
    await db.putCalls([call('a', 10), call('b', 30), call('c', 20)]);
    expect((await db.getLatestCall())?.id).toBe('b');
    expect((await db.getCall('a'))?.timeline).toBeDefined();
    const first = defined((await db.listCallSummaries(1))[0], 'the newest summary');
    expect(first.id).toBe('b');
    expect('timeline' in first).toBe(false);
    expect(await db.countCalls()).toBe(3);
  });

  it('pages through history newest first without skipping calls that started together', async () => {
    await db.putCalls([call('a', 10), call('b', 20), call('c', 20), call('d', 20), call('e', 30)]);
    const page1 = await db.listCallSummaries(2);
    const last1 = defined(page1.at(-1), 'page 1');
    const page2 = await db.listCallSummaries(2, [last1.startedAtMs, last1.id]);
    const last2 = defined(page2.at(-1), 'page 2');
    const page3 = await db.listCallSummaries(2, [last2.startedAtMs, last2.id]);
    expect([...page1, ...page2, ...page3].map((s) => s.id)).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('lists summaries since a time, oldest first', async () => {
    await db.putCalls([call('a', 10), call('b', 20), call('c', 30)]);
    expect((await db.listCallSummariesSince(20)).map((s) => s.id)).toEqual(['b', 'c']);
  });

  it('updates the summary when a call is saved again', async () => {
    await db.putCall(call('a', 10));
    await db.putCall({ ...call('a', 10), title: 'Renamed' });
    expect((await db.listCallSummaries(5)).map((s) => s.title)).toEqual(['Renamed']);
  });

  it('deletes one, the old ones, or all, from both stores', async () => {
    await db.putCalls([call('a', 10), call('b', 20), call('c', 30), call('d', 40)]);
    await db.deleteCall('d');
    expect(await db.getCall('d')).toBeUndefined();
    expect(await db.deleteCallsStartedBefore(30)).toBe(2);
    expect((await db.listCalls()).map((c) => c.id)).toEqual(['c']);
    expect((await db.listCallSummaries(10)).map((c) => c.id)).toEqual(['c']);
    await db.deleteAllCalls();
    expect(await db.countCalls()).toBe(0);
    expect(await db.getLatestCall()).toBeUndefined();
  });

  it('builds summaries for calls stored by version 1 of the database', async () => {
    const v1 = await openDB(db.DB_NAME, 1, {
      upgrade(d) {
        d.createObjectStore('calls', { keyPath: 'id' }).createIndex('byStart', 'startedAtMs');
      },
    });
    await v1.put('calls', call('old', 5));
    v1.close();
    expect((await db.listCallSummaries(5)).map((s) => s.id)).toEqual(['old']);
  });
});

describe('updateCall', () => {
  it('changes a call and its summary together', async () => {
    await db.putCall(call('a', 10));
    const checkIn = { summarised: true, thankedSomeone: null, agreedNextSteps: false, atMs: 5 };
    const updated = await db.updateCall('a', (r) => ({ ...r, checkIn, meetingKind: 'sales' }));
    expect(updated?.checkIn).toEqual(checkIn);
    expect((await db.getCall('a'))?.meetingKind).toBe('sales');
    expect((await db.listCallSummaries(1))[0]?.checkIn).toEqual(checkIn);
  });

  it('reports a call that is gone', async () => {
    expect(await db.updateCall('missing', (r) => r)).toBeUndefined();
  });
});
