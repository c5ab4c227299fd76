// What the engine asks of YAMNet (AudioSet's 521 classes): how much a window sounds like speech.
// Shared by the browser worker and the Node command so both score windows the same way.

/** AudioSet indices: Speech, Child speech, Conversation, Narration, Babbling, Speech synthesizer
 *  (online meetings' codecs and TTS voices land there), Whispering. */
export const YAMNET_SPEECH_CLASSES: readonly number[] = [0, 1, 2, 3, 4, 5, 12];

/** YAMNet's fixed input: 15,600 samples at 16 kHz (0.975 s). */
export const YAMNET_WINDOW_SAMPLES_16K = 15600;

export interface ScoredCategory {
  index: number;
  score: number;
}

/** The strongest speech-class score of one classification result (0..1). */
export function speechScore(categories: readonly ScoredCategory[]): number {
  let best = 0;
  for (const c of categories) if (YAMNET_SPEECH_CLASSES.includes(c.index) && c.score > best) best = c.score;
  return best;
}
