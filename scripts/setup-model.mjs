#!/usr/bin/env node
// Puts the YAMNet speech model where the build (public/ → the extension's /model/) and the Node
// engine (`analyze`, eval, tests) find it: public/model/yamnet.tflite, which git ignores.
// The model is never committed. Sources, in order:
//   1. $YAMNET_MODEL (a path you were given)
//   2. ../shared/models/ beside the checkout, when present
//   3. a download of MediaPipe's published YAMNet, accepted only with a known SHA-256
// Without any of them it says so and exits 0: everything works on the 10 ms detector alone.
// Plain Node (no TypeScript) because it runs from `npm install` before anything is built.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'public/model/yamnet.tflite');
const shared = path.resolve(root, '../shared/models/yamnet_audio_classifier_with_metadata.tflite');

/** Known YAMNet builds with TFLite metadata (MediaPipe's AudioClassifier requires it). */
const KNOWN_SHA256 = new Map([
  // tensorflow/tflite-support test data = TF Hub lite-model_yamnet_classification_tflite_1 (shared/models/SOURCES.md)
  ['10c95ea3eb9a7bb4cb8bddf6feb023250381008177ac162ce169694d05c317de', 'YAMNet (TF Hub / tflite-support)'],
  // MediaPipe's model card: audio_classifier/yamnet/float32/1/yamnet.tflite
  ['4d8b4a53282dc83ef04e3e7dbc4fbc98082e34e44ed798e16c3a0cdd4c584faf', 'YAMNet (MediaPipe model card)'],
]);
const DOWNLOADS = [
  'https://storage.googleapis.com/mediapipe-models/audio_classifier/yamnet/float32/1/yamnet.tflite',
  'https://storage.googleapis.com/mediapipe-assets/yamnet_audio_classifier_with_metadata.tflite',
];

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
/** A TFLite flatbuffer carries "TFL3" at bytes 4–7. */
const looksLikeTflite = (bytes) => bytes.length > 1024 && bytes.subarray(4, 8).toString('latin1') === 'TFL3';

function install(bytes, from) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, target);
  console.log(
    `setup: speech model installed from ${from} → ${path.relative(root, target)} (${(bytes.length / 1e6).toFixed(1)} MB)`,
  );
}

async function main() {
  const given = process.env.YAMNET_MODEL;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`YAMNET_MODEL=${given}: no such file`);
    const bytes = fs.readFileSync(given);
    if (!looksLikeTflite(bytes)) throw new Error(`YAMNET_MODEL=${given}: not a TFLite model`);
    if (fs.existsSync(target) && sha256(fs.readFileSync(target)) === sha256(bytes))
      return console.log('setup: speech model already in place');
    return install(bytes, given);
  }
  if (fs.existsSync(target) && KNOWN_SHA256.has(sha256(fs.readFileSync(target)))) {
    return console.log('setup: speech model already in place');
  }
  if (fs.existsSync(shared)) {
    const bytes = fs.readFileSync(shared);
    if (!KNOWN_SHA256.has(sha256(bytes))) throw new Error(`${shared}: unexpected checksum ${sha256(bytes)}`);
    return install(bytes, path.relative(root, shared));
  }
  for (const url of DOWNLOADS) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = Buffer.from(await response.arrayBuffer());
      const sum = sha256(bytes);
      if (!KNOWN_SHA256.has(sum)) throw new Error(`checksum ${sum} is not a known YAMNet build; refused`);
      return install(bytes, url);
    } catch (error) {
      console.warn(`setup: could not download ${url}: ${error.cause?.code ?? error.message}`);
    }
  }
  console.warn(
    'setup: no speech model (set YAMNET_MODEL=path/to/yamnet.tflite and run `npm run setup`).\n' +
      '       Listening Coach works without it on the 10 ms detector alone; typing, music and noise may then count as talk.',
  );
}

main().catch((error) => {
  console.error(`setup: ${error.message}`);
  process.exit(1);
});
