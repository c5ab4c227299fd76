// The offscreen document (reason USER_MEDIA): holds the tab-capture streams, one pump per tab.
import { openTabStream, TabAudioPump } from '../../extension/capture/tab-audio-pump';
import { onMessage } from '../../extension/messages';
import { isExtensionPage } from '../../extension/sender';

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
