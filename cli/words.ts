// `analyze --words`: the call's turns transcribed on this machine (Moonshine Tiny through
// onnxruntime-web, as in the extension) and read into counts per side (lib/words/).
import type { AnalysisResult } from '../lib/engine/types';
import { readCallWords, type CallAudio, type CallWords } from '../lib/words/call-words';
import { moonshineMissing } from './moonshine-files';
import { loadMoonshineNode } from './moonshine-node';

export type AnalysisWithWords = AnalysisResult & { words: CallWords };

/** Why `--words` cannot run here, or null. */
export const recogniserMissing = moonshineMissing;

export async function withWords(result: AnalysisResult, audio: CallAudio): Promise<AnalysisWithWords> {
  const recogniser = await loadMoonshineNode();
  try {
    return { ...result, words: await readCallWords(result, audio, (samples) => recogniser.transcribe(samples)) };
  } finally {
    await recogniser.release();
  }
}
