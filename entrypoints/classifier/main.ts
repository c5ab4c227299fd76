// The extension frame the content script embeds (hidden) in the meeting page: extension-origin work
// for the page's coach. It runs the speech-model worker (and, for a call with words on, the speech
// recogniser's) and relays tab audio from the offscreen document; it talks only through the private
// port the content script hands it (extension/channels/frame-handshake.ts, content-frame.ts,
// frame-worker.ts, frame-recogniser.ts, offscreen-frame.ts).
import { browser } from 'wxt/browser';
import type { ContentToFrame, FrameToContent } from '../../extension/channels/content-frame';
import { acceptFramePort } from '../../extension/channels/frame-handshake';
import type { FrameToRecogniser, RecogniserToFrame } from '../../extension/channels/frame-recogniser';
import type { FrameToWorker, WorkerToFrame } from '../../extension/channels/frame-worker';
import type { TabAudioMessage } from '../../extension/channels/offscreen-frame';
import { openPortChannel, type PortChannel } from '../../extension/channels/port-channel';
import { sendMessage } from '../../extension/messages';

function serve(port: MessagePort): void {
  const worker = openPortChannel<FrameToWorker, WorkerToFrame>(
    new Worker(browser.runtime.getURL('/classifier-worker.js')),
  );
  let relay: BroadcastChannel | null = null;
  let recogniser: { worker: Worker; channel: PortChannel<FrameToRecogniser> } | null = null;
  const content = openPortChannel<FrameToContent, ContentToFrame>(port, {
    messages: {
      'classifier-port': (classifierPort) => worker.send('classifier-port', classifierPort, [classifierPort]),
      'recogniser-port': (recogniserPort) => {
        // Started only when a call with words on begins: off, the recogniser never loads.
        if (!recogniser) {
          const started = new Worker(browser.runtime.getURL('/words-worker.js'));
          recogniser = { worker: started, channel: openPortChannel<FrameToRecogniser, RecogniserToFrame>(started) };
        }
        recogniser.channel.send('recogniser-port', recogniserPort, [recogniserPort]);
      },
      'recogniser-stop': () => {
        recogniser?.channel.close();
        recogniser?.worker.terminate();
        recogniser = null;
      },
      'relay-tab-audio': (name) => {
        relay?.close();
        relay = null;
        if (name === null) return;
        relay = new BroadcastChannel(name);
        relay.onmessage = (message: MessageEvent<TabAudioMessage>) =>
          content.send('tab-audio', message.data.samples, [message.data.samples.buffer]);
      },
    },
    requests: {
      hello: () => true,
      ready: async () =>
        (await worker.request('ready', null)) ?? { model: false, error: 'the speech model’s worker stopped' },
    },
  });
}

// The tab's secret, from the background (which gives it only to this tab's content script and to
// this frame): only a connection that shows it is served.
acceptFramePort(
  sendMessage('background.frameToken', undefined).catch(() => null),
  serve,
);
