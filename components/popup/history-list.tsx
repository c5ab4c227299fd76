// All calls, newest first, a page at a time (the store reads only the page it shows, so thousands of
// calls cost nothing until asked for). Open any call's summary, or delete one after confirming.
import { useEffect, useRef, useState } from 'react';
import { formatCallDate, formatDuration, formatPercent } from '../../lib/coaching/format';
import type { CallSummary } from '../../lib/record/summary';
import type { Settings } from '../../lib/settings';
import type { HistoryCursor } from '../../extension/db';
import { siteName } from '../call/site-name';
import { t } from '../say';

export const HISTORY_PAGE_SIZE = 25;

function TrashIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
    >
      <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.7 6.5v5M9.3 6.5v5" />
    </svg>
  );
}

export interface HistoryActions {
  loadPage(limit: number, after?: HistoryCursor): Promise<CallSummary[]>;
  open(id: string): void;
  delete(id: string): Promise<void>;
}

export interface HistoryListProps {
  settings: Settings;
  actions: HistoryActions;
}

export function HistoryList({ settings, actions }: HistoryListProps) {
  const [calls, setCalls] = useState<CallSummary[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLUListElement>(null);

  async function loadMore(after?: HistoryCursor) {
    const page = await actions.loadPage(HISTORY_PAGE_SIZE, after);
    setCalls((previous) => [...(after ? (previous ?? []) : []), ...page]);
    setHasMore(page.length === HISTORY_PAGE_SIZE);
  }

  useEffect(() => {
    // Once per mount: after that the list changes only by paging and deleting (the popup hands in
    // new `actions` on every render, so depending on loadMore would reload the list each time).
    void loadMore();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function remove(call: CallSummary) {
    await actions.delete(call.id);
    setCalls((previous) => previous?.filter((c) => c.id !== call.id) ?? null);
    setConfirming(null);
    setAnnouncement(call.title ? t('history.deleted', [call.title]) : t('history.deletedUntitled'));
    listRef.current?.focus();
  }

  if (calls === null) return <p className="muted">{t('history.loading')}</p>;
  const last = calls.at(-1);
  if (!last) return <p className="muted">{t('history.empty')}</p>;

  return (
    <div className="history">
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <ul className="history-list" ref={listRef} tabIndex={-1} aria-label={t('history.listLabel')}>
        {calls.map((call) => {
          const m = call.metrics;
          const target = settings.targetShare[call.meetingKind];
          const name = call.title ?? t('summary.callOn', [siteName(call.site, call.host)]);
          return (
            <li key={call.id} className="history-item">
              <button type="button" className="history-open" onClick={() => actions.open(call.id)}>
                <span className="history-title">{name}</span>
                <span className="muted small">
                  {formatCallDate(call.startedAtMs)} · {formatDuration(call.durationSec)} ·{' '}
                  {siteName(call.site, call.host)}
                </span>
                <span className="small history-figures">
                  <span className={m.talkShare > target * 1.1 ? 'over' : undefined}>
                    {t('history.talkShare', [formatPercent(m.talkShare)])}
                    <span className="muted"> {t('history.target', [formatPercent(target)])}</span>
                  </span>
                  <span>{t('history.interruptions', m.interruptionsBySelf)}</span>
                  <span>{t('history.longest', [formatDuration(m.longestMonologueSec)])}</span>
                  {call.checkIn && <span>{t('history.checkInDone')}</span>}
                </span>
              </button>
              {confirming === call.id ? (
                <span className="history-confirm">
                  <button type="button" className="button button-danger" onClick={() => void remove(call)} autoFocus>
                    {t('history.delete')}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(null)}>
                    {t('history.keep')}
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="history-delete"
                  aria-label={t('history.deleteLabel', [name, formatCallDate(call.startedAtMs)])}
                  title={t('history.deleteTitle')}
                  onClick={() => setConfirming(call.id)}
                >
                  <TrashIcon />
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {hasMore && (
        <button
          type="button"
          className="button history-more"
          onClick={() => void loadMore([last.startedAtMs, last.id])}
        >
          {t('history.more')}
        </button>
      )}
    </div>
  );
}
