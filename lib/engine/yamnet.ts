// What the engine asks of YAMNet (AudioSet's 521 classes): how much a window sounds like speech.
// Shared by the browser worker and the Node command so both score windows the same way.

/** AudioSet indices: Speech, Child speech, Conversation, Narration, Babbling, Speech synthesizer
 *  (online meetings' codecs and TTS voices land there), Whispering. */
export const YAMNET_SPEECH_CLASSES: readonly number[] = [0, 1, 2, 3, 4, 5, 12];

/** AudioSet's "Music". */
const MUSIC_CLASS = 132;

/**
 * The classes speechScore reads, by name, as MediaPipe's `categoryAllowlist`: scoring still covers
 * all 521 (each class is its own sigmoid), but only these are turned into results — a quarter of
 * the classifier's cost per window went into building the other 513 (4.3 against 5.7 ms here).
 */
export const YAMNET_CLASSIFIER_OPTIONS = {
  maxResults: -1,
  categoryAllowlist: [
    'Speech',
    'Child speech, kid speaking',
    'Conversation',
    'Narration, monologue',
    'Babbling',
    'Speech synthesizer',
    'Whispering',
    'Music',
  ],
};

/** YAMNet's fixed input: 15,600 samples at 16 kHz (0.975 s). */
export const YAMNET_WINDOW_SAMPLES_16K = 15600;

export interface ScoredCategory {
  index: number;
  score: number;
}

/** Under a music bed YAMNet hears speech faintly: on the scenes, music alone scores ≤0.01 for
 *  speech while speech under music scores 0.06–0.5. When music is plainly there, the speech
 *  evidence is scaled up by this much so the same threshold separates the two. */
const UNDER_MUSIC_BOOST = 2.5;
const MUSIC_PRESENT = 0.3;

/** How much one classification result says "speech", 0..1: the strongest speech-class score,
 *  weighed up when music is playing (see UNDER_MUSIC_BOOST). */
export function speechScore(categories: readonly ScoredCategory[]): number {
  let best = 0;
  let music = 0;
  for (const c of categories) {
    if (YAMNET_SPEECH_CLASSES.includes(c.index) && c.score > best) best = c.score;
    else if (c.index === MUSIC_CLASS) music = c.score;
  }
  return music >= MUSIC_PRESENT ? Math.min(1, best * UNDER_MUSIC_BOOST) : best;
}
