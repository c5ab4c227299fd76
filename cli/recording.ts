// Running the engine over recorded audio in Node: the `analyze` command, `npm run eval`, the
// benchmarks and the accuracy tests all go through here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWav, mixDown, WavError } from '../lib/audio/wav';
import { createEngine, type EngineOptions } from '../lib/engine/engine';
import type { AnalysisResult } from '../lib/engine/types';
import { loadYamnet } from './yamnet-node';

/** A problem with the user's input, reported as one line. */
export class InputError extends Error {
  override name = 'InputError';
}

export interface Recording {
  sampleRate: number;
  self: Float32Array | null;
  others: Float32Array | null;
}

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where `npm run setup` puts the model (also packed into the extension from there). */
export const PROJECT_MODEL = path.join(PROJECT_ROOT, 'public/model/yamnet.tflite');

/** A WAV file's channels (at least one: the decoder refuses none). */
export function readWavFile(file: string): { sampleRate: number; channels: Float32Array[]; file: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `${file}: no such file`
        : code === 'EISDIR'
          ? `${file}: is a directory`
          : `${file}: cannot read (${code})`,
    );
  }
  try {
    const wav = decodeWav(bytes);
    return { sampleRate: wav.sampleRate, channels: wav.channels, file };
  } catch (error) {
    if (error instanceof WavError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
}

export interface MonoWav {
  sampleRate: number;
  samples: Float32Array;
  file: string;
}

/** A WAV file as one channel: its channels mixed down. */
export function readMonoWavFile(file: string): MonoWav {
  const { sampleRate, channels } = readWavFile(file);
  return { sampleRate, samples: mixDown(channels), file };
}

/** The model to use: an explicit path, $YAMNET_MODEL, or the project's copy; null if none. */
export function findModel(explicit?: string): string | null {
  for (const candidate of [explicit, process.env.YAMNET_MODEL, PROJECT_MODEL]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** Feeds a recording through the engine in blocks, as live audio would arrive. */
export async function analyzeRecording(
  rec: Recording,
  modelPath: string | null,
  options: Partial<EngineOptions> = {},
): Promise<AnalysisResult> {
  const yamnet = modelPath ? await loadYamnet(modelPath) : null;
  try {
    const engine = createEngine({
      sampleRate: rec.sampleRate,
      classifier: yamnet?.classify,
      onClassifierError: (e) =>
        console.error(
          `analyze: the speech classifier is not answering (${(e as Error).message}); the detector decides until it does`,
        ),
      onClassifierRecovered: () => console.error('analyze: the speech classifier answers again'),
      ...options,
    });
    const length = Math.max(rec.self?.length ?? 0, rec.others?.length ?? 0);
    const block = 4096;
    for (let i = 0; i < length; i += block) {
      const end = Math.min(length, i + block);
      engine.push(slice(rec.self, i, end), slice(rec.others, i, end));
    }
    return await engine.finish();
  } finally {
    yamnet?.close();
  }
}

function slice(x: Float32Array | null, from: number, to: number): Float32Array | null {
  if (!x) return null;
  if (to <= x.length) return x.subarray(from, to);
  const out = new Float32Array(to - from);
  if (from < x.length) out.set(x.subarray(from));
  return out;
}
