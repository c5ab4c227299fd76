// A call without its timeline: what history lists and trends read. Kept in its own IndexedDB store
// (extension/db.ts) so the popup opens fast with thousands of calls: a summary is a few hundred
// bytes, a record with its timeline can be many kilobytes.
import type { CallRecord } from './types';

export type CallSummary = Omit<CallRecord, 'timeline'>;

export function summarizeCall(record: CallRecord): CallSummary {
  const { timeline: _timeline, ...summary } = record;
  return summary;
}
