// Route: the content script ⇄ the extension frame it embeds in the meeting page
// (extension/classifier/extension-frame.ts ⇄ entrypoints/classifier/main.ts), over the private
// MessagePort the window handshake delivers (frame-handshake.ts).
import type { ModelReady } from './frame-worker';
import type { Protocol } from './port-channel';

export interface ContentToFrame extends Protocol {
  messages: {
    /** Hand this port to the model's worker (the other end goes to the capture worklet). */
    'classifier-port': MessagePort;
    /** Relay tab audio published by the offscreen document on this BroadcastChannel (null = stop). */
    'relay-tab-audio': string | null;
    /** Start the speech recogniser's worker if needed and hand it this port (the other end goes to
     *  the capture worklet's words, worklet-recogniser.ts). */
    'recogniser-port': MessagePort;
    /** The call with words is over: stop the recogniser's worker (its model leaves memory). */
    'recogniser-stop': null;
  };
  requests: {
    /** Answered at once: the handshake worked and the frame serves this port. */
    hello: { request: null; reply: true };
    /** Answered when the model's worker is up (or has failed to load the model). */
    ready: { request: null; reply: ModelReady };
  };
}

export interface FrameToContent extends Protocol {
  messages: {
    /** Relayed tab audio: mono samples at the capture rate. */
    'tab-audio': Float32Array;
  };
  requests: Record<never, never>;
}
