// The end-of-call recap, as the extension's pages see it: the optional `notifications` permission
// it needs (asked inside a click, on the welcome page or in the settings), and which call's summary
// a clicked recap asked the popup to open (read once, then cleared; session storage, so it means
// nothing after a browser restart).
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

const NOTIFICATIONS = { permissions: ['notifications' as const] };

export const notificationsAllowed = (): Promise<boolean> =>
  browser.permissions.contains(NOTIFICATIONS).catch(() => false);

/** Must be the first thing a click handler awaits: Chrome shows the prompt only inside the click. */
export const askForNotifications = (): Promise<boolean> =>
  browser.permissions.request(NOTIFICATIONS).catch(() => false);

const recapRequestItem = storage.defineItem<string | null>('session:recapCallId', { fallback: null });

export const requestRecap = (callId: string) => recapRequestItem.setValue(callId);

export async function takeRecapRequest(): Promise<string | null> {
  const callId = await recapRequestItem.getValue();
  if (callId !== null) await recapRequestItem.setValue(null);
  return callId;
}
