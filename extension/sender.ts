// Who may talk to the background. Only this extension's own pages (popup, options, offscreen) and
// its content scripts in the top frame of an https meeting tab; each message kind accepts one of the
// two. A content script runs in the meeting site's renderer, so it gets only the calls of its own
// tab: never another tab's status, tab capture, or the call history.
import { browser, type Browser } from 'wxt/browser';

type Sender = Browser.runtime.MessageSender;

export class UntrustedSenderError extends Error {}

export function isExtensionPage(sender: Sender): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

/** The tab of a content script of ours in a top frame, or null for any other sender. */
export function contentScriptTab(sender: Sender): number | null {
  if (sender.id !== browser.runtime.id || isExtensionPage(sender)) return null;
  if (sender.frameId !== 0 || sender.tab?.id === undefined) return null;
  return sender.url?.startsWith('https://') ? sender.tab.id : null;
}

/** The tab of our extension frame (classifier.html) embedded in a page, or null for any other sender. */
export function extensionFrameTab(sender: Sender): number | null {
  if (!isExtensionPage(sender) || !sender.url?.startsWith(browser.runtime.getURL('/classifier.html'))) return null;
  return sender.tab?.id ?? null;
}

export function requireExtensionPage(sender: Sender): void {
  if (!isExtensionPage(sender)) throw new UntrustedSenderError(`refused a message from ${sender.url ?? 'unknown'}`);
}

export function requireContentScript(sender: Sender): number {
  const tabId = contentScriptTab(sender);
  if (tabId === null) throw new UntrustedSenderError(`refused a message from ${sender.url ?? 'unknown'}`);
  return tabId;
}
