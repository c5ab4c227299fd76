// The person's calls: how long they are kept, export (JSON to move, CSV for a spreadsheet),
// import (every record validated; bad ones skipped and reported), and delete everything.
import { useRef, useState } from 'react';
import type { ImportReport } from '../../lib/record/transfer';
import type { MessageKey } from '../../lib/coaching/text';
import { say, t } from '../say';
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
      <p>{t('options.data.damaged', n)}</p>
      <ul className="small">
        {damaged.slice(0, SKIPPED_SHOWN).map((d) => (
          <li key={d.id}>
            {d.id}: {d.reason}
          </li>
        ))}
        {n > SKIPPED_SHOWN && <li>{t('options.data.andMore', [String(n - SKIPPED_SHOWN)])}</li>}
      </ul>
      {onDelete && (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void (setBusy(true), onDelete().finally(() => setBusy(false)))}
        >
          {t('options.data.removeDamaged', n)}
        </button>
      )}
    </div>
  );
}

const RETENTION_CHOICES: [days: number, label: MessageKey][] = [
  [0, 'options.data.keep.forever'],
  [30, 'options.data.keep.days30'],
  [90, 'options.data.keep.days90'],
  [180, 'options.data.keep.months6'],
  [365, 'options.data.keep.year1'],
];

/** Skipped records listed one by one up to here; the rest are counted. */
const SKIPPED_SHOWN = 5;

function ImportResult({ report }: { report: ImportReport }) {
  if (report.fileError) return <p className="error">{say(report.fileError)}</p>;
  return (
    <div>
      <p>
        {t('options.data.imported', report.records.length)}
        {report.skipped.length > 0 && ` ${t('options.data.skipped', report.skipped.length)}`}
      </p>
      {report.skipped.length > 0 && (
        <ul className="small">
          {report.skipped.slice(0, SKIPPED_SHOWN).map((s) => (
            <li key={s.position}>{t('options.data.skippedCall', [String(s.position), s.reason])}</li>
          ))}
          {report.skipped.length > SKIPPED_SHOWN && (
            <li>{t('options.data.andMore', [String(report.skipped.length - SKIPPED_SHOWN)])}</li>
          )}
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

  const choices: [number, string][] = RETENTION_CHOICES.map(([days, key]) => [days, say({ key })]);
  const retentionChoices = choices.some(([days]) => days === settings.retentionDays)
    ? choices
    : [
        ...choices,
        [settings.retentionDays, t('options.data.keep.days', [String(settings.retentionDays)])] as [number, string],
      ];

  return (
    <section id="data" className="options-section" aria-labelledby="data-title">
      <h2 id="data-title">{t('options.data.title')}</h2>
      <p>{callCount === null ? t('options.data.counting') : t('options.data.stored', callCount)}</p>
      <DamagedCalls damaged={damaged} onDelete={actions.deleteDamagedCalls} />

      <div className="field">
        <label htmlFor="retention">{t('options.data.keepFor')}</label>{' '}
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
          {t('options.data.keepHelp')}
        </p>
      </div>

      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => void actions.exportCalls('json').then(() => setStatus(t('options.data.exportedJson')))}
        >
          {t('options.data.exportJson')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void actions.exportCalls('csv').then(() => setStatus(t('options.data.exportedCsv')))}
        >
          {t('options.data.exportCsv')}
        </button>
        <label className="button file-button">
          {importing ? t('options.data.importing') : t('options.data.import')}
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
            {callCount === null ? t('options.data.confirmDeleteAll') : t('options.data.confirmDelete', callCount)}{' '}
            <button
              type="button"
              className="button button-danger"
              autoFocus
              onClick={() =>
                void actions.deleteAllCalls().then(() => {
                  setConfirmDelete(false);
                  setReport(null);
                  setStatus(t('options.data.deletedAll'));
                })
              }
            >
              {t('options.data.deleteEverything')}
            </button>{' '}
            <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
              {t('options.data.keepMine')}
            </button>
          </p>
        ) : (
          <button
            type="button"
            className="button button-danger"
            disabled={callCount === 0}
            onClick={() => setConfirmDelete(true)}
          >
            {t('options.data.deleteAll')}
          </button>
        )}
      </div>
    </section>
  );
}
