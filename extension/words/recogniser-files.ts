/** Where the build puts the speech recogniser's files (wxt.config.ts), relative to the extension
 *  root; the recogniser's worker fetches them from there and from nowhere else. */
export const RECOGNISER_FILES = {
  encoder: '/words/encoder_model.onnx',
  decoder: '/words/decoder_model_merged.onnx',
  vocabulary: '/words/vocabulary.txt',
  runtimeDir: '/words/',
} as const;
