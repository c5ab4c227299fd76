// `npm run --silent analyze -- --self ME.wav --others OTHERS.wav [--out RESULT.json]`
// `npm run --silent analyze -- --stereo CALL.wav [--out …]`   (left = me, right = others)
// `npm run --silent analyze -- --others OTHERS.wav [--out …]`  (no mic channel)
// Contract: shared/docs/analysis-output.md. stdout carries only the JSON; messages go to stderr;
// bad input is one line on stderr and a non-zero exit, never a stack trace or a partial result.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resample } from '../lib/audio/resample';
import {
  analyzeRecording,
  findModel,
  InputError,
  readMonoWavFile,
  readWavFile,
  type MonoWav,
  type Recording,
} from './recording';
import { recogniserMissing, withWords } from './words';

const USAGE =
  'usage: analyze (--self ME.wav --others OTHERS.wav | --stereo CALL.wav | --others OTHERS.wav | --self ME.wav) [--out RESULT.json] [--model YAMNET.tflite | --no-model] [--words]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        self: { type: 'string' },
        others: { type: 'string' },
        stereo: { type: 'string' },
        out: { type: 'string' },
        model: { type: 'string' },
        'no-model': { type: 'boolean' },
        words: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`analyze: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.error(USAGE);
    return 0;
  }
  if (args.stereo ? args.self || args.others : !args.self && !args.others) {
    console.error(`analyze: give either --stereo, or --self and/or --others\n${USAGE}`);
    return 2;
  }

  let recording: Recording;
  try {
    if (args.stereo) {
      const wav = readWavFile(args.stereo);
      const [self = null, others = null] = wav.channels;
      if (!others)
        throw new InputError(
          `${args.stereo}: --stereo needs a 2-channel WAV (left = me, right = others); this one is mono`,
        );
      recording = { sampleRate: wav.sampleRate, self, others };
    } else {
      recording = {
        ...combine(args.self ? readMonoWavFile(args.self) : null, args.others ? readMonoWavFile(args.others) : null),
      };
    }
  } catch (error) {
    if (error instanceof InputError) {
      console.error(`analyze: ${error.message}`);
      return 1;
    }
    throw error;
  }

  const modelPath = args['no-model'] ? null : findModel(args.model);
  if (!args['no-model'] && !modelPath) {
    console.error(
      'analyze: no YAMNet model found (run `npm run setup`, or set YAMNET_MODEL); using the 10 ms detector alone (speechModel "none")',
    );
  }
  const wordsMissing = args.words ? recogniserMissing() : null;
  if (wordsMissing) {
    console.error(`analyze: --words needs the speech recogniser: ${wordsMissing}`);
    return 1;
  }
  const analysis = await analyzeRecording(recording, modelPath);
  const result = args.words ? await withWords(analysis, recording) : analysis;
  const json = JSON.stringify(result);
  if (args.out) {
    // Written whole or not at all: a temporary file renamed into place.
    const tmp = path.join(path.dirname(path.resolve(args.out)), `.${path.basename(args.out)}.${process.pid}.tmp`);
    try {
      fs.writeFileSync(tmp, json + '\n');
      fs.renameSync(tmp, args.out);
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      console.error(
        `analyze: cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      return 1;
    }
  } else {
    process.stdout.write(json + '\n');
  }
  return 0;
}

/** Puts one or two mono recordings on a common clock. */
function combine(self: MonoWav | null, others: MonoWav | null): Recording {
  const a = self ?? others!;
  const b = others ?? self!;
  if (self && others) {
    const durA = a.samples.length / a.sampleRate;
    const durB = b.samples.length / b.sampleRate;
    // Allow a frame of slack: recorders round lengths differently.
    if (Math.abs(durA - durB) > 0.01) {
      throw new InputError(`mismatched lengths: ${a.file} is ${durA.toFixed(2)} s, ${b.file} is ${durB.toFixed(2)} s`);
    }
  }
  // Two sides recorded at different rates meet at the lower one.
  const rate = Math.min(a.sampleRate, b.sampleRate);
  const at = (side: MonoWav | null) => (side ? resample(side.samples, side.sampleRate, rate) : null);
  return { sampleRate: rate, self: at(self), others: at(others) };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`analyze: internal error: ${(error as Error)?.message ?? String(error)}`);
    process.exit(70);
  },
);
