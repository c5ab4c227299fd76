// The background's wiring: every message handler checks its sender (extension/sender.ts), then
// hands over to calls.ts (records), tab-capture.ts (stream ids) or custom-sites.ts (content scripts
// for the sites the person added). Tab status is kept in session storage for the popup.
import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from '../messages';
import { settingsItem } from '../settings';
import { requireContentScript, requireExtensionPage } from '../sender';
import { closeCallsOfTab, recoverOrphanedCalls, saveCheckIn, saveProgress, startCall } from './calls';
import { syncCustomSiteScripts } from './custom-sites';
import { sessionStore } from './session-store';
import { startTabCapture, stopTabCapture, toggleTabCapture } from './tab-capture';

export function startBackground(): void {
  onMessage('background.callStarted', async ({ data, sender }) => {
    const tabId = requireContentScript(sender);
    const callId = await startCall(tabId, data);
    return { callId, tabAudioChannel: (await sessionStore.getTabCapture(tabId))?.channel ?? null };
  });
  onMessage('background.callProgress', ({ data, sender }) => saveProgress(requireContentScript(sender), data));
  onMessage('background.tabStatus', ({ data, sender }) => sessionStore.setTabStatus(requireContentScript(sender), data));

  onMessage('background.getTabStatus', ({ data: tabId, sender }) => {
    requireExtensionPage(sender);
    return sessionStore.getTabStatus(tabId);
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

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-tab-capture' && tab?.id !== undefined) void toggleTabCapture(tab.id);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void stopTabCapture(tabId);
    void sessionStore.removeTabStatus(tabId);
    void closeCallsOfTab(tabId);
  });
  // Sites the person added: their content scripts follow the list and the granted permissions.
  const syncCustomSites = async () => syncCustomSiteScripts((await settingsItem.getValue()).customSites);
  settingsItem.watch((settings) => void syncCustomSiteScripts(settings.customSites));
  browser.permissions.onAdded.addListener(() => void syncCustomSites());
  browser.permissions.onRemoved.addListener(() => void syncCustomSites());

  browser.runtime.onStartup.addListener(() => void recoverOrphanedCalls());
  browser.runtime.onInstalled.addListener(() => {
    void recoverOrphanedCalls();
    void syncCustomSites();
  });
}
