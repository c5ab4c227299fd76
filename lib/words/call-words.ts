// A recorded call's words, per side: each turn the engine found is transcribed from its own
// channel and read, in the order the turns were taken, each side's turn compared with the other
// side's turn just before it. For `analyze --words` and the accuracy scripts; the extension reads
// turns as the call goes (extension/words/).
import type { AnalysisResult, Interval, Party, Turn } from '../engine/types';
import { recogniserPieces } from './asr/pieces';
import type { WordCounts } from './counts';
import { WordTally } from './tally';

export interface CallAudio {
  sampleRate: number;
  self: Float32Array | null;
  others: Float32Array | null;
}

/** Text of 16 kHz speech (lib/words/asr/moonshine.ts). */
export type Transcribe = (samples: Float32Array) => Promise<string>;

export interface CallWords {
  self: WordCounts;
  others: WordCounts;
}

/** Turn edges sit on the speech detector's frames: a little audio either side keeps the first and
 *  last consonants. */
export const TURN_PAD_SEC = 0.2;

/** The audio of one turn, padded, and the seconds of speech in it (its segments). */
export function turnAudio(
  samples: Float32Array,
  sampleRate: number,
  turn: Interval,
  segments: readonly Interval[],
): { samples: Float32Array; speechSec: number } {
  const [start, end] = turn;
  const from = Math.max(0, Math.floor((start - TURN_PAD_SEC) * sampleRate));
  const to = Math.min(samples.length, Math.ceil((end + TURN_PAD_SEC) * sampleRate));
  let speechSec = 0;
  for (const [s, e] of segments) speechSec += Math.max(0, Math.min(e, end) - Math.max(s, start));
  return { samples: samples.subarray(from, Math.max(from, to)), speechSec };
}

export async function readCallWords(
  result: AnalysisResult,
  audio: CallAudio,
  transcribe: Transcribe,
  onTurn?: (turn: Turn, text: string) => void,
): Promise<CallWords> {
  const tallies: Record<Party, WordTally> = { self: new WordTally(), others: new WordTally() };
  const turns = [...result.turns].sort((a, b) => a.start - b.start);
  for (const turn of turns) {
    const channel = audio[turn.by];
    if (!channel) continue;
    const { samples, speechSec } = turnAudio(
      channel,
      audio.sampleRate,
      [turn.start, turn.end],
      result.segments[turn.by],
    );
    let text = '';
    for (const piece of recogniserPieces(samples, audio.sampleRate)) text += ` ${await transcribe(piece)}`;
    text = text.trim();
    onTurn?.(turn, text);
    tallies[turn.by].said(text, speechSec);
    tallies[turn.by === 'self' ? 'others' : 'self'].heard(text);
  }
  return { self: tallies.self.counts, others: tallies.others.counts };
}
