// The speech model (YAMNet through MediaPipe) in a classic Worker of the extension frame: MediaPipe's
// loader needs importScripts, and the worker keeps inference off every page's main thread. The
// frame asks whether the model is up (extension/channels/frame-worker.ts); the capture worklet asks
// for verdicts over a port of its own (worklet-worker.ts).
import { AudioClassifier, FilesetResolver } from '@mediapipe/tasks-audio';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { FrameToWorker, WorkerToFrame } from '../extension/channels/frame-worker';
import { openPortChannel, type PortLike } from '../extension/channels/port-channel';
import { serveClassifier } from '../extension/channels/worklet-worker';
import { allowOnlyOwnFetches } from '../extension/own-files-only';
import { speechScore, YAMNET_CLASSIFIER_OPTIONS } from '../lib/engine/yamnet';

/** Where the build puts the model (scripts/setup-model.mjs) and MediaPipe's wasm (wxt.config.ts). */
const MODEL_PATH = '/model/yamnet.tflite';
const WASM_DIR = '/mediapipe';

async function loadClassifier(): Promise<AudioClassifier> {
  const origin = self.location.origin;
  // A missing file in an extension is a network error, not a 404: both mean "no model".
  const response = await fetch(`${origin}${MODEL_PATH}`).catch(() => null);
  if (!response?.ok) throw new Error(`speech model not found at ${MODEL_PATH}`);
  const model = new Uint8Array(await response.arrayBuffer());
  const fileset = await FilesetResolver.forAudioTasks(`${origin}${WASM_DIR}`);
  return AudioClassifier.createFromOptions(fileset, {
    baseOptions: { modelAssetBuffer: model },
    ...YAMNET_CLASSIFIER_OPTIONS,
  });
}

export default defineUnlistedScript(() => {
  allowOnlyOwnFetches(self);
  const loading = loadClassifier();

  const classify = async (samples: Float32Array, sampleRate: number): Promise<number> => {
    const classifier = await loading.catch(() => null);
    // Every window is answered: without a model, or if inference fails, with "speech", so the
    // 10 ms detector's decision stands.
    if (!classifier) return 1;
    try {
      // A 0.975 s window gives one result; the best over results guards against MediaPipe splitting it.
      const results = classifier.classify(samples, sampleRate);
      return Math.max(0, ...results.map((r) => speechScore(r.classifications[0]?.categories ?? [])));
    } catch (error) {
      console.warn('[listening-coach] speech model failed on a window', error);
      return 1;
    }
  };

  // The worker global scope is not in TypeScript's DOM lib; it has what a channel needs.
  openPortChannel<WorkerToFrame, FrameToWorker>(self as unknown as PortLike, {
    messages: { 'classifier-port': (port) => serveClassifier(port, classify) },
    requests: {
      ready: () =>
        loading.then(
          () => ({ model: true }),
          (error: unknown) => ({ model: false, error: String(error) }),
        ),
    },
  });
});
