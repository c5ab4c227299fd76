// Speech for the recogniser: a stretch of one channel, at the recogniser's rate, cut into pieces
// it handles well and cheaply. Moonshine is trained on 0.1–64 s, but each decoding step attends to
// the whole piece: its CPU per second of speech was 0.061 on 4 s pieces, 0.067 on 15 s and 0.098
// on 30 s (Node, one thread). So longer speech is cut at its quietest moment near 12 s.
import { resample } from '../../audio/resample';
import { MOONSHINE_SAMPLE_RATE } from './moonshine';

/** Pieces are at most this long… */
export const MAX_PIECE_SEC = 12;
/** …and a cut falls in the last this-much of one, at its quietest 10 ms. */
const CUT_SEARCH_SEC = 4;

/** `samples` (any rate) as 16 kHz pieces of at most MAX_PIECE_SEC. */
export function recogniserPieces(samples: Float32Array, sampleRate: number): Float32Array[] {
  const audio = sampleRate === MOONSHINE_SAMPLE_RATE ? samples : resample(samples, sampleRate, MOONSHINE_SAMPLE_RATE);
  const max = MAX_PIECE_SEC * MOONSHINE_SAMPLE_RATE;
  const frame = MOONSHINE_SAMPLE_RATE / 100;
  const pieces: Float32Array[] = [];
  let from = 0;
  while (audio.length - from > max) {
    let cut = from + max;
    let quietest = Infinity;
    for (let at = from + max - CUT_SEARCH_SEC * MOONSHINE_SAMPLE_RATE; at + frame <= from + max; at += frame) {
      let energy = 0;
      for (const sample of audio.subarray(at, at + frame)) energy += sample * sample;
      if (energy < quietest) {
        quietest = energy;
        cut = at + frame / 2;
      }
    }
    pieces.push(audio.subarray(from, cut));
    from = cut;
  }
  pieces.push(audio.subarray(from));
  return pieces;
}
