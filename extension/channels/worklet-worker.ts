// Route: the capture AudioWorklet ⇄ the speech model's worker, over a MessagePort whose ends the
// content script hands out (one to the worklet, one through the extension frame to the worker), so
// a call's classifications never cross a main thread.
import type { SpeechClassifier } from '../../lib/engine/types';
import { openPortChannel, type PortLike, type Protocol } from './port-channel';

export interface WorkletToWorker extends Protocol {
  messages: Record<never, never>;
  requests: {
    /** A ≈0.975 s window of one channel → its speech score, 0..1. */
    classify: { request: { samples: Float32Array; sampleRate: number }; reply: number };
  };
}

export interface WorkerToWorklet extends Protocol {
  messages: Record<never, never>;
  requests: Record<never, never>;
}

/** Worklet side: the speech model as the engine asks it. No timeout here: the engine's own
 *  watchdog gives up on a verdict missing for long (lib/engine/gate.ts). */
export function portClassifier(port: PortLike): SpeechClassifier {
  const channel = openPortChannel<WorkletToWorker, WorkerToWorklet>(port);
  return async (clip, sampleRate) => {
    // A copy: the engine reuses its window buffer, and transferring would detach it.
    const samples = clip.slice();
    // An unanswered window (the channel closed) counts as speech: the detector's decision stands.
    return (await channel.request('classify', { samples, sampleRate }, { transfer: [samples.buffer] })) ?? 1;
  };
}

/** Worker side: answers the worklet's windows with `classify`. */
export function serveClassifier(
  port: PortLike,
  classify: (samples: Float32Array, sampleRate: number) => Promise<number>,
): void {
  openPortChannel<WorkerToWorklet, WorkletToWorker>(port, {
    requests: { classify: ({ samples, sampleRate }) => classify(samples, sampleRate) },
  });
}
