// Record shape versions (CALL_RECORD_VERSION): every stored or imported record is brought up to the
// current version here, one step at a time, before it is validated (lib/record/validate.ts). Step n
// turns a version-n record into a version n+1 one. A step must also accept a summary (a record
// without its timeline, extension/db.ts keeps both) and leave what it does not know alone.
//
// Version 1 is the first shape ever stored, so there is no step yet. To change the shape: bump
// CALL_RECORD_VERSION, add the step for the old number below, and add its case to
// tests/unit/record-migrate.test.ts (every step is tested from a record of its version).
import { CALL_RECORD_VERSION } from './types';

export type RecordMigration = (record: Record<string, unknown>) => Record<string, unknown>;

/** Step `n`: version n → n + 1. Never remove a step: old exports stay importable. */
export const RECORD_MIGRATIONS: Readonly<Record<number, RecordMigration>> = {};

export type Migrated = { ok: true; value: Record<string, unknown>; from: number } | { ok: false; error: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Brings `value` up to version `target` (the current one by default); never throws. A record from a
 * newer version of the extension cannot be read back by this one and is refused, not guessed at.
 */
export function migrateRecord(
  value: unknown,
  migrations: Readonly<Record<number, RecordMigration>> = RECORD_MIGRATIONS,
  target: number = CALL_RECORD_VERSION,
): Migrated {
  if (!isObject(value)) return { ok: false, error: 'not an object' };
  const from = value.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return { ok: false, error: `version ${String(from)} is not supported` };
  }
  if (from > target) return { ok: false, error: `version ${from} is not supported (made by a newer Listening Coach)` };
  let record = value;
  for (let version = from; version < target; version++) {
    const step = migrations[version];
    if (!step) return { ok: false, error: `version ${from} is not supported (no upgrade from version ${version})` };
    try {
      record = { ...step(record), version: version + 1 };
    } catch (error) {
      return {
        ok: false,
        error: `version ${version} could not be upgraded (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  }
  return { ok: true, value: record, from };
}
