// Storage under faults, on fake-indexeddb and WXT's fake browser: schema and record upgrades from
// every earlier version keep the data; damaged or partial records are skipped and reported, never
// fatal; a full disk gives a clear error and keeps what was stored; damaged settings fall back to
// their defaults field by field.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { deleteDB, openDB } from 'idb';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrateRecord, RECORD_MIGRATIONS } from '../../lib/record/migrate';
import { summarizeCall } from '../../lib/record/summary';
import { CALL_RECORD_VERSION } from '../../lib/record/types';
import { validateCallRecord, validateCallSummary } from '../../lib/record/validate';
import { completeSettings, DEFAULT_SETTINGS, SETTINGS_MIGRATIONS, SETTINGS_VERSION } from '../../lib/settings';
import { makeRecord } from '../fixtures/records';

type Db = typeof import('../../extension/db');
let db: Db;

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules(); // extension/db.ts caches its connection and what it has reported
  db = await import('../../extension/db');
});

afterEach(() => {
  vi.restoreAllMocks();
});

const call = (id: string, startedAtMs: number) => makeRecord({ id, startedAtMs, endedAtMs: startedAtMs + 1000 });

/** Writes values as they are, past every check: what a bug, an old build or disk damage leaves. */
async function writeRaw(values: { calls?: unknown[]; summaries?: unknown[] }): Promise<void> {
  await db.openCoachDb(); // the current schema
  const raw = await openDB(db.DB_NAME);
  const tx = raw.transaction(['calls', 'summaries'], 'readwrite');
  for (const value of values.calls ?? []) void tx.objectStore('calls').put(value);
  for (const value of values.summaries ?? []) void tx.objectStore('summaries').put(value);
  await tx.done;
  raw.close();
}

describe('record versions', () => {
  it('has an upgrade step for every version before the current one', () => {
    for (let version = 1; version < CALL_RECORD_VERSION; version++)
      expect(RECORD_MIGRATIONS[version], `step ${version}`).toBeTypeOf('function');
    expect(RECORD_MIGRATIONS[CALL_RECORD_VERSION]).toBeUndefined();
  });

  it('reads a record of every earlier version as a current one', () => {
    // Version 1 is the first shape ever stored; each later version adds its record here.
    const oldest = { ...makeRecord(), version: 1 };
    for (let version = 1; version <= CALL_RECORD_VERSION; version++) {
      const result = validateCallRecord({ ...oldest, version });
      expect(result.ok, `version ${version}`).toBe(true);
      if (result.ok) expect(result.value.version).toBe(CALL_RECORD_VERSION);
    }
  });

  it('applies the steps in order, from the stored version up', () => {
    const seen: number[] = [];
    const steps = {
      1: (r: Record<string, unknown>) => (seen.push(1), { ...r, tags: [] }),
      2: (r: Record<string, unknown>) => (seen.push(2), { ...r, tags: [...(r.tags as string[]), 'v3'] }),
    };
    expect(migrateRecord({ id: 'a', version: 1 }, steps, 3)).toEqual({
      ok: true,
      value: { id: 'a', version: 3, tags: ['v3'] },
      from: 1,
    });
    expect(seen).toEqual([1, 2]);
    seen.length = 0;
    expect(migrateRecord({ id: 'a', version: 2, tags: [] }, steps, 3)).toMatchObject({
      ok: true,
      value: { version: 3, tags: ['v3'] },
      from: 2,
    });
    expect(seen).toEqual([2]);
  });

  it('refuses a newer version, a missing step, a failing step and a missing version', () => {
    const failing = {
      1: () => {
        throw new Error('boom');
      },
    };
    expect(migrateRecord({ version: 4 }, {}, 3)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/newer Listening Coach/),
    });
    expect(migrateRecord({ version: 1 }, {}, 2)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no upgrade from version 1/),
    });
    expect(migrateRecord({ version: 1 }, failing, 2)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/boom/),
    });
    expect(migrateRecord({ id: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/version undefined/) });
    expect(migrateRecord([])).toMatchObject({ ok: false, error: 'not an object' });
  });

  it('reads who else spoke back as stored, a record without it as before, and refuses a damaged split', () => {
    const person = {
      label: 'Person 1',
      speechSec: 40,
      shareOfOthers: 0.6,
      shareOfAll: 0.4,
      longestTurnSec: 12,
      interruptionsBySelf: 1,
      interruptionsOfSelf: 0,
    };
    const split = {
      split: true,
      people: [person, { ...person, label: 'Person 2', name: 'Ada', shareOfOthers: 0.4 }],
      notHeard: 1,
    };
    expect(validateCallRecord({ ...makeRecord(), people: split })).toEqual({
      ok: true,
      value: { ...makeRecord(), people: split },
    });
    expect(validateCallRecord({ ...makeRecord(), people: { split: false, reason: 'one-stream' } })).toMatchObject({
      ok: true,
      value: { people: { split: false, reason: 'one-stream' } },
    });
    expect(validateCallRecord(makeRecord())).toEqual({ ok: true, value: makeRecord() });
    for (const damaged of [
      { split: false, reason: 'guess' },
      { ...split, notHeard: -1 },
      { ...split, people: [{ ...person, shareOfOthers: 1.5 }] },
      { ...split, people: [{ ...person, label: '' }] },
      'x',
    ]) {
      expect(validateCallRecord({ ...makeRecord(), people: damaged }), JSON.stringify(damaged)).toMatchObject({
        ok: false,
      });
    }
  });

  it('validates a summary as a record without its timeline', () => {
    expect(validateCallSummary(summarizeCall(makeRecord()))).toEqual({ ok: true, value: summarizeCall(makeRecord()) });
    expect(validateCallSummary({ ...summarizeCall(makeRecord()), metrics: null })).toMatchObject({ ok: false });
  });
});

describe('database upgrades', () => {
  it('creates the current schema from nothing (version 0)', async () => {
    await db.putCall(call('a', 10));
    const raw = await openDB(db.DB_NAME);
    expect(raw.version).toBe(db.DB_VERSION);
    expect([...raw.objectStoreNames].sort()).toEqual(['calls', 'summaries']);
    raw.close();
  });

  it('upgrades version 1 with every call kept, a summary for each, and a damaged one skipped', async () => {
    const v1 = await openDB(db.DB_NAME, 1, {
      upgrade(d) {
        d.createObjectStore('calls', { keyPath: 'id' }).createIndex('byStart', 'startedAtMs');
      },
    });
    await v1.put('calls', call('old', 5));
    await v1.put('calls', call('older', 3));
    await v1.put('calls', { id: 'broken', startedAtMs: 4 }); // no version, metrics or timeline
    v1.close();
    expect((await db.listCallSummaries(10)).map((s) => s.id)).toEqual(['old', 'older']);
    expect((await db.getCall('old'))?.timeline).toEqual(call('old', 5).timeline);
    expect(await db.findDamagedCalls()).toEqual([{ id: 'broken', reason: 'version undefined is not supported' }]);
  });

  it('opens a database another page of the origin created empty (version 1, no stores)', async () => {
    (await openDB(db.DB_NAME, 1)).close();
    await db.putCall(call('a', 10));
    expect((await db.listCallSummaries(10)).map((s) => s.id)).toEqual(['a']);
  });

  it('tries again after an opening that failed, instead of failing every later write', async () => {
    (await openDB(db.DB_NAME, db.DB_VERSION + 1)).close(); // a newer build's, then rolled back
    await expect(db.putCall(call('a', 10))).rejects.toThrow(/version/i);
    await deleteDB(db.DB_NAME);
    await db.putCall(call('a', 10));
    expect(await db.countCalls()).toBe(1);
  });
});

describe('damaged or partial records', () => {
  it('are skipped by every read, logged and reported, and the rest still reads', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const reported = vi.fn();
    db.onDamagedCalls(reported);
    await db.putCalls([call('good-old', 10), call('good', 20)]);
    const broken = { ...call('newest', 30), metrics: { talkShare: 'lots' } };
    await writeRaw({ calls: [broken], summaries: [summarizeCall(broken as never)] });

    expect((await db.getLatestCall())?.id).toBe('good'); // the newest readable one
    expect(await db.getCall('newest')).toBeUndefined();
    expect((await db.listCallSummaries(10)).map((s) => s.id)).toEqual(['good', 'good-old']);
    expect((await db.listCallSummariesSince(0)).map((s) => s.id)).toEqual(['good-old', 'good']);
    expect((await db.listCalls()).map((c) => c.id)).toEqual(['good', 'good-old']);

    expect(db.damagedCallsSeen()).toEqual([{ id: 'newest', reason: expect.stringMatching(/metrics/) }]);
    expect(reported).toHaveBeenCalledWith([{ id: 'newest', reason: expect.stringMatching(/metrics/) }]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/skipped the stored call newest: metrics/));
  });

  it('a record from a newer version is not shown half-read', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const future = { ...call('future', 30), version: CALL_RECORD_VERSION + 1 };
    await writeRaw({ calls: [future], summaries: [summarizeCall(future as never)] });
    expect(await db.getLatestCall()).toBeUndefined();
    expect(db.damagedCallsSeen()[0]?.reason).toMatch(/newer Listening Coach/);
  });

  it('are all found by the scan, halves included, and can be removed', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await db.putCalls([call('good', 20)]);
    await writeRaw({
      calls: [call('no-summary', 5), { id: 'garbage', startedAtMs: 1 }],
      summaries: [summarizeCall(call('no-record', 6)), { ...summarizeCall(call('bad-summary', 7)), durationSec: -3 }],
    });
    await writeRaw({ calls: [call('bad-summary', 7)] });
    const damaged = await db.findDamagedCalls();
    expect(Object.fromEntries(damaged.map((d) => [d.id, d.reason]))).toEqual({
      'no-summary': 'its summary is missing',
      garbage: 'its summary is missing',
      'no-record': 'its record is missing',
      'bad-summary': 'durationSec is negative',
    });
    await db.deleteCalls(damaged.map((d) => d.id));
    expect(await db.findDamagedCalls()).toEqual([]);
    expect((await db.listCalls()).map((c) => c.id)).toEqual(['good']);
  });
});

describe('a full disk', () => {
  /** The browser refuses every write, as IndexedDB does when the profile's quota is used up. */
  function diskFull() {
    const quota = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(quota);
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(quota);
  }

  it('fails the write with an error the callers recognise, and keeps the older calls whole', async () => {
    await db.putCalls([call('a', 10), call('b', 20)]);
    diskFull();
    const error = await db.putCalls([call('c', 30), { ...call('a', 10), title: 'changed' }]).catch((e: unknown) => e);
    expect(db.isStorageFull(error)).toBe(true);
    expect(db.isStorageFull(new Error('wrapped', { cause: error }))).toBe(true);
    expect(db.isStorageFull(new Error('other'))).toBe(false);
    await expect(db.updateCall('b', (r) => ({ ...r, title: 'x' }))).rejects.toSatisfy(db.isStorageFull);
    vi.restoreAllMocks();
    expect((await db.listCalls()).map((c) => [c.id, c.title])).toEqual([
      ['b', 'Weekly sync'],
      ['a', 'Weekly sync'],
    ]);
    expect(await db.countCalls()).toBe(2);
  });
});

describe('settings versions and repair', () => {
  it('has a step for every version before the current one', () => {
    for (let version = 1; version < SETTINGS_VERSION; version++)
      expect(SETTINGS_MIGRATIONS[version]).toBeTypeOf('function');
  });

  it('turns version-3 settings into version 4: the inclusion nudge on, names not kept', () => {
    const { people: _people, ...v3 } = DEFAULT_SETTINGS;
    const { inclusion: _inclusion, ...v3Nudges } = DEFAULT_SETTINGS.nudges;
    const migrated = SETTINGS_MIGRATIONS[3]?.({
      ...v3,
      nudges: { ...v3Nudges, monologue: { enabled: false, threshold: 60 } },
    });
    expect(completeSettings(migrated)).toEqual({
      settings: {
        ...DEFAULT_SETTINGS,
        nudges: { ...DEFAULT_SETTINGS.nudges, monologue: { enabled: false, threshold: 60 } },
      },
      repaired: [],
    });
  });

  it('keeps every valid field and puts back the default of each missing or damaged one', () => {
    const stored = {
      ...DEFAULT_SETTINGS,
      quiet: true,
      customSites: ['https://meet.example.org'],
      nudges: { ...DEFAULT_SETTINGS.nudges, monologue: { enabled: 'yes', threshold: 90 } },
      targetShare: { 'one-on-one': 0.6, team: Number.NaN },
      overlay: { ...DEFAULT_SETTINGS.overlay, position: { x: 4 } },
      retentionDays: undefined,
      leftover: 'from an old build',
    };
    const { settings, repaired } = completeSettings(stored);
    expect(settings.quiet).toBe(true);
    expect(settings.customSites).toEqual(['https://meet.example.org']);
    expect(settings.nudges.monologue).toEqual({ enabled: true, threshold: 90 });
    expect(settings.targetShare).toEqual({ ...DEFAULT_SETTINGS.targetShare, 'one-on-one': 0.6 });
    expect(settings.overlay.position).toBeNull();
    expect(settings.retentionDays).toBe(0);
    expect('leftover' in settings).toBe(false);
    expect(repaired.sort()).toEqual([
      'settings.nudges.monologue.enabled',
      'settings.overlay.position',
      'settings.retentionDays',
      'settings.targetShare.interview',
      'settings.targetShare.sales',
      'settings.targetShare.team',
    ]);
    expect(completeSettings('garbage').settings).toEqual(DEFAULT_SETTINGS);
    expect(completeSettings(DEFAULT_SETTINGS).repaired).toEqual([]);
  });

  it('reads settings stored by version 1 (no version mark) and damaged ones whole', async () => {
    const { settingsItem } = await import('../../extension/settings');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({ settings: { ...DEFAULT_SETTINGS, quiet: true } });
    expect(await settingsItem.getValue()).toEqual({ ...DEFAULT_SETTINGS, quiet: true });
    await fakeBrowser.storage.sync.set({ settings: { quiet: true, sites: { meet: false } } });
    const read = await settingsItem.getValue();
    expect(read.quiet).toBe(true);
    expect(read.sites).toEqual({ ...DEFAULT_SETTINGS.sites, meet: false });
    expect(read.nudges).toEqual(DEFAULT_SETTINGS.nudges);
  });

  it('migrates settings stored by an older version once, in the layout earlier builds wrote', async () => {
    const { recapNotification: _recap, words: _words, people: _people, ...v1 } = DEFAULT_SETTINGS;
    await fakeBrowser.storage.sync.set({ settings: { ...v1, quiet: true } }); // version 1: no mark
    const { settingsItem } = await import('../../extension/settings');
    expect(await settingsItem.getValue()).toEqual({ ...DEFAULT_SETTINGS, quiet: true });
    expect(await fakeBrowser.storage.sync.get(['settings', 'settings$'])).toEqual({
      settings: { ...DEFAULT_SETTINGS, quiet: true },
      settings$: { v: SETTINGS_VERSION },
    });
  });

  it('marks what it writes with the current version and tells watchers until they stop', async () => {
    const { settingsItem } = await import('../../extension/settings');
    const seen: boolean[] = [];
    const stop = settingsItem.watch((settings) => seen.push(settings.quiet));
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, quiet: true });
    expect(await fakeBrowser.storage.sync.get('settings$')).toEqual({ settings$: { v: SETTINGS_VERSION } });
    await fakeBrowser.storage.local.set({ settings: 'another area' });
    stop();
    await settingsItem.setValue(DEFAULT_SETTINGS);
    expect(seen).toEqual([true]);
  });

  it('leaves settings from a newer version as they are and reads what it understands', async () => {
    await fakeBrowser.storage.sync.set({
      settings: { ...DEFAULT_SETTINGS, quiet: true, fromTheFuture: 1 },
      settings$: { v: SETTINGS_VERSION + 1 },
    });
    const { settingsItem } = await import('../../extension/settings');
    expect(await settingsItem.getValue()).toEqual({ ...DEFAULT_SETTINGS, quiet: true });
    expect((await fakeBrowser.storage.sync.get('settings$')).settings$).toEqual({ v: SETTINGS_VERSION + 1 });
  });
});
