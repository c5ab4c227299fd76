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

/** Under a music bed YAMNet hears speech faintly, and real (telephone) voices fainter than
 *  synthetic ones: on two of the recomposed tuning calls' music scenes (SNG0480 A, MUL1423 B; one
 *  window every 0.5 s) music alone scores ≤ 0.004 for speech, while speech under music scores a
 *  median 0.02 and 0.11 (0.06–0.5 for the espeak-ng voices of d07). When music is plainly there, the
 *  speech evidence is scaled up by this much so the same threshold separates the two. Chosen on the
 *  tuning calls' four music scenes
 *  (cli/compose-scenes.ts): ×2.5 left their others' F1 at 0.48–0.84 and talk share up to 25.8 pp
 *  off; ×8 gave 0.73–0.90 and 8.7 pp, ×12 0.79–0.91 and 5.9 pp; ×20 added false interruptions and
 *  backchannels. The synthetic scenes score the same; their music variants (cli/stress-scenes.ts)
 *  the same at ×8 and ×12, with a false interruption more than at ×2.5 on two of seven. */
const UNDER_MUSIC_BOOST = 12;
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
