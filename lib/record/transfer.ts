// Export and import of call records: the person's data, in files they can keep or move.
// JSON carries everything (and imports back); CSV is one row of headline figures per call for a
// spreadsheet. Import validates every record and reports the ones it skipped; it never throws.
import type { CallMetrics } from '../engine/types';
import type { CallRecord } from './types';
import { validateCallRecord } from './validate';

export const EXPORT_FORMAT = 'listening-coach/calls';
export const EXPORT_FORMAT_VERSION = 1;

export interface CallExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_FORMAT_VERSION;
  exportedAtMs: number;
  calls: CallRecord[];
}

export function exportCallsJson(calls: CallRecord[], exportedAtMs: number): string {
  const file: CallExport = { format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, exportedAtMs, calls };
  return JSON.stringify(file);
}

const METRIC_COLUMNS: (keyof CallMetrics)[] = [
  'selfSpeechSec',
  'othersSpeechSec',
  'talkShare',
  'interruptionsBySelf',
  'interruptionsOfSelf',
  'talkoversBySelf',
  'talkoversOfSelf',
  'backchannelsBySelf',
  'backchannelsByOthers',
  'backchannelsPerOthersMin',
  'earlyResponsesBySelf',
  'longestMonologueSec',
  'othersLongestTurnSec',
  'medianResponseGapSec',
  'quickResponses',
  'turnSwitchesPerMin',
  'mutedSec',
  'sideTalkSec',
];

type Cell = string | number | boolean | null | undefined;

/**
 * Quotes what needs quoting, and defuses text a spreadsheet would run as a formula (a meeting
 * title comes from a web page: "=HYPERLINK(…)" must stay text).
 */
function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportCallsCsv(calls: CallRecord[]): string {
  const header = [
    'id',
    'site',
    'host',
    'title',
    'startedAt',
    'endedAt',
    'durationSec',
    'participants',
    'meetingKind',
    'captureMode',
    'speechModel',
    'limited',
    'status',
    ...METRIC_COLUMNS,
    'checkInSummarised',
    'checkInThankedSomeone',
    'checkInAgreedNextSteps',
    'checkInNote',
  ];
  const rows = calls.map((c) =>
    [
      c.id,
      c.site,
      c.host,
      c.title,
      new Date(c.startedAtMs).toISOString(),
      new Date(c.endedAtMs).toISOString(),
      c.durationSec,
      c.participants,
      c.meetingKind,
      c.captureMode,
      c.speechModel,
      c.limited,
      c.status,
      ...METRIC_COLUMNS.map((key) => c.metrics[key]),
      c.checkIn?.summarised,
      c.checkIn?.thankedSomeone,
      c.checkIn?.agreedNextSteps,
      c.checkIn?.note,
    ]
      .map(csvCell)
      .join(','),
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

export interface ImportReport {
  records: CallRecord[];
  /** One entry per skipped record: its position in the file (from 1) and why. */
  skipped: { position: number; reason: string }[];
  /** Set when the file as a whole could not be read; then nothing is imported. */
  fileError: string | null;
}

/** Larger files are refused before reading: the whole file is read as text and parsed at once,
 *  and a page can hold only so much. 10,000 busy calls export to ≈95 MB. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

const fileError = (message: string): ImportReport => ({ records: [], skipped: [], fileError: message });

/** Why a file cannot be imported, judged before reading it (its size), or null. */
export function importFileProblem(file: { size: number }): string | null {
  if (file.size === 0) return 'The file is empty. Choose a file exported from Listening Coach.';
  if (file.size > MAX_IMPORT_BYTES) {
    return `The file is too large to import (${Math.round(file.size / 1024 / 1024)} MB; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB). Nothing was imported.`;
  }
  return null;
}

/** Accepts our export file, or a bare array of records (hand-made or from an older tool). */
export function parseCallsImport(text: string): ImportReport {
  // Editors on Windows save JSON with a byte-order mark, which JSON.parse refuses.
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return fileError('The file is empty. Choose a file exported from Listening Coach.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    if (/^"?id"?,"?site"?,/.test(body)) {
      return fileError(
        'This is a CSV export, which is for spreadsheets and cannot be imported. Choose the JSON export.',
      );
    }
    return fileError('The file is not JSON. Choose a file exported from Listening Coach.');
  }
  const version = (parsed as Partial<CallExport> | null)?.formatVersion;
  if (
    (parsed as Partial<CallExport> | null)?.format === EXPORT_FORMAT &&
    typeof version === 'number' &&
    version > EXPORT_FORMAT_VERSION
  ) {
    return fileError(
      'This file was exported by a newer version of Listening Coach. Update the extension, then import it.',
    );
  }
  const list = Array.isArray(parsed)
    ? parsed
    : typeof parsed === 'object' && parsed !== null && (parsed as Partial<CallExport>).format === EXPORT_FORMAT
      ? (parsed as { calls?: unknown }).calls
      : undefined;
  if (!Array.isArray(list)) {
    return fileError('This JSON file does not contain Listening Coach calls.');
  }
  const records: CallRecord[] = [];
  const skipped: ImportReport['skipped'] = [];
  const seen = new Set<string>();
  list.forEach((item, index) => {
    const result = validateCallRecord(item);
    if (!result.ok) {
      skipped.push({ position: index + 1, reason: result.error });
    } else if (seen.has(result.value.id)) {
      skipped.push({ position: index + 1, reason: 'the same call appears earlier in the file' });
    } else {
      seen.add(result.value.id);
      records.push(result.value);
    }
  });
  return { records, skipped, fileError: null };
}
