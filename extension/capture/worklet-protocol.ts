// Messages across the capture AudioWorklet's port (entrypoints/capture-worklet.ts ⇄ audio-graph.ts).
import type { AnalysisResult, ConversationEvent, Interval, LiveState } from '../../lib/engine/types';
import type { StoredWords } from '../../lib/words/counts';

/** Registered name of the capture processor. */
export const CAPTURE_PROCESSOR = 'listening-coach-capture';

/** Samples per chunk posted by the worklet in chunk mode (tab audio, mic check): 40 ms at 16 kHz,
 *  25 messages a second. */
export const CHUNK_FRAMES = 640;

/** Input indexes of the capture node. */
export const SELF_INPUT = 0;
export const OTHERS_INPUT = 1;

/** How the processor is built (AudioWorkletNode processorOptions). */
export interface CaptureProcessorOptions {
  /** Run the engine inside the worklet (a call) instead of posting raw chunks. */
  analyze?: boolean;
}

/** Worklet → main thread in chunk mode: the next chunk of both channels; `null` = nothing
 *  connected (silence). */
export interface CaptureChunk {
  self: Float32Array | null;
  others: Float32Array | null;
  /** Audio-clock frame just after the chunk's last sample (for latency measurements). */
  endFrame: number;
}

/** Main thread → worklet once a call's engine can start (analyze mode). */
export interface StartAnalysis {
  /** The speech model's worker, reached directly (extension frame → worker); null: no model. */
  classifierPort: MessagePort | null;
  /** A mic is connected: the call's clock starts at its first non-zero sample. */
  waitForMic: boolean;
  muted: boolean;
  paused: boolean;
  /** Seconds of audio between looks at the live picture: a change the overlay must show at once
   *  (floor holder, mute, a count, new events) is reported at the next look… */
  liveEverySec: number;
  /** …and the picture anyway after this long (clocks, share, nudges' timing). */
  liveQuietSec: number;
  /** "Understand words, on this device": the recogniser's worker (extension/words/); absent: off. */
  wordsPort?: MessagePort | null;
  /** Keep my own questions' text with the call (a second setting). */
  keepMyQuestions?: boolean;
}

/** Main thread → worklet. */
export type WorkletCommand =
  /** Take the others channel from `others-samples` messages (tab audio relayed from the offscreen
   *  document) instead of the node's second input. */
  | { type: 'external-others'; enabled: boolean }
  | { type: 'others-samples'; samples: Float32Array }
  // Analyze mode:
  | ({ type: 'start-analysis' } & StartAnalysis)
  | { type: 'muted'; muted: boolean }
  | { type: 'paused'; paused: boolean }
  /** The result so far, for a save. */
  | { type: 'snapshot'; id: number }
  /** The call is over: no more audio; the final result once the last verdicts are in. */
  | { type: 'finish'; id: number };

/** A result with the meeting's muted stretches as the analysis saw them (seconds of call audio). */
export interface ResultReport {
  result: AnalysisResult;
  muted: Interval[];
  /** The words' counts so far, when words are on. */
  words?: StoredWords;
}

/** Worklet → main thread in analyze mode. */
export type AnalysisReport =
  /** The call's first audio went into the engine (t = 0 of the analysis). */
  | { type: 'started' }
  /** The live picture: when something shown at once changed, else every `liveQuietSec`. */
  | { type: 'live'; live: LiveState; events: ConversationEvent[] }
  | ({ type: 'snapshot'; id: number } & ResultReport)
  | ({ type: 'final'; id: number } & ResultReport)
  | { type: 'classifier-error'; message: string };
