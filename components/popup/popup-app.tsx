// The popup: the live call in this tab (when there is one), then the latest call's summary, the
// history of all calls and the trends. A view: the connector (entrypoints/popup/main.tsx) supplies
// the data and the actions; tests supply fakes. The header with the tabs stays at the top while
// the panel scrolls under it.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CallRecord, MeetingKind } from '../../lib/record/types';
import type { Settings } from '../../lib/settings';
import type { TabStatus } from '../../extension/messages';
import type { MessageKey } from '../../lib/coaching/text';
import { say, t } from '../say';
import { CallSummary } from './call-summary';
import type { CheckInAnswers } from './check-in-form';
import { HistoryList, type HistoryActions } from './history-list';
import { LivePanel, type LivePanelActions } from './live-panel';
import type { TrendsActions } from './trends-view';
import './popup.css';

// The charts' code (recharts) is the popup's heaviest part: it loads after the first screen.
// A plain dynamic import rather than React.lazy: lazy suspends even when the code is already
// there, and React then holds the fallback for 300 ms.
const loadTrendsView = () => import('./trends-view');
type TrendsModule = Awaited<ReturnType<typeof loadTrendsView>>;

/** Popup width (popup.css): Chrome allows up to 800 px; narrow keeps it beside the meeting. */
export const POPUP_WIDTH = 400;
/** Less the side padding and the scrollbar gutter the popup always reserves. */
const CONTENT_WIDTH = POPUP_WIDTH - 28 - 16;

export interface PopupData {
  settings: Settings;
  /** The newest stored call (or the one a recap notification asked for), null when there is none yet. */
  latest: CallRecord | null;
  /** The coach in the current tab; null when this tab is not a meeting page. */
  tabStatus: TabStatus | null;
  nowMs: number;
  /** Stored calls skipped because they could not be read (extension/db.ts); absent = none. */
  damagedCalls?: number;
}

export interface PopupActions extends LivePanelActions, TrendsActions {
  loadHistoryPage: HistoryActions['loadPage'];
  loadCall(id: string): Promise<CallRecord | undefined>;
  loadLatest(): Promise<CallRecord | undefined>;
  deleteCall(id: string): Promise<void>;
  /** Both return the changed record (undefined if it was deleted meanwhile). */
  saveCheckIn(id: string, answers: CheckInAnswers): Promise<CallRecord | undefined>;
  /** Sets the call's kind, and remembers it for the next calls with the same title. */
  setMeetingKind(id: string, kind: MeetingKind): Promise<CallRecord | undefined>;
  openSettings(): void;
  /** The welcome page: what the coach does, the mic check, the sites. */
  openWelcome(): void;
}

export interface PopupAppProps {
  data: PopupData;
  actions: PopupActions;
}

type Tab = 'latest' | 'history' | 'trends';
const TABS: [Tab, MessageKey][] = [
  ['latest', 'popup.tab.latest'],
  ['history', 'popup.tab.history'],
  ['trends', 'popup.tab.trends'],
];

function GearIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
    >
      <circle cx="12" cy="12" r="3.2" />
      <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
    </svg>
  );
}

function NoCallsYet({ onWelcome }: { onWelcome(): void }) {
  return (
    <div className="empty">
      <h2>{t('popup.empty.title')}</h2>
      <p>{t('popup.empty.sites')}</p>
      <p>{t('popup.empty.zoom')}</p>
      <p className="muted small">{t('popup.empty.private')}</p>
      <button type="button" className="link-button" onClick={onWelcome}>
        {t('popup.empty.howItWorks')}
      </button>
    </div>
  );
}

export function PopupApp({ data, actions }: PopupAppProps) {
  const [tab, setTab] = useState<Tab>('latest');
  const [latest, setLatest] = useState<CallRecord | null>(data.latest);
  /** A call opened from history, shown in place of the list. */
  const [opened, setOpened] = useState<CallRecord | null>(null);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ latest: null, history: null, trends: null });

  const [trends, setTrends] = useState<TrendsModule | null>(null);

  // Fetch the charts' code once the first screen is up, so Trends opens without waiting for it.
  useEffect(() => {
    const prefetch = () => void loadTrendsView().then(setTrends);
    if ('requestIdleCallback' in window) {
      const id = requestIdleCallback(prefetch, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(prefetch, 500);
    return () => clearTimeout(id);
  }, []);

  function select(next: Tab) {
    if (next === 'trends' && !trends) void loadTrendsView().then(setTrends);
    setTab(next);
    setOpened(null);
    tabRefs.current[next]?.focus();
    // A new view starts at its top, under the header.
    window.scrollTo?.({ top: 0 });
  }

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab moves into the panel.
  function onTabKey(event: KeyboardEvent) {
    const index = TABS.findIndex(([id]) => id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    // at() counts a step left of the first tab from the end.
    const next = TABS.at((index + step) % TABS.length);
    if (!next) return;
    event.preventDefault();
    select(next[0]);
  }

  /** After a change to a call, show the new version wherever it is on screen. */
  function replace(updated: CallRecord | undefined) {
    if (!updated) return;
    if (latest?.id === updated.id) setLatest(updated);
    if (opened?.id === updated.id) setOpened(updated);
  }

  function summaryActions(record: CallRecord) {
    return {
      saveCheckIn: async (answers: CheckInAnswers) => replace(await actions.saveCheckIn(record.id, answers)),
      setMeetingKind: async (kind: MeetingKind) => replace(await actions.setMeetingKind(record.id, kind)),
    };
  }

  const historyActions: HistoryActions = {
    loadPage: actions.loadHistoryPage,
    open: (id) => {
      void actions.loadCall(id).then((record) => setOpened(record ?? null));
    },
    delete: async (id) => {
      await actions.deleteCall(id);
      if (latest?.id === id) setLatest((await actions.loadLatest()) ?? null);
    },
  };

  const live = data.tabStatus && data.tabStatus.state !== 'idle' ? data.tabStatus : null;
  const damaged = data.damagedCalls ?? 0;

  return (
    <div className="popup">
      <header className="popup-header">
        <div className="popup-title">
          <h1>{t('extName')}</h1>
          <button
            type="button"
            className="icon-button"
            aria-label={t('popup.settings')}
            title={t('popup.settings')}
            onClick={actions.openSettings}
          >
            <GearIcon />
          </button>
        </div>
        <nav aria-label={t('popup.views')}>
          <div className="tabs" role="tablist" aria-label={t('popup.views')} onKeyDown={onTabKey}>
            {TABS.map(([id, label]) => (
              <button
                key={id}
                ref={(el) => {
                  tabRefs.current[id] = el;
                }}
                type="button"
                role="tab"
                id={`tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`panel-${id}`}
                tabIndex={tab === id ? 0 : -1}
                onClick={() => select(id)}
              >
                {say({ key: label })}
              </button>
            ))}
          </div>
        </nav>
      </header>

      <main className="popup-main">
        {live && <LivePanel status={live} settings={data.settings} actions={actions} />}

        {damaged > 0 && (
          <p className="notice small" role="status" data-testid="damaged-notice">
            {t('popup.damaged', damaged)}{' '}
            <button type="button" className="link-button" onClick={actions.openSettings}>
              {t('popup.damagedSee')}
            </button>
          </p>
        )}

        <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="panel">
          {tab === 'latest' &&
            (latest ? (
              <CallSummary
                record={latest}
                settings={data.settings}
                actions={summaryActions(latest)}
                width={CONTENT_WIDTH}
              />
            ) : (
              <NoCallsYet onWelcome={actions.openWelcome} />
            ))}
          {tab === 'history' && (
            <>
              {opened && (
                <>
                  <button type="button" className="link-button back" onClick={() => setOpened(null)} autoFocus>
                    {t('history.back')}
                  </button>
                  <CallSummary
                    record={opened}
                    settings={data.settings}
                    actions={summaryActions(opened)}
                    width={CONTENT_WIDTH}
                  />
                </>
              )}
              {/* Kept mounted while a call is open, so going back keeps the pages already loaded. */}
              <div hidden={opened !== null}>
                <HistoryList settings={data.settings} actions={historyActions} />
              </div>
            </>
          )}
          {tab === 'trends' &&
            (trends ? (
              <trends.TrendsView settings={data.settings} nowMs={data.nowMs} width={CONTENT_WIDTH} actions={actions} />
            ) : (
              <p className="muted">{t('trends.loading')}</p>
            ))}
        </div>
      </main>
    </div>
  );
}
