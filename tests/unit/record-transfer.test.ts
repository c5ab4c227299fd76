import { describe, expect, it } from 'vitest';
import {
  exportCallsCsv,
  exportCallsJson,
  importFileProblem,
  MAX_IMPORT_BYTES,
  parseCallsImport,
} from '../../lib/record/transfer';
import { validateCallRecord } from '../../lib/record/validate';
import { summarizeCall } from '../../lib/record/summary';
import type { Text } from '../../lib/coaching/text';
import { say } from '../../components/say';
import { generateSampleCalls, makeRecord } from '../fixtures/records';

/** A message as the settings page shows it, in English. */
const said = (message: Text | null) => message && say(message);
/** Why `file` as a whole cannot be imported, as the settings page says it. */
const fileError = (file: string) => said(parseCallsImport(file).fileError);

describe('validateCallRecord', () => {
  it('accepts a well-formed record and drops unknown fields', () => {
    const result = validateCallRecord({ ...makeRecord(), extra: 'junk' });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toEqual(makeRecord());
  });

  it('accepts every generated record', () => {
    for (const call of generateSampleCalls({ count: 50, seed: 5, endMs: Date.UTC(2025, 5, 1) })) {
      expect(validateCallRecord(JSON.parse(JSON.stringify(call)))).toEqual({ ok: true, value: call });
    }
  });

  const broken: [string, unknown, RegExp][] = [
    ['not an object', 42, /not an object/],
    ['no id', { ...makeRecord(), id: '' }, /id missing/],
    ['a future version', { ...makeRecord(), version: 9 }, /version 9/],
    ['an unknown site', { ...makeRecord(), site: 'myspace' }, /site/],
    ['an end before the start', { ...makeRecord(), endedAtMs: 0 }, /before/],
    ['a string metric', { ...makeRecord(), metrics: { ...makeRecord().metrics, talkShare: '0.3' } }, /talkShare/],
    ['a share above 1', { ...makeRecord(), metrics: { ...makeRecord().metrics, talkShare: 1.5 } }, /outside/],
    ['NaN', { ...makeRecord(), durationSec: NaN }, /durationSec/],
    ['odd intervals', { ...makeRecord(), timeline: { ...makeRecord().timeline, self: [1, 2, 3] } }, /intervals/],
    ['unordered ticks', { ...makeRecord(), timeline: { ...makeRecord().timeline, others: [5, 2] } }, /ordered/],
    ['a bad event', { ...makeRecord(), timeline: { ...makeRecord().timeline, events: [[7, 0, 1]] } }, /events/],
    ['a bad check-in', { ...makeRecord(), checkIn: { summarised: 'yes', atMs: 1 } }, /summarised/],
    ['half a participant', { ...makeRecord(), participants: 2.5 }, /participants/],
  ];
  it.each(broken)('rejects %s', (_name, value, message) => {
    const result = validateCallRecord(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('export and import', () => {
  const calls = generateSampleCalls({ count: 20, seed: 9, endMs: Date.UTC(2025, 5, 1) });

  it('round-trips through JSON', () => {
    const report = parseCallsImport(exportCallsJson(calls, 123));
    expect(report).toEqual({ records: calls, skipped: [], fileError: null });
  });

  it('accepts a bare array too', () => {
    expect(parseCallsImport(JSON.stringify(calls.slice(0, 2))).records).toHaveLength(2);
  });

  it('skips and reports invalid and duplicate records, keeping the rest', () => {
    const file = JSON.stringify([calls[0], { nonsense: true }, calls[1], calls[0], null]);
    const report = parseCallsImport(file);
    expect(report.records.map((r) => r.id)).toEqual([calls[0]!.id, calls[1]!.id]);
    expect(report.skipped.map((s) => s.position)).toEqual([2, 4, 5]);
    expect(report.skipped[1]?.reason).toMatch(/appears earlier/);
  });

  it('reports an unreadable file without throwing', () => {
    expect(fileError('{not json')).toMatch(/not JSON/);
    expect(fileError('{"calls": 3}')).toMatch(/does not contain/);
    expect(fileError('"hello"')).toMatch(/does not contain/);
  });

  it('explains damaged, wrong or oversized files instead of importing them', () => {
    expect(fileError('')).toMatch(/empty/);
    expect(fileError('   \n')).toMatch(/empty/);
    expect(fileError(exportCallsCsv(calls.slice(0, 2)))).toMatch(/CSV export/);
    expect(fileError(exportCallsJson(calls, 1).slice(0, 5000))).toMatch(/not JSON/); // cut short
    expect(fileError(JSON.stringify({ format: 'listening-coach/calls', formatVersion: 99, calls }))).toMatch(
      /newer version/,
    );
    expect(fileError(JSON.stringify({ format: 'something-else', calls }))).toMatch(/does not contain/);
    expect(fileError('null')).toMatch(/does not contain/);
    expect(said(importFileProblem({ size: 0 }))).toMatch(/empty/);
    expect(said(importFileProblem({ size: MAX_IMPORT_BYTES + 1 }))).toMatch(
      /too large to import \(256 MB; at most 256 MB\)/,
    );
    expect(importFileProblem({ size: 95 * 1024 * 1024 })).toBeNull(); // 10,000 busy calls
  });

  it('reads a file saved with a byte-order mark, and reports records of the wrong shape one by one', () => {
    expect(parseCallsImport(`\uFEFF${exportCallsJson(calls.slice(0, 3), 1)}`).records).toHaveLength(3);
    const shapes = [
      calls[0],
      [1, 2],
      'text',
      { ...calls[1], timeline: 'none' },
      { ...calls[2], metrics: [] },
      { ...calls[3], version: '1' },
    ];
    const report = parseCallsImport(JSON.stringify(shapes));
    expect(report.records.map((r) => r.id)).toEqual([calls[0]!.id]);
    expect(report.skipped.map((s) => s.position)).toEqual([2, 3, 4, 5, 6]);
  });

  it('writes one CSV row per call, quoting and defusing formulas', () => {
    const risky = makeRecord({ title: '=HYPERLINK("http://x"), "quoted"' });
    const csv = exportCallsCsv([risky, makeRecord({ id: 'call-2', title: null })]);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]?.split(',')).toContain('talkShare');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x""), ""quoted"""`);
    expect(lines[1]).toContain('2025-03-12T14:00:00.000Z');
    expect(lines[2]?.split(',')[3]).toBe('');
  });
});

describe('summarizeCall', () => {
  it('drops only the timeline', () => {
    const { timeline: _t, ...rest } = makeRecord();
    expect(summarizeCall(makeRecord())).toEqual(rest);
  });
});
