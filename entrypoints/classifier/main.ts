// The extension frame the content script embeds (hidden) in the meeting page: extension-origin work
// for the page's coach. It runs the speech-model worker and relays tab audio from the offscreen
// document; it talks only through the private port the content script hands it.
import { browser } from 'wxt/browser';
import {
  CONNECT_FRAME,
  type FrameReply,
  type FrameRequest,
  type SpeechWorkerReply,
} from '../../extension/classifier/protocol';
import type { TabAudioMessage } from '../../extension/capture/tab-audio-relay';

function serve(port: MessagePort): void {
  const send = (message: FrameReply, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  const worker = new Worker(browser.runtime.getURL('/classifier-worker.js'));
  worker.onmessage = (event: MessageEvent<SpeechWorkerReply>) => send(event.data);

  let relay: BroadcastChannel | null = null;
  port.onmessage = (event: MessageEvent<FrameRequest>) => {
    const request = event.data;
    if (request.type === 'classify') {
      worker.postMessage(request, [request.samples.buffer]);
      return;
    }
    relay?.close();
    relay = null;
    if (request.channel === null) return;
    relay = new BroadcastChannel(request.channel);
    relay.onmessage = (message: MessageEvent<TabAudioMessage>) =>
      send({ type: 'tab-audio', samples: message.data.samples }, [message.data.samples.buffer]);
  };
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || event.data?.type !== CONNECT_FRAME || !event.ports[0]) return;
  serve(event.ports[0]);
});
