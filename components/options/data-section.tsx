// The person's calls: how long they are kept, export (JSON to move, CSV for a spreadsheet),
// import (every record validated; bad ones skipped and reported), and delete everything.
import { useRef, useState } from 'react';
import type { ImportReport } from '../../lib/record/transfer';
import type { SectionProps } from './options-app';

export interface DataActions {
  exportCalls(format: 'json' | 'csv'): Promise<void>;
  /** Reads, validates and stores the calls in `file`; never throws. */
  importCalls(file: File): Promise<ImportReport>;
  deleteAllCalls(): Promise<void>;
  /** Removes what is left of the damaged calls listed. */
  deleteDamagedCalls?(): Promise<void>;
}

/** A stored call that could not be read, and why (extension/db.ts). */
export interface DamagedCallInfo {
  id: string;
  reason: string;
}

function DamagedCalls({ damaged, onDelete }: { damaged: DamagedCallInfo[]; onDelete?: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  if (damaged.length === 0) return null;
  const n = damaged.length;
  return (
    <div className="damaged-calls" role="alert" data-testid="damaged-calls">
      <p>
        {n === 1 ? '1 stored call is damaged' : `${n} stored calls are damaged`} and could not be read, so{' '}
        {n === 1 ? 'it is' : 'they are'} left out of your history and trends. Your other calls are fine.
      </p>
      <ul className="small">
        {damaged.slice(0, SKIPPED_SHOWN).map((d) => (
          <li key={d.id}>
            {d.id}: {d.reason}
          </li>
        ))}
        {n > SKIPPED_SHOWN && <li>…and {n - SKIPPED_SHOWN} more.</li>}
      </ul>
      {onDelete && (
        <button type="button" className="button" disabled={busy} onClick={() => void (setBusy(true), onDelete().finally(() => setBusy(false)))}>
          Remove the damaged {n === 1 ? 'call' : 'calls'}
        </button>
      )}
    </div>
  );
}

const RETENTION_CHOICES: [days: number, label: string][] = [
  [0, 'Forever'],
  [30, '30 days'],
  [90, '90 days'],
  [180, '6 months'],
  [365, '1 year'],
];

/** Skipped records listed one by one up to here; the rest are counted. */
const SKIPPED_SHOWN = 5;

function ImportResult({ report }: { report: ImportReport }) {
  if (report.fileError) return <p className="error">{report.fileError}</p>;
  return (
    <div>
      <p>
        Imported {report.records.length} {report.records.length === 1 ? 'call' : 'calls'}.
        {report.skipped.length > 0 && ` Skipped ${report.skipped.length} that could not be read:`}
      </p>
      {report.skipped.length > 0 && (
        <ul className="small">
          {report.skipped.slice(0, SKIPPED_SHOWN).map((s) => (
            <li key={s.position}>
              Call {s.position}: {s.reason}
            </li>
          ))}
          {report.skipped.length > SKIPPED_SHOWN && <li>…and {report.skipped.length - SKIPPED_SHOWN} more.</li>}
        </ul>
      )}
    </div>
  );
}

export function DataSection({
  settings,
  update,
  callCount,
  damaged = [],
  actions,
}: SectionProps & { callCount: number | null; damaged?: DamagedCallInfo[]; actions: DataActions }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [status, setStatus] = useState('');

  async function importFile(file: File | undefined) {
    if (!file) return;
    setImporting(true);
    setReport(null);
    setReport(await actions.importCalls(file));
    setImporting(false);
    if (fileRef.current) fileRef.current.value = '';
  }

  const retentionChoices = RETENTION_CHOICES.some(([days]) => days === settings.retentionDays)
    ? RETENTION_CHOICES
    : [...RETENTION_CHOICES, [settings.retentionDays, `${settings.retentionDays} days`] as [number, string]];

  return (
    <section id="data" className="options-section" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p>{callCount === null ? 'Counting your calls…' : `${callCount} ${callCount === 1 ? 'call' : 'calls'} stored in this browser.`}</p>
      <DamagedCalls damaged={damaged} onDelete={actions.deleteDamagedCalls} />

      <div className="field">
        <label htmlFor="retention">Keep calls for</label>{' '}
        <select
          id="retention"
          value={settings.retentionDays}
          aria-describedby="retention-help"
          onChange={(event) => {
            // Read now: the update runs later, after React has reset this controlled select.
            const retentionDays = Number(event.target.value);
            void update((s) => ({ ...s, retentionDays }));
          }}
        >
          {retentionChoices.map(([days, label]) => (
            <option key={days} value={days}>
              {label}
            </option>
          ))}
        </select>
        <p id="retention-help" className="small muted">
          Older calls are deleted when you next open the popup or this page.
        </p>
      </div>

      <div className="button-row">
        <button type="button" className="button" onClick={() => void actions.exportCalls('json').then(() => setStatus('Exported as JSON.'))}>
          Export all (JSON)
        </button>
        <button type="button" className="button" onClick={() => void actions.exportCalls('csv').then(() => setStatus('Exported as CSV.'))}>
          Export all (CSV)
        </button>
        <label className="button file-button">
          {importing ? 'Importing…' : 'Import calls (JSON)…'}
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            disabled={importing}
            onChange={(event) => void importFile(event.target.files?.[0])}
          />
        </label>
      </div>
      <div role="status" className="small import-report" data-testid="import-report">
        {report && <ImportResult report={report} />}
        {status && !report && status}
      </div>

      <div className="danger-zone">
        {confirmDelete ? (
          <p>
            Delete all {callCount ?? ''} calls? This cannot be undone.{' '}
            <button
              type="button"
              className="button button-danger"
              autoFocus
              onClick={() =>
                void actions.deleteAllCalls().then(() => {
                  setConfirmDelete(false);
                  setReport(null);
                  setStatus('All calls deleted.');
                })
              }
            >
              Delete everything
            </button>{' '}
            <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
              Keep my calls
            </button>
          </p>
        ) : (
          <button type="button" className="button button-danger" disabled={callCount === 0} onClick={() => setConfirmDelete(true)}>
            Delete all calls…
          </button>
        )}
      </div>
    </section>
  );
}
