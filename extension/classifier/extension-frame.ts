// Content-script side of the extension frame (entrypoints/classifier/): embeds it hidden in the
// meeting page, hands it a private MessagePort, and exposes the speech model as an async
// SpeechClassifier plus the relayed tab audio.
import { browser } from 'wxt/browser';
import type { SpeechClassifier } from '../../lib/engine/types';
import { sendMessage } from '../messages';
import { CONNECT_FRAME, type FrameReply, type FrameRequest } from './protocol';

/** Loading MediaPipe takes ≈0.4 s on an idle machine and several seconds on a busy one; a frame
 *  the page blocks (CSP frame-src) never answers. */
const FRAME_READY_TIMEOUT_MS = 20_000;

export interface ExtensionFrame {
  /** null when the model is absent or could not load: the engine runs on its 10 ms detector. */
  classifier: SpeechClassifier | null;
  /** Why there is no classifier, for the settings/overlay message. */
  modelError: string | null;
  /** Gives the speech model's worker one end of a channel; whoever holds the other end (the
   *  capture worklet) asks it for verdicts directly. Only meaningful when `classifier` is set. */
  connectClassifier(port: MessagePort): void;
  /** Relay tab audio published on this BroadcastChannel (null = stop); samples go to `onTabAudio`. */
  relayTabAudio(channel: string | null, onTabAudio?: (samples: Float32Array) => void): void;
  /** Gives the speech recogniser's worker (started on first use) one end of a channel, the capture
   *  worklet's words the other (extension/words/); `stopWords` ends the worker. */
  connectWords(port: MessagePort): void;
  stopWords(): void;
  remove(): void;
}

export async function openExtensionFrame(signal: AbortSignal): Promise<ExtensionFrame> {
  const iframe = document.createElement('iframe');
  iframe.src = browser.runtime.getURL('/classifier.html');
  iframe.setAttribute('aria-hidden', 'true');
  iframe.tabIndex = -1;
  iframe.style.cssText = 'display:none!important';
  const loaded = new Promise<void>((resolve) => iframe.addEventListener('load', () => resolve(), { once: true }));
  // documentElement, not body: single-page meeting apps re-render body content.
  document.documentElement.append(iframe);

  const channel = new MessageChannel();
  const port = channel.port1;
  const send = (message: FrameRequest, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  const pending = new Map<number, (score: number) => void>();
  let nextId = 0;
  let onTabAudio: ((samples: Float32Array) => void) | undefined;

  const ready = new Promise<{ model: boolean; error?: string }>((resolve) => {
    const timer = setTimeout(() => resolve({ model: false, error: 'the speech model frame did not load' }), FRAME_READY_TIMEOUT_MS);
    port.onmessage = (event: MessageEvent<FrameReply>) => {
      const reply = event.data;
      if (reply.type === 'ready') {
        clearTimeout(timer);
        resolve(reply);
      } else if (reply.type === 'score') {
        pending.get(reply.id)?.(reply.score);
        pending.delete(reply.id);
      } else {
        onTabAudio?.(reply.samples);
      }
    };
  });

  const remove = () => {
    port.close();
    iframe.remove();
    // Unanswered windows count as "speech": the 10 ms detector's decision stands.
    for (const resolve of pending.values()) resolve(1);
    pending.clear();
  };
  signal.addEventListener('abort', remove, { once: true });

  // The frame serves only whoever shows this tab's secret, which the page never sees: it comes from
  // the background to this isolated world and to the frame, and travels only to the frame's origin.
  const token = sendMessage('background.frameToken', undefined).catch(() => null);
  void loaded.then(async () =>
    iframe.contentWindow?.postMessage({ type: CONNECT_FRAME, token: await token }, new URL(iframe.src).origin, [channel.port2]),
  );
  const { model, error } = await ready;

  const classifier: SpeechClassifier = (window, sampleRate) =>
    new Promise<number>((resolve) => {
      if (signal.aborted) return resolve(1);
      const id = nextId++;
      pending.set(id, resolve);
      // A copy: the engine may reuse its window buffer, and transferring would detach it.
      const samples = window.slice();
      send({ type: 'classify', id, samples, sampleRate }, [samples.buffer]);
    });

  return {
    classifier: model ? classifier : null,
    modelError: model ? null : (error ?? 'speech model unavailable'),
    connectClassifier(classifierPort) {
      send({ type: 'classifier-port', port: classifierPort }, [classifierPort]);
    },
    relayTabAudio(channelName, callback) {
      onTabAudio = callback;
      send({ type: 'relay-tab-audio', channel: channelName });
    },
    connectWords(wordsPort) {
      send({ type: 'words-port', port: wordsPort }, [wordsPort]);
    },
    stopWords() {
      send({ type: 'words-stop' });
    },
    remove,
  };
}
