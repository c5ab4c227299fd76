// Popup connector: reads the store and the current tab's coach, and supplies real actions to the
// view (components/popup/popup-app.tsx). It reads only what the first screen needs (the latest call
// and the settings) before rendering; history and trends load their own pages when opened.
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PopupApp, type PopupActions, type PopupData } from '../../components/popup/popup-app';
import {
  deleteCall,
  deleteCallsStartedBefore,
  getCall,
  getLatestCall,
  listCallSummaries,
  listCallSummariesSince,
  onDamagedCalls,
  updateCall,
} from '../../extension/db';
import { rememberMeetingKind } from '../../extension/meeting-kinds';
import { sendMessage, type TabStatus } from '../../extension/messages';
import { takeRecapRequest } from '../../extension/recap';
import { settingsItem } from '../../extension/settings';
import { retentionCutoffMs } from '../../lib/settings';
import { t } from '../../components/say';

/** How often the live figures of the current tab refresh while the popup is open. */
const LIVE_REFRESH_MS = 1000;

const root = createRoot(document.getElementById('root')!);

async function currentTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** The coach's status in a tab; null when the tab has none (not a meeting page, or no answer). */
async function tabStatus(tabId: number | null): Promise<TabStatus | null> {
  if (tabId === null) return null;
  try {
    return await sendMessage('background.getTabStatus', tabId);
  } catch {
    return null;
  }
}

/** The call a recap notification asked for (in the popup, or as ?call= when it opened as a tab). */
async function requestedCall() {
  const callId = new URLSearchParams(location.search).get('call') ?? (await takeRecapRequest().catch(() => null));
  return callId === null ? undefined : getCall(callId);
}

async function main() {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = t('extName');
  // Opened in a tab (from a recap, without a window for the popup): the same page, centred.
  if (new URLSearchParams(location.search).has('call')) document.documentElement.classList.add('in-tab');
  const [requested, latest, settings] = await Promise.all([requestedCall(), getLatestCall(), settingsItem.getValue()]);
  const tabIdPromise = currentTabId().catch(() => null);
  let data: PopupData = { settings, latest: requested ?? latest ?? null, tabStatus: null, nowMs: Date.now() };

  const actions: PopupActions = {
    loadHistoryPage: listCallSummaries,
    loadCall: getCall,
    loadLatest: getLatestCall,
    deleteCall,
    loadSince: listCallSummariesSince,
    loadRecent: (limit) => listCallSummaries(limit),
    async saveCheckIn(callId, answers) {
      await sendMessage('background.saveCheckIn', { callId, checkIn: { ...answers, atMs: Date.now() } });
      return getCall(callId);
    },
    // Remembered for the title's next calls; while a call is live the background's next save takes
    // it from there (the view offers a live call's kind only when the call has a title).
    async setMeetingKind(id, meetingKind) {
      const record = await getCall(id);
      if (record) await rememberMeetingKind(record.title, meetingKind);
      return updateCall(id, (current) => ({ ...current, meetingKind }));
    },
    async startTabCapture() {
      const tabId = await tabIdPromise;
      if (tabId === null) return { ok: false, message: t('live.noTab') };
      return sendMessage('background.startTabCapture', tabId);
    },
    async stopTabCapture() {
      const tabId = await tabIdPromise;
      if (tabId !== null) await sendMessage('background.stopTabCapture', tabId);
    },
    async setPaused(paused) {
      const tabId = await tabIdPromise;
      if (tabId !== null) await sendMessage('background.setPaused', { tabId, paused });
    },
    openSettings: () => void browser.runtime.openOptionsPage(),
    openWelcome: () => void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }),
  };

  const render = () => root.render(<PopupApp data={data} actions={actions} />);
  const update = (patch: Partial<PopupData>) => {
    data = { ...data, ...patch };
    render();
  };
  render();
  // Damaged records are skipped by every read; the person is told how many, and where to see them.
  onDamagedCalls((damaged) => update({ damagedCalls: damaged.length }));

  settingsItem.watch((next) => update({ settings: next }));
  const refreshLive = async () => {
    const status = await tabStatus(await tabIdPromise);
    if (status !== null || data.tabStatus !== null) update({ tabStatus: status });
  };
  void refreshLive();
  setInterval(() => void refreshLive(), LIVE_REFRESH_MS);

  // Retention is applied whenever the person looks at their calls; it is cheap (an index range).
  const cutoff = retentionCutoffMs(settings, Date.now());
  if (cutoff !== null) void deleteCallsStartedBefore(cutoff);
}

void main();
