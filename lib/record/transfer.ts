// Export and import of call records: the person's data, in files they can keep or move.
// JSON carries everything (and imports back); CSV is one row of headline figures per call for a
// spreadsheet. Import validates every record and reports the ones it skipped; it never throws.
import { text, type Text } from '../coaching/text';
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
  /** Set when the file as a whole could not be read; then nothing is imported. A message for the
   *  view (lib/coaching/text.ts). */
  fileError: Text | null;
}

/** Larger files are refused before reading: the whole file is read as text and parsed at once,
 *  and a page can hold only so much. 10,000 busy calls export to ≈95 MB. */
const MB = 1024 * 1024;
export const MAX_IMPORT_BYTES = 256 * MB;

const fileError = (message: Text): ImportReport => ({ records: [], skipped: [], fileError: message });

/** Why a file cannot be imported, judged before reading it (its size), or null. */
export function importFileProblem(file: { size: number }): Text | null {
  if (file.size === 0) return text('options.data.fileEmpty');
  if (file.size > MAX_IMPORT_BYTES) {
    return text('options.data.fileTooLarge', Math.round(file.size / MB), MAX_IMPORT_BYTES / MB);
  }
  return null;
}

/** Accepts our export file, or a bare array of records (hand-made or from an older tool). */
export function parseCallsImport(contents: string): ImportReport {
  // Editors on Windows save JSON with a byte-order mark, which JSON.parse refuses.
  const body = contents.replace(/^\uFEFF/, '');
  if (body.trim() === '') return fileError(text('options.data.fileEmpty'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    if (/^"?id"?,"?site"?,/.test(body)) return fileError(text('options.data.fileCsv'));
    return fileError(text('options.data.fileNotJson'));
  }
  const version = (parsed as Partial<CallExport> | null)?.formatVersion;
  if (
    (parsed as Partial<CallExport> | null)?.format === EXPORT_FORMAT &&
    typeof version === 'number' &&
    version > EXPORT_FORMAT_VERSION
  ) {
    return fileError(text('options.data.fileNewer'));
  }
  const list = Array.isArray(parsed)
    ? parsed
    : typeof parsed === 'object' && parsed !== null && (parsed as Partial<CallExport>).format === EXPORT_FORMAT
      ? (parsed as { calls?: unknown }).calls
      : undefined;
  if (!Array.isArray(list)) {
    return fileError(text('options.data.fileNoCalls'));
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
