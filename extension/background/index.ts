// The background's wiring: every message handler checks its sender (extension/sender.ts), then
// hands over to calls.ts (records), tab-capture.ts (stream ids), custom-sites.ts (content scripts
// for the sites the person added) or open-tabs.ts (meeting tabs open across an update). Tab status
// is kept in session storage for the popup.
//
// Faults it watches for: a meeting page that goes without a word (renderer crash, kill, navigation)
// ends its long-lived port, and its call is recovered from the last save; a full disk is told to the
// page and the popup; an offscreen document that dies ends tab capture cleanly; calls of tabs that
// went while the worker was stopped are recovered when it starts again.
import { browser, type Browser } from 'wxt/browser';
import { t } from '../../components/say';
import { onMessage, PORT_NAMES, sendMessage } from '../messages';
import { settingsItem } from '../settings';
import {
  contentScriptTab,
  extensionFrameTab,
  isExtensionPage,
  requireContentScript,
  requireExtensionPage,
  UntrustedSenderError,
} from '../sender';
import {
  closeCallsOfTab,
  recoverCallsOfMissingTabs,
  recoverOrphanedCalls,
  resumeCall,
  saveCheckIn,
  saveProgress,
  startCall,
  storageFullInTab,
} from './calls';
import { syncCustomSiteScripts } from './custom-sites';
import { injectIntoOpenMeetingTabs } from './open-tabs';
import { watchRecapClicks } from './recap';
import { sessionStore } from './session-store';
import { offscreenDocumentGone, startTabCapture, stopTabCapture, toggleTabCapture } from './tab-capture';

type Port = Browser.runtime.Port;

/** Connected meeting pages per tab (in memory: a restarted worker hears from each page again). */
const meetingPages = new Map<number, Set<Port>>();
/** Tabs told that their saves do not fit on the disk. */
const storageFullTabs = new Set<number>();

export function startBackground(): void {
  onMessage('background.callStarted', async ({ data, sender }) => {
    const tabId = requireContentScript(sender);
    const callId = await startCall(tabId, data);
    return { callId, tabAudioChannel: (await sessionStore.getTabCapture(tabId))?.channel ?? null };
  });
  onMessage('background.callProgress', async ({ data, sender }) => {
    const tabId = requireContentScript(sender);
    const outcome = await saveProgress(tabId, data);
    const full = outcome === 'storage-full';
    if (outcome === 'ignored' || full === storageFullTabs.has(tabId)) return;
    if (full) storageFullTabs.add(tabId);
    else storageFullTabs.delete(tabId);
    await sendMessage('content.storageFull', full, tabId).catch(() => {});
  });
  onMessage('background.callResumed', ({ data, sender }) => resumeCall(requireContentScript(sender), data.callId));
  onMessage('background.tabStatus', ({ data, sender }) =>
    sessionStore.setTabStatus(requireContentScript(sender), data),
  );
  onMessage('background.frameToken', ({ sender }) => {
    const tabId = contentScriptTab(sender) ?? extensionFrameTab(sender);
    if (tabId === null) throw new UntrustedSenderError(`refused a message from ${sender.url ?? 'unknown'}`);
    return sessionStore.frameToken(tabId);
  });

  onMessage('background.getTabStatus', async ({ data: tabId, sender }) => {
    requireExtensionPage(sender);
    const status = await sessionStore.getTabStatus(tabId);
    return status && (await storageFullInTab(tabId)) ? { ...status, message: t('status.storageFull') } : status;
  });
  onMessage('background.startTabCapture', ({ data: tabId, sender }) => {
    requireExtensionPage(sender);
    return startTabCapture(tabId);
  });
  onMessage('background.stopTabCapture', ({ data: tabId, sender }) => {
    requireExtensionPage(sender);
    return stopTabCapture(tabId);
  });
  onMessage('background.setPaused', ({ data: { tabId, paused }, sender }) => {
    requireExtensionPage(sender);
    return sendMessage('content.setPaused', paused, tabId);
  });
  onMessage('background.saveCheckIn', ({ data, sender }) => {
    requireExtensionPage(sender);
    return saveCheckIn(data.callId, data.checkIn);
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === PORT_NAMES.meetingPage) watchMeetingPage(port);
    else if (port.name === PORT_NAMES.offscreen) watchOffscreenDocument(port);
    else port.disconnect();
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-tab-capture' && tab?.id !== undefined) void toggleTabCapture(tab.id);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    storageFullTabs.delete(tabId);
    void stopTabCapture(tabId);
    void sessionStore.removeTabStatus(tabId);
    void sessionStore.removeFrameToken(tabId);
    void closeCallsOfTab(tabId);
  });
  // Sites the person added: their content scripts follow the list and the granted permissions.
  const syncCustomSites = async () => syncCustomSiteScripts((await settingsItem.getValue()).customSites);
  settingsItem.watch((settings) => void syncCustomSiteScripts(settings.customSites));
  browser.permissions.onAdded.addListener(() => void syncCustomSites());
  browser.permissions.onRemoved.addListener(() => void syncCustomSites());

  watchRecapClicks();
  browser.runtime.onStartup.addListener(() => void recoverOrphanedCalls());
  browser.runtime.onInstalled.addListener(({ reason }) => {
    // The first minute: what the coach does, pinning it, a mic check, the sites and Zoom.
    if (reason === 'install')
      void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }).catch(() => {});
    void (async () => {
      await recoverOrphanedCalls();
      await syncCustomSites();
      // Install, update or reload: scripts of before are cut off (a browser update restarts pages).
      if (reason === 'install' || reason === 'update')
        await injectIntoOpenMeetingTabs((await settingsItem.getValue()).customSites);
    })();
  });

  // Every start of the worker, including a restart after it was stopped mid-call.
  void recoverCallsOfMissingTabs((tabId) =>
    browser.tabs.get(tabId).then(
      () => true,
      () => false,
    ),
  );
  void offscreenDocumentGone();
}

/** A meeting page's content script holds this port while it has a call; it ends with the page. */
function watchMeetingPage(port: Port): void {
  const tabId = port.sender ? contentScriptTab(port.sender) : null;
  if (tabId === null) return port.disconnect();
  const ports = meetingPages.get(tabId) ?? new Set<Port>();
  meetingPages.set(tabId, ports);
  ports.add(port);
  port.onDisconnect.addListener(() => {
    ports.delete(port);
    // A page that crashed or went away without its final save: recovered from the last save,
    // unless the tab's page is back by then (a new script connected).
    void closeCallsOfTab(tabId, () => (meetingPages.get(tabId)?.size ?? 0) > 0);
  });
}

function watchOffscreenDocument(port: Port): void {
  if (!port.sender || !isExtensionPage(port.sender)) return port.disconnect();
  // It reconnects when this worker restarts; a disconnect it did not come back from is a death.
  port.onDisconnect.addListener(() => void offscreenDocumentGone());
}
