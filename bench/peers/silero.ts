// Silero VAD as a web developer would run it: the v5 model and the frame logic shipped in
// @ricky0123/vad-web (its `Silero` model wrapper and `FrameProcessor`, with its default thresholds,
// minimum speech and redemption), here on onnxruntime-node instead of onnxruntime-web.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import {
  FrameProcessor,
  defaultFrameProcessorOptions,
  type FrameProcessorEvent,
} from '@ricky0123/vad-web/dist/frame-processor.js';
import { log } from '@ricky0123/vad-web/dist/logging.js';
import { Message } from '@ricky0123/vad-web/dist/messages.js';
import type { OrtModule } from '@ricky0123/vad-web/dist/models/common.js';
import { Silero } from '@ricky0123/vad-web/dist/models/silero.js';
import * as ort from 'onnxruntime-node';
import type { FrameInterval } from '../../lib/engine/gate';
import { FrameBuffer, PEER_RATE, toFrame, type ChannelVad } from './peer-call';

const require = createRequire(import.meta.url);
export const SILERO_MODEL = require.resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx');
/** v5 takes 512-sample frames at 16 kHz (32 ms), as vad-web's real-time VAD feeds it. */
const SILERO_FRAME = 512;

/** What the report shows of the settings: vad-web's defaults, untouched. */
export const SILERO_SETTINGS = {
  model: 'silero_vad_v5.onnx (vad-web 0.0.31)',
  frameSamples: SILERO_FRAME,
  positiveSpeechThreshold: defaultFrameProcessorOptions.positiveSpeechThreshold,
  negativeSpeechThreshold: defaultFrameProcessorOptions.negativeSpeechThreshold,
  minSpeechMs: defaultFrameProcessorOptions.minSpeechMs,
  redemptionMs: defaultFrameProcessorOptions.redemptionMs,
  onnxThreads: 1,
};

// vad-web logs model loading on stdout at debug level; the benchmark's report is on stdout.
log.debug = () => {};

// One thread per session, as silero-vad's own ONNX wrapper (utils_vad.py) sets it: the model is
// tiny, and a thread pool only adds spinning CPU to every 32 ms frame.
const singleThreadedOrt = {
  ...ort,
  InferenceSession: {
    create: (model: ArrayBuffer) =>
      ort.InferenceSession.create(new Uint8Array(model), { intraOpNumThreads: 1, interOpNumThreads: 1 }),
  },
} as unknown as OrtModule; // onnxruntime-node implements the onnxruntime-common API vad-web is typed against

const modelBytes = () => Promise.resolve(fs.readFileSync(SILERO_MODEL).buffer as ArrayBuffer);

/** One channel: its own model state and vad-web frame processor. */
export async function newSileroChannel(): Promise<ChannelVad> {
  const model = await Silero.new(singleThreadedOrt, modelBytes);
  const processor = new FrameProcessor(
    model.process,
    model.reset_state,
    { ...defaultFrameProcessorOptions },
    (SILERO_FRAME / PEER_RATE) * 1000,
  );
  processor.resume();
  const buffer = new FrameBuffer(SILERO_FRAME);
  const speech: FrameInterval[] = [];
  let frameIndex = 0;
  let start = 0;
  let lastVoiced = 0;

  // vad-web reports a segment's end once `redemptionMs` of quiet has passed. The speech itself
  // ended earlier, at the last frame the model still scored above the negative threshold: the
  // segment ends there (as silero-vad's get_speech_timestamps ends it), not 1.4 s later.
  const handle = (event: FrameProcessorEvent) => {
    if (event.msg === Message.SpeechStart) start = frameIndex;
    if (event.msg === Message.SpeechEnd)
      speech.push([toFrame(start * SILERO_FRAME), toFrame((lastVoiced + 1) * SILERO_FRAME)]);
  };
  return {
    async push(samples) {
      for (const frame of buffer.frames(samples)) {
        let probability = 0;
        // The processor keeps the frames of a segment (for its audio): give it its own copy.
        await processor.process(frame.slice(), (event) => {
          if (event.msg === Message.FrameProcessed) probability = event.probs.isSpeech;
          handle(event);
        });
        if (processor.speaking && probability >= defaultFrameProcessorOptions.negativeSpeechThreshold)
          lastVoiced = frameIndex;
        frameIndex++;
      }
    },
    finish() {
      processor.endSegment(handle);
      void model.release();
      return speech;
    },
  };
}
