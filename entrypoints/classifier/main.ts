// The extension frame the content script embeds (hidden) in the meeting page: extension-origin work
// for the page's coach. It runs the speech-model worker and relays tab audio from the offscreen
// document; it talks only through the private port the content script hands it.
import { browser } from 'wxt/browser';
import {
  CONNECT_FRAME,
  type FrameReply,
  type FrameRequest,
  type SpeechWorkerCommand,
  type SpeechWorkerReply,
} from '../../extension/classifier/protocol';
import type { TabAudioMessage } from '../../extension/capture/tab-audio-relay';
import type { RecogniserCommand } from '../../extension/words/protocol';
import { sendMessage } from '../../extension/messages';

function serve(port: MessagePort): void {
  const send = (message: FrameReply, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  const worker = new Worker(browser.runtime.getURL('/classifier-worker.js'));
  worker.onmessage = (event: MessageEvent<SpeechWorkerReply>) => send(event.data);

  let relay: BroadcastChannel | null = null;
  let words: Worker | null = null;
  port.onmessage = (event: MessageEvent<FrameRequest>) => {
    const request = event.data;
    if (request.type === 'words-port') {
      // Started only when a call with words on begins: off, the recogniser never loads.
      words ??= new Worker(browser.runtime.getURL('/words-worker.js'));
      words.postMessage({ type: 'port', port: request.port } satisfies RecogniserCommand, [request.port]);
      return;
    }
    if (request.type === 'words-stop') {
      words?.terminate();
      words = null;
      return;
    }
    if (request.type === 'classify') {
      worker.postMessage(request, [request.samples.buffer]);
      return;
    }
    if (request.type === 'classifier-port') {
      worker.postMessage({ type: 'port', port: request.port } satisfies SpeechWorkerCommand, [request.port]);
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

// The meeting page can post to this frame too (it is in its DOM): only a connection that shows this
// tab's secret (from the background, which gives it only to this tab's content script and to this
// frame) is served, and only one, so a page can neither use the model nor listen to relayed audio.
const token = sendMessage('background.frameToken', undefined).catch(() => null);
let served = false;
window.addEventListener('message', (event) => {
  if (served || event.source !== window.parent || event.data?.type !== CONNECT_FRAME || !event.ports[0]) return;
  const port = event.ports[0];
  const offered: unknown = event.data.token;
  void token.then((expected) => {
    if (served || !expected || offered !== expected) return;
    served = true;
    serve(port);
  });
});
