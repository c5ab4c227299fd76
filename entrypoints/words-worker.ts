// The speech recogniser (Moonshine Tiny on onnxruntime-web, wasm, one thread) in a worker of the
// extension frame, started only when "Understand words, on this device" is on and a call begins.
// Every file comes from the extension itself (RECOGNISER_FILES); nothing is fetched from the
// network. Each call's capture worklet talks to it over its own port
// (extension/channels/frame-recogniser.ts, worklet-recogniser.ts).
import * as ort from 'onnxruntime-web/wasm';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { allowOnlyOwnFetches } from '../extension/own-files-only';
import type { FrameToRecogniser, RecogniserToFrame } from '../extension/channels/frame-recogniser';
import { openPortChannel, type PortLike } from '../extension/channels/port-channel';
import type { RecogniserToWorklet, WorkletToRecogniser } from '../extension/channels/worklet-recogniser';
import { RECOGNISER_FILES } from '../extension/words/recogniser-files';
import { loadMoonshine, type Recogniser } from '../lib/words/asr/moonshine';
import { recogniserPieces } from '../lib/words/asr/pieces';

/** Past this much speech waiting, new requests are turned away (counted as missed turns), so a
 *  machine too busy to keep up never builds an ever-longer queue. */
const MAX_BACKLOG_SEC = 120;

async function loadRecogniser(): Promise<Recogniser> {
  const origin = self.location.origin;
  const file = async (path: string) => {
    // A missing file in an extension is a network error, not a 404: both mean "not installed".
    const response = await fetch(`${origin}${path}`).catch(() => null);
    if (!response?.ok) throw new Error(`recogniser file not found: ${path}`);
    return response;
  };
  ort.env.wasm.wasmPaths = `${origin}${RECOGNISER_FILES.runtimeDir}`;
  const [encoder, decoder, vocabulary] = await Promise.all([
    file(RECOGNISER_FILES.encoder).then((r) => r.arrayBuffer()),
    file(RECOGNISER_FILES.decoder).then((r) => r.arrayBuffer()),
    file(RECOGNISER_FILES.vocabulary).then((r) => r.text()),
  ]);
  return loadMoonshine(ort, {
    encoder: new Uint8Array(encoder),
    decoder: new Uint8Array(decoder),
    pieces: vocabulary.split('\n'),
  });
}

export default defineUnlistedScript(() => {
  allowOnlyOwnFetches(self);
  const loading = loadRecogniser();
  loading.catch((error: unknown) => console.warn('[listening-coach] the speech recogniser did not load', error));
  let backlogSec = 0;

  async function transcribe(samples: Float32Array, sampleRate: number): Promise<string | null> {
    const recogniser = await loading.catch(() => null);
    if (!recogniser) return null;
    try {
      const texts: string[] = [];
      for (const piece of recogniserPieces(samples, sampleRate)) texts.push(await recogniser.transcribe(piece));
      return texts.join(' ').trim();
    } catch (error) {
      console.warn('[listening-coach] the speech recogniser failed on a turn', error);
      return null;
    }
  }

  function serve(port: MessagePort): void {
    const worklet = openPortChannel<RecogniserToWorklet, WorkletToRecogniser>(port, {
      requests: {
        transcribe: async ({ samples, sampleRate }) => {
          const seconds = samples.length / sampleRate;
          if (backlogSec + seconds > MAX_BACKLOG_SEC) return null;
          backlogSec += seconds;
          const text = await transcribe(samples, sampleRate);
          backlogSec -= seconds;
          return text;
        },
      },
    });
    loading.then(
      () => worklet.send('ready', { ok: true }),
      (error: unknown) => worklet.send('ready', { ok: false, error: String(error) }),
    );
  }

  openPortChannel<RecogniserToFrame, FrameToRecogniser>(self as unknown as PortLike, {
    messages: { 'recogniser-port': serve },
  });
});
