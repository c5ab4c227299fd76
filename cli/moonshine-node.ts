// The speech recogniser in Node (`analyze --words`, tests, scripts): onnxruntime-web's Node build
// (wasm, one thread, the same runtime as the extension's worker) over the package's weights.
import fs from 'node:fs';
import * as ort from 'onnxruntime-web';
import { loadMoonshine, type Recogniser } from '../lib/words/asr/moonshine';
import { MOONSHINE_DECODER, MOONSHINE_ENCODER, moonshinePieces } from './moonshine-files';

export async function loadMoonshineNode(): Promise<Recogniser> {
  return loadMoonshine(ort, {
    encoder: fs.readFileSync(MOONSHINE_ENCODER),
    decoder: fs.readFileSync(MOONSHINE_DECODER),
    pieces: await moonshinePieces(),
  });
}
