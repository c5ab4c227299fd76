// Messages across the capture AudioWorklet's port (entrypoints/capture-worklet.ts ⇄ audio-graph.ts).

/** Registered name of the capture processor. */
export const CAPTURE_PROCESSOR = 'listening-coach-capture';

/** Samples per chunk posted by the worklet: 40 ms at 16 kHz. Small enough for a turn change to
 *  reach the overlay well within 250 ms, large enough to keep messages at 25 per second. */
export const CHUNK_FRAMES = 640;

/** Input indexes of the capture node. */
export const SELF_INPUT = 0;
export const OTHERS_INPUT = 1;

/** Worklet → main thread: the next chunk of both channels; `null` = nothing connected (silence). */
export interface CaptureChunk {
  self: Float32Array | null;
  others: Float32Array | null;
  /** Audio-clock frame just after the chunk's last sample (for latency measurements). */
  endFrame: number;
}

/** Main thread → worklet. */
export type WorkletCommand =
  /** Take the others channel from `others-samples` messages (tab audio relayed from the offscreen
   *  document) instead of the node's second input. */
  | { type: 'external-others'; enabled: boolean }
  | { type: 'others-samples'; samples: Float32Array };
