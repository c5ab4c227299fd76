// Moonshine Tiny (Useful Sensors / Moonshine AI, MIT; the quantised ONNX weights carried by the
// @moonshine-ai/moonshine-js package) run with onnxruntime-web: an encoder over the raw 16 kHz
// waveform, then a greedy decode loop over the merged decoder with its key/value cache. The same
// code runs in Node (`analyze --words`, tests, scripts) and in the extension's recogniser worker;
// each passes its own onnxruntime-web entry point and the weights as bytes.
import { TokenDecoder } from './tokenizer';

export const MOONSHINE_SAMPLE_RATE = 16000;

/** Moonshine Tiny's decoder: 6 layers, 8 key/value heads of 36 dimensions. */
const LAYERS = 6;
const KV_HEADS = 8;
const HEAD_DIM = 36;
const START_TOKEN = 1;
const END_TOKEN = 2;
/** Speech runs at 3–4 tokens a second; more than this is the model repeating itself. */
const MAX_TOKENS_PER_SEC = 6;
/** The model is trained on 0.1–64 s; callers cut longer speech (lib/words/asr/chunks.ts). */
export const MOONSHINE_MIN_SEC = 0.1;
export const MOONSHINE_MAX_SEC = 64;

/** What the decoder uses of onnxruntime-web (its Node and browser entry points both have it),
 *  passed in so this file stays free of any runtime's globals. */
export interface OrtTensor {
  readonly data: unknown;
}
interface OrtSession {
  run(feeds: Record<string, OrtTensor>, fetches: readonly string[]): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
export interface OrtRuntime {
  env: { wasm: { numThreads?: number } };
  InferenceSession: {
    create(
      model: Uint8Array,
      options: { executionProviders: string[]; graphOptimizationLevel: 'all' },
    ): Promise<OrtSession>;
  };
  Tensor: {
    new (type: 'float32', data: Float32Array, dims: readonly number[]): OrtTensor;
    new (type: 'int64', data: BigInt64Array, dims: readonly number[]): OrtTensor;
    new (type: 'bool', data: boolean[], dims: readonly number[]): OrtTensor;
  };
}
type Tensor = OrtTensor;

const cacheNames = (parts: readonly string[]) =>
  Array.from({ length: LAYERS }, (_, layer) =>
    parts.flatMap((part) => ['key', 'value'].map((kind) => `present.${layer}.${part}.${kind}`)),
  ).flat();
const FIRST_STEP_OUTPUTS = ['logits', ...cacheNames(['decoder', 'encoder'])];
const NEXT_STEP_OUTPUTS = ['logits', ...cacheNames(['decoder'])];

export interface MoonshineWeights {
  encoder: Uint8Array;
  decoder: Uint8Array;
  /** The vocabulary: piece text by token id (tokenizer.ts). */
  pieces: readonly string[];
}

export interface Recogniser {
  /** Text of `samples` (mono, 16 kHz, 0.1–64 s; shorter gives ""). One call at a time. */
  transcribe(samples: Float32Array): Promise<string>;
  release(): Promise<void>;
}

export async function loadMoonshine(ort: OrtRuntime, weights: MoonshineWeights): Promise<Recogniser> {
  // One thread: extension pages are not cross-origin isolated (no SharedArrayBuffer), and the
  // meeting tab is busy enough without a pool of workers.
  ort.env.wasm.numThreads = 1;
  const options = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' as const };
  const tokens = new TokenDecoder(weights.pieces);
  const encoder = await ort.InferenceSession.create(weights.encoder, options);
  let decoder: OrtSession;
  try {
    decoder = await ort.InferenceSession.create(weights.decoder, options);
  } catch (error) {
    await encoder.release();
    throw error;
  }
  const emptyCache = () => new ort.Tensor('float32', new Float32Array(0), [1, KV_HEADS, 0, HEAD_DIM]);

  async function transcribe(samples: Float32Array): Promise<string> {
    if (samples.length < MOONSHINE_MIN_SEC * MOONSHINE_SAMPLE_RATE) return '';
    const input = new ort.Tensor('float32', samples, [1, samples.length]);
    const { last_hidden_state: hidden } = await encoder.run({ input_values: input }, ['last_hidden_state']);
    if (!hidden) throw new Error('the Moonshine encoder gave no last_hidden_state');
    const cache: Record<string, Tensor> = {};
    for (let layer = 0; layer < LAYERS; layer++) {
      for (const part of ['decoder', 'encoder']) {
        for (const kind of ['key', 'value']) cache[`past_key_values.${layer}.${part}.${kind}`] = emptyCache();
      }
    }
    const out: number[] = [];
    const maxTokens = Math.max(4, Math.ceil((samples.length / MOONSHINE_SAMPLE_RATE) * MAX_TOKENS_PER_SEC));
    let previous = START_TOKEN;
    for (let step = 0; step < maxTokens; step++) {
      // The first step computes the cross-attention cache from the encoder's output; later steps
      // reuse it, grow only the self-attention cache, and fetch only that (the cross-attention
      // cache is megabytes, copied out of the runtime at every step otherwise).
      const result = await decoder.run(
        {
          input_ids: new ort.Tensor('int64', BigInt64Array.of(BigInt(previous)), [1, 1]),
          encoder_hidden_states: hidden,
          use_cache_branch: new ort.Tensor('bool', [step > 0], [1]),
          ...cache,
        },
        step === 0 ? FIRST_STEP_OUTPUTS : NEXT_STEP_OUTPUTS,
      );
      if (!result.logits) throw new Error('the Moonshine decoder gave no logits');
      const next = argMax(result.logits.data as Float32Array);
      for (const [name, value] of Object.entries(result)) {
        if (name.startsWith('present.')) cache[`past_key_values.${name.slice('present.'.length)}`] = value;
      }
      if (next === END_TOKEN) break;
      out.push(next);
      previous = next;
    }
    return tokens.decode(out);
  }

  let busy: Promise<unknown> = Promise.resolve();
  return {
    transcribe(samples) {
      const run = busy.then(() => transcribe(samples));
      busy = run.catch(() => {});
      return run;
    },
    async release() {
      await busy;
      await encoder.release();
      await decoder.release();
    },
  };
}

function argMax(values: Float32Array): number {
  let best = 0;
  let bestValue = values[0] ?? -Infinity;
  for (let i = 1; i < values.length; i++) {
    const value = values[i]!;
    if (value > bestValue) {
      best = i;
      bestValue = value;
    }
  }
  return best;
}
