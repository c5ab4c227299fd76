// Where the speech recogniser's files come from: Moonshine Tiny's quantised ONNX weights inside the
// @moonshine-ai/moonshine-js package (MIT), and its vocabulary from llama-tokenizer-js (MIT; Moonshine
// uses the LLaMA SentencePiece pieces). Read in place from node_modules by the Node side, and copied
// into the extension by the build (wxt.config.ts): never committed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The package exports only its bundle, so its files are found by path. */
export const MOONSHINE_TINY_DIR = path.join(ROOT, 'node_modules/@moonshine-ai/moonshine-js/dist/model/tiny/quantized');
export const MOONSHINE_ENCODER = path.join(MOONSHINE_TINY_DIR, 'encoder_model.onnx');
export const MOONSHINE_DECODER = path.join(MOONSHINE_TINY_DIR, 'decoder_model_merged.onnx');

/** Null when the weights are present, else why not. */
export function moonshineMissing(): string | null {
  for (const file of [MOONSHINE_ENCODER, MOONSHINE_DECODER]) {
    if (!fs.existsSync(file)) return `${path.relative(ROOT, file)} not found (npm install puts it there)`;
  }
  return null;
}

/** The vocabulary, one piece per token id. */
export async function moonshinePieces(): Promise<string[]> {
  const { default: llama } = await import('llama-tokenizer-js');
  return llama.vocabById;
}
