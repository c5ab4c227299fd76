// Shapes shared by the engine, the `analyze` command, the call record and the UI.
// Definitions of every number: shared/docs/metrics.md (mirrored in docs/algorithm.md).

/** Whose speech: my mic, or everyone I hear. */
export type Party = 'self' | 'others';

/** Seconds from the start of the call, rounded to the 10 ms frame grid. */
export type Interval = [start: number, end: number];

export interface Turn {
  by: Party;
  start: number;
  end: number;
}

export type OverlapEventType = 'interruption' | 'talkover' | 'backchannel';

export interface ConversationEvent {
  type: OverlapEventType;
  /** Who started the overlap. */
  by: Party;
  /** Onset, seconds. */
  at: number;
}

export interface CallMetrics {
  selfSpeechSec: number;
  othersSpeechSec: number;
  /** selfSpeechSec ÷ (selfSpeechSec + othersSpeechSec); 0 when nobody spoke. */
  talkShare: number;
  interruptionsBySelf: number;
  interruptionsOfSelf: number;
  talkoversBySelf: number;
  talkoversOfSelf: number;
  backchannelsBySelf: number;
  backchannelsByOthers: number;
  /** My backchannels per minute of others' speech (null before a minute of it). */
  backchannelsPerOthersMin: number | null;
  /** My turns that began in the last 0.5 s of someone else's (overlapping their end). */
  earlyResponsesBySelf: number;
  longestMonologueSec: number;
  othersLongestTurnSec: number;
  /** Median pause before my turns after someone else's; negative = I started early; null if none. */
  medianResponseGapSec: number | null;
  /** My turns starting < 0.2 s after (or before) the other turn ended. */
  quickResponses: number;
  turnSwitchesPerMin: number;
  /** Time I was muted in the meeting, and my speech during it (not counted as talk). */
  mutedSec: number;
  sideTalkSec: number;
}

export type SpeechModelName = 'yamnet' | 'none';

/** The `analyze` output (shared/docs/analysis-output.md, version 1). */
export interface AnalysisResult {
  version: 1;
  durationSec: number;
  speechModel: SpeechModelName;
  segments: { self: Interval[]; others: Interval[] };
  turns: Turn[];
  events: ConversationEvent[];
  metrics: CallMetrics;
}

/**
 * Scores how much a window of audio sounds like speech, 0..1 (YAMNet's speech classes).
 * The window is ≈0.975 s of mono audio at `sampleRate`, as it was heard.
 * MediaPipe implements it in the browser and in Node; unit tests pass a fake.
 */
export type SpeechClassifier = (clip: Float32Array, sampleRate: number) => number | Promise<number>;

/** The running figures the overlay shows, named as in CallMetrics. */
export type LiveFigures = Pick<
  CallMetrics,
  | 'selfSpeechSec'
  | 'othersSpeechSec'
  | 'talkShare'
  | 'interruptionsBySelf'
  | 'interruptionsOfSelf'
  | 'talkoversBySelf'
  | 'talkoversOfSelf'
  | 'backchannelsBySelf'
  | 'backchannelsByOthers'
  | 'longestMonologueSec'
  | 'othersLongestTurnSec'
>;

/** What the overlay shows while the call runs. Provisional: the last second may still change. */
export interface LiveState extends LiveFigures {
  timeSec: number;
  selfSpeaking: boolean;
  othersSpeaking: boolean;
  muted: boolean;
  floor: Party | null;
  /** Length of the current turn of whoever holds the floor. */
  floorTurnSec: number;
  /** Length of my current turn, 0 when I do not hold the floor. */
  selfTurnSec: number;
}

/** The streaming engine (lib/engine/engine.ts: `createEngine`). */
export interface Engine {
  /**
   * Feeds the next block of samples of both channels at the engine's sample rate; blocks of
   * any length, the two of equal length. `null` means the channel is absent (silence).
   */
  push(self: Float32Array | null, others: Float32Array | null): void;
  /** Marks from the current audio time on whether I am muted in the meeting. */
  setMuted(muted: boolean): void;
  /** The live picture, including the provisional last second. */
  live(): LiveState;
  /** Events finalised since the previous call (for nudges). */
  takeEvents(): ConversationEvent[];
  /** Speech segments and turns finalised since the previous call (the words: what to transcribe,
   *  and whose turn it was). */
  takeDecided(): { segments: { party: Party; interval: Interval }[]; turns: Turn[] };
  /** The result so far: finalised part plus provisional tail (for saving as the call goes). */
  snapshot(): AnalysisResult;
  /** Ends the call: waits for pending classifications, returns the final result. */
  finish(): Promise<AnalysisResult>;
}

export interface EngineInit {
  sampleRate: number;
  /** Without a classifier the 10 ms detector decides alone (`speechModel: 'none'`). */
  classifier?: SpeechClassifier;
}
