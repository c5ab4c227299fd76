// The recap at the end of a call: one notification with the headline (my talk share against the
// fair share, the tip for next time) that opens the call's summary. A setting, on by default; shown
// only once the person allowed notifications (an optional permission: no install warning for
// those who never want it).
import { browser } from 'wxt/browser';
import { t, say } from '../../components/say';
import { formatDuration, formatPercent } from '../../lib/coaching/format';
import { assessCall } from '../../lib/coaching/habits';
import { fairShare } from '../../lib/coaching/share';
import type { CallRecord } from '../../lib/record/types';
import type { Settings } from '../../lib/settings';
import { notificationsAllowed, requestRecap } from '../recap';
import { settingsItem } from '../settings';

/** Shorter calls get no recap: there is too little to say. */
export const MIN_RECAP_SEC = 60;
const ID_PREFIX = 'recap:';

export interface Recap {
  title: string;
  message: string;
}

/** The notification's words: "Weekly sync · 32 min" / "You talked 41% (fair share 25%). Tip: …". */
export function recapFor(record: CallRecord, settings: Settings): Recap {
  const share = formatPercent(record.metrics.talkShare);
  const fair = fairShare(record.participants);
  const headline =
    fair === null
      ? t('recap.shareTarget', [share, formatPercent(settings.targetShare[record.meetingKind])])
      : t('recap.shareFair', [share, formatPercent(fair)]);
  const name = record.title ?? t('recap.untitled');
  return {
    title: t('recap.title', [name, formatDuration(record.durationSec)]),
    message: `${headline} ${t('recap.tip', [say(assessCall(record, settings).tip)])}`,
  };
}

/** Called once per call, when its record closes. */
export async function showRecap(record: CallRecord): Promise<void> {
  const settings = await settingsItem.getValue();
  if (!settings.recapNotification || record.durationSec < MIN_RECAP_SEC) return;
  if (!(await notificationsAllowed()) || !browser.notifications) return;
  const { title, message } = recapFor(record, settings);
  await browser.notifications
    .create(`${ID_PREFIX}${record.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title,
      message,
      contextMessage: t('recap.open'),
    })
    .catch((error: unknown) => console.warn('[listening-coach] recap notification failed', error));
}

/** The person rejoined: the call goes on, and its recap waits for the real end. */
export async function withdrawRecap(callId: string): Promise<void> {
  await browser.notifications?.clear(`${ID_PREFIX}${callId}`).catch(() => false);
}

async function openSummary(callId: string): Promise<void> {
  await requestRecap(callId);
  try {
    // The toolbar popup, where the summary lives (Chrome 127+).
    await browser.action.openPopup();
  } catch {
    // No focused window to hold a popup: the same page in a tab.
    await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?call=${encodeURIComponent(callId)}`) });
  }
}

/** Clicks on a recap open its summary. The API exists only while notifications are allowed, so
 *  the listener is added at start when it is, and when the person allows it later. */
export function watchRecapClicks(): void {
  let watching = false;
  const watch = () => {
    if (watching || !browser.notifications) return;
    watching = true;
    browser.notifications.onClicked.addListener((id) => {
      if (!id.startsWith(ID_PREFIX)) return;
      void browser.notifications.clear(id);
      void openSummary(id.slice(ID_PREFIX.length));
    });
  };
  watch();
  browser.permissions.onAdded.addListener((added) => {
    if (added.permissions?.includes('notifications')) watch();
  });
}
