// Route: the extension frame (entrypoints/classifier/) ⇄ the speech model's worker inside it
// (entrypoints/classifier-worker.ts), over the Worker itself.
import type { Protocol } from './port-channel';

/** The model came up, or why not (absent file, failed load): the engine then runs on its detector. */
export interface ModelReady {
  model: boolean;
  error?: string;
}

export interface FrameToWorker extends Protocol {
  messages: {
    /** A port on which the capture worklet asks for verdicts itself (worklet-worker.ts). */
    'classifier-port': MessagePort;
  };
  requests: {
    /** Answered once the model has loaded or failed to. */
    ready: { request: null; reply: ModelReady };
  };
}

export interface WorkerToFrame extends Protocol {
  messages: Record<never, never>;
  requests: Record<never, never>;
}
