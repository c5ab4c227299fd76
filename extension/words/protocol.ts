// Messages between the capture worklet's words (extension/words/live-words.ts) and the recogniser
// worker (entrypoints/words-worker.ts), over a MessagePort the content script sets up through the
// extension frame. Only my speech, and the other side's turn before one of mine where a restatement
// needs it, ever crosses; text comes back and is read into counts in the worklet.

/** Worklet → worker: the speech to transcribe, at `sampleRate`. */
export interface TranscribeRequest {
  type: 'transcribe';
  id: number;
  samples: Float32Array;
  sampleRate: number;
}

/** Worker → worklet. */
export type RecogniserReply =
  /** `text` null: not transcribed (the recogniser is unavailable, failed, or too far behind). */
  | { type: 'text'; id: number; text: string | null }
  | { type: 'ready'; ok: boolean; error?: string };

/** Frame → worker: serve this port (one per call). */
export type RecogniserCommand = { type: 'port'; port: MessagePort };

/** Where the build puts the recogniser's files (wxt.config.ts), relative to the extension root. */
export const RECOGNISER_FILES = {
  encoder: '/words/encoder_model.onnx',
  decoder: '/words/decoder_model_merged.onnx',
  vocabulary: '/words/vocabulary.txt',
  runtimeDir: '/words/',
} as const;
