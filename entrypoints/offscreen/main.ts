// The offscreen document (reason USER_MEDIA): holds the tab-capture streams, one pump per tab.
import { openTabStream, TabAudioPump } from '../../extension/capture/tab-audio-pump';
import { browser } from 'wxt/browser';
import { onMessage, PORT_NAMES } from '../../extension/messages';
import { isExtensionPage } from '../../extension/sender';

// A port to the background, so it learns when this document dies (tab capture then ends cleanly).
// It ends too when the service worker stops; connecting again wakes it, as the tab's saves do anyway.
function holdPort(): void {
  browser.runtime.connect({ name: PORT_NAMES.offscreen }).onDisconnect.addListener(() => setTimeout(holdPort, 1000));
}
holdPort();

const pumps = new Map<number, Promise<TabAudioPump>>();

onMessage('offscreen.startTabCapture', async ({ data: { streamId, tabId, channel }, sender }) => {
  if (!isExtensionPage(sender) || pumps.has(tabId)) return;
  const pump = openTabStream(streamId).then((stream) => TabAudioPump.start(stream, channel));
  pumps.set(tabId, pump);
  pump.catch(() => pumps.delete(tabId));
  await pump;
});

onMessage('offscreen.stopTabCapture', async ({ data: tabId, sender }) => {
  if (!isExtensionPage(sender)) return;
  const pump = pumps.get(tabId);
  pumps.delete(tabId);
  await (await pump?.catch(() => null))?.stop();
});
