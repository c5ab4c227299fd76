// Route: the capture worklet's words (extension/words/live-words.ts) ⇄ the speech recogniser's
// worker (entrypoints/words-worker.ts), over a MessagePort the content script sets up through the
// extension frame (content-frame.ts, frame-recogniser.ts). Only my speech, and the other side's turn
// before one of mine where a restatement needs it, ever crosses; text comes back and is read into
// counts in the worklet.
import type { Protocol } from './port-channel';

export interface WorkletToRecogniser extends Protocol {
  messages: Record<never, never>;
  requests: {
    /** Speech at `sampleRate` → its text; null: not transcribed (the recogniser is unavailable,
     *  failed, or too far behind). */
    transcribe: { request: { samples: Float32Array; sampleRate: number }; reply: string | null };
  };
}

export interface RecogniserToWorklet extends Protocol {
  messages: {
    /** The recogniser loaded, or why not: without it every turn counts as missed. */
    ready: { ok: boolean; error?: string };
  };
  requests: Record<never, never>;
}
