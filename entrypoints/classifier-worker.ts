// The speech model (YAMNet through MediaPipe) in a classic Worker of the extension frame: MediaPipe's
// loader needs importScripts, and the worker keeps inference off every page's main thread.
import { AudioClassifier, FilesetResolver } from '@mediapipe/tasks-audio';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { SpeechWorkerCommand, SpeechWorkerReply, SpeechWorkerRequest } from '../extension/classifier/protocol';
import { speechScore } from '../lib/engine/yamnet';
import { allowOnlyOwnFetches } from '../extension/own-files-only';

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
  // maxResults -1: every class is scored, so the speech classes are never cut off by the top-k.
  return AudioClassifier.createFromOptions(fileset, { baseOptions: { modelAssetBuffer: model }, maxResults: -1 });
}

export default defineUnlistedScript(() => {
  // The worker global scope (not in TypeScript's DOM lib): what this file uses of it.
  const scope = self as unknown as {
    postMessage(message: SpeechWorkerReply): void;
    onmessage: ((event: MessageEvent<SpeechWorkerCommand>) => void) | null;
  };
  const reply = (message: SpeechWorkerReply) => scope.postMessage(message);
  allowOnlyOwnFetches(self);
  const loading = loadClassifier();

  loading.then(
    () => reply({ type: 'ready', model: true }),
    (error: unknown) => reply({ type: 'ready', model: false, error: String(error) }),
  );

  const classify = async ({ id, samples, sampleRate }: SpeechWorkerRequest): Promise<SpeechWorkerReply> => {
    const classifier = await loading.catch(() => null);
    // Every request is answered: without a model, or if inference fails, with "speech", so the
    // 10 ms detector's decision stands.
    let score = 1;
    try {
      // A 0.975 s window gives one result; the best over results guards against MediaPipe splitting it.
      const results = classifier?.classify(samples, sampleRate) ?? [];
      if (classifier) score = Math.max(0, ...results.map((r) => speechScore(r.classifications[0]?.categories ?? [])));
    } catch (error) {
      console.warn('[listening-coach] speech model failed on a window', error);
    }
    return { type: 'score', id, score };
  };

  scope.onmessage = async (event) => {
    const command = event.data;
    if (command.type === 'port') {
      // The capture worklet's own line to the model (extension/capture/live-analysis.ts).
      const port = command.port;
      port.onmessage = async (message: MessageEvent<SpeechWorkerRequest>) => port.postMessage(await classify(message.data));
      return;
    }
    reply(await classify(command));
  };
});
