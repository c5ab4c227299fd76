// Data from ../shared is read in place at test time, never copied into the repo. A fresh clone
// without it still passes (those suites skip and say why); in CI (CI=true) its absence fails.
import fs from 'node:fs';
import path from 'node:path';
import { SHARED_DIR } from '../../cli/evaluate';
import { findModel } from '../../cli/recording';

/** Why `relative` (inside ../shared) cannot be used, or null when it can. Throws in CI. */
export function sharedMissing(...relative: string[]): string | null {
  for (const rel of relative) {
    const full = path.join(SHARED_DIR, rel);
    if (fs.existsSync(full)) continue;
    const why = `${full} not found (../shared sits beside the checkout)`;
    if (process.env.CI === 'true') throw new Error(`${why}: required in CI`);
    return why;
  }
  return null;
}

/** The YAMNet model (the project's copy from `npm run setup`, or the shared one); throws in CI. */
export function modelOrNull(): string | null {
  const model =
    findModel() ??
    (fs.existsSync(path.join(SHARED_DIR, 'models/yamnet_audio_classifier_with_metadata.tflite'))
      ? path.join(SHARED_DIR, 'models/yamnet_audio_classifier_with_metadata.tflite')
      : null);
  if (!model && process.env.CI === 'true') throw new Error('no YAMNet model: run `npm run setup` (required in CI)');
  return model;
}
