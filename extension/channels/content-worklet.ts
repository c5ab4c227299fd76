// Route: content script (or offscreen document, options page) ⇄ the capture AudioWorklet
// (extension/capture/audio-graph.ts ⇄ entrypoints/capture-worklet.ts), over the node's port.
import type { AnalysisResult, ConversationEvent, Interval, LiveState } from '../../lib/engine/types';
import type { StoredWords } from '../../lib/words/counts';
import type { Protocol } from './port-channel';

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

/** Chunk mode: the next chunk of both channels; `null` = nothing connected (silence). */
export interface CaptureChunk {
  self: Float32Array | null;
  others: Float32Array | null;
  /** Audio-clock frame just after the chunk's last sample (for latency measurements). */
  endFrame: number;
}

/** Once a call's engine can start (analyze mode). */
export interface StartAnalysis {
  /** The speech model as the call starts: up (its port below), still loading (it may come later,
   *  `classifier-port`; the detector decides alone meanwhile), or not there at all. */
  model: 'ready' | 'loading' | 'absent';
  /** The speech model's worker, reached directly (extension frame → worker), when ready. */
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
  /** "Understand words, on this device": the recogniser's worker (worklet-recogniser.ts); absent: off. */
  wordsPort?: MessagePort | null;
  /** Keep my own questions' text with the call (a second setting). */
  keepMyQuestions?: boolean;
}

/** A result with the meeting's muted stretches as the analysis saw them (seconds of call audio). */
export interface ResultReport {
  result: AnalysisResult;
  muted: Interval[];
  /** Seconds of the call the render thread never delivered, put back as background (see LiveReport). */
  gapSec: number;
  /** The words' counts so far, when words are on. */
  words?: StoredWords;
}

/** The live picture, with how much of the call the engine has heard. */
export interface LiveReport {
  live: LiveState;
  events: ConversationEvent[];
  /** Audio time the render thread did not deliver (it fell behind): filled in as silence, so the
   *  call's clock keeps to the wall clock. Seconds, the whole call so far. */
  gapSec: number;
}

export interface ContentToWorklet extends Protocol {
  messages: {
    /** Take the others channel from `others-samples` (tab audio relayed from the offscreen
     *  document) instead of the node's second input. */
    'external-others': boolean;
    'others-samples': Float32Array;
    // Analyze mode:
    'start-analysis': StartAnalysis;
    muted: boolean;
    paused: boolean;
    /** The speech model came up after the call started (null: it never will). */
    'classifier-port': MessagePort | null;
  };
  requests: {
    /** The result so far, for a save. */
    snapshot: { request: null; reply: ResultReport | null };
    /** The call is over: no more audio; the final result once the last verdicts are in. */
    finish: { request: null; reply: ResultReport | null };
  };
}

export interface WorkletToContent extends Protocol {
  messages: {
    /** Chunk mode. */
    chunk: CaptureChunk;
    /** Analyze mode: the call's first audio went into the engine (t = 0 of the analysis). */
    started: null;
    /** Analyze mode: when something shown at once changed, else every `liveQuietSec`. */
    live: LiveReport;
    /** The speech model failed or fell behind: the detector decides alone… */
    'classifier-error': string;
    /** …until the model answers in time again. */
    'classifier-recovered': null;
  };
  requests: Record<never, never>;
}
