// Content-script side of the extension frame (entrypoints/classifier/): embeds it hidden in the
// meeting page, hands it a private MessagePort (channels/frame-handshake.ts), and follows the
// speech model's state: loading, ready (the capture worklet then gets a port to its worker), or
// absent. A busy machine may take many seconds to load the model; calls meanwhile run on the 10 ms
// detector and take the model when it comes. A frame whose handshake goes unanswered (the page
// blocked it, the tab's secret came late) is replaced, a few times.
import { browser } from 'wxt/browser';
import type { ContentToFrame, FrameToContent } from '../channels/content-frame';
import { offerFramePort } from '../channels/frame-handshake';
import type { ModelReady } from '../channels/frame-worker';
import { openPortChannel, type PortChannel } from '../channels/port-channel';
import { sendMessage } from '../messages';

/** The frame answers its handshake within this long of loading, or it is replaced… */
const HELLO_TIMEOUT_MS = 10_000;
/** …this many times in all. */
const FRAME_ATTEMPTS = 3;

export type ModelState = 'loading' | 'ready' | 'absent';

export interface ExtensionFrame {
  readonly model: ModelState;
  /** Why the model is absent. */
  readonly modelError: string | null;
  /** Called when `model` changes; returns the unsubscribe. */
  onModelChange(listener: () => void): () => void;
  /** Gives the speech model's worker one end of a channel; whoever holds the other end (the
   *  capture worklet) asks it for verdicts directly. Only when the model is ready. */
  connectClassifier(port: MessagePort): void;
  /** Relay tab audio published on this BroadcastChannel (null = stop); samples go to `onTabAudio`. */
  relayTabAudio(channel: string | null, onTabAudio?: (samples: Float32Array) => void): void;
  /** Gives the speech recogniser's worker (started on first use) one end of a channel, the capture
   *  worklet's words the other (channels/worklet-recogniser.ts); `stopWords` ends the worker. */
  connectWords(port: MessagePort): void;
  stopWords(): void;
}

export function openExtensionFrame(signal: AbortSignal): ExtensionFrame {
  let model: ModelState = 'loading';
  let modelError: string | null = null;
  const listeners = new Set<() => void>();
  let onTabAudio: ((samples: Float32Array) => void) | undefined;
  let relayChannel: string | null = null;
  let current: { iframe: HTMLIFrameElement; channel: PortChannel<ContentToFrame>; served: boolean } | null = null;

  const settle = (ready: ModelReady) => {
    if (model !== 'loading') return;
    model = ready.model ? 'ready' : 'absent';
    modelError = ready.model ? null : (ready.error ?? 'speech model unavailable');
    for (const listener of listeners) listener();
  };

  const open = async (left: number): Promise<void> => {
    const iframe = document.createElement('iframe');
    iframe.src = browser.runtime.getURL('/classifier.html');
    iframe.setAttribute('aria-hidden', 'true');
    iframe.tabIndex = -1;
    iframe.style.cssText = 'display:none!important';
    const loaded = new Promise<void>((resolve) => iframe.addEventListener('load', () => resolve(), { once: true }));
    // documentElement, not body: single-page meeting apps re-render body content.
    document.documentElement.append(iframe);
    const { port1, port2 } = new MessageChannel();
    const channel = openPortChannel<ContentToFrame, FrameToContent>(port1, {
      messages: { 'tab-audio': (samples) => onTabAudio?.(samples) },
    });
    const attempt = { iframe, channel, served: false };
    current = attempt;
    const token = await sendMessage('background.frameToken', undefined).catch(() => null);
    await loaded;
    if (signal.aborted) return;
    offerFramePort(iframe, token, port2);
    const hello = await channel.request('hello', null, { timeoutMs: HELLO_TIMEOUT_MS });
    if (signal.aborted) return;
    if (!hello) {
      channel.close();
      iframe.remove();
      if (left > 1) return open(left - 1);
      return settle({ model: false, error: 'the speech model’s frame did not load' });
    }
    attempt.served = true;
    if (relayChannel) channel.send('relay-tab-audio', relayChannel);
    settle((await channel.request('ready', null)) ?? { model: false, error: 'the speech model’s frame closed' });
  };

  signal.addEventListener(
    'abort',
    () => {
      current?.channel.close();
      current?.iframe.remove();
      current = null;
    },
    { once: true },
  );
  void open(FRAME_ATTEMPTS);

  return {
    get model() {
      return model;
    },
    get modelError() {
      return modelError;
    },
    onModelChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connectClassifier(classifierPort) {
      current?.channel.send('classifier-port', classifierPort, [classifierPort]);
    },
    relayTabAudio(channelName, callback) {
      onTabAudio = callback;
      relayChannel = channelName;
      if (current?.served) current.channel.send('relay-tab-audio', channelName);
    },
    connectWords(wordsPort) {
      current?.channel.send('recogniser-port', wordsPort, [wordsPort]);
    },
    stopWords() {
      current?.channel.send('recogniser-stop', null);
    },
  };
}
