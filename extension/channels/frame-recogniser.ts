// Route: the extension frame (entrypoints/classifier/) ⇄ the speech recogniser's worker it starts
// for a call with words on (entrypoints/words-worker.ts), over the Worker itself.
import type { Protocol } from './port-channel';

export interface FrameToRecogniser extends Protocol {
  messages: {
    /** A port on which a call's capture worklet asks for text itself (worklet-recogniser.ts). */
    'recogniser-port': MessagePort;
  };
  requests: Record<never, never>;
}

export interface RecogniserToFrame extends Protocol {
  messages: Record<never, never>;
  requests: Record<never, never>;
}
