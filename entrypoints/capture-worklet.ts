// The capture AudioWorklet: takes the two inputs (my mic, everyone I hear) and either runs the
// engine on them (a call: extension/capture/live-analysis.ts, reporting the live picture to the
// content script) or posts them as 40 ms chunks (tab audio in the offscreen document, the mic
// check). Audio-clock driven, so hidden tabs (whose timers are throttled) keep their pace. Loaded
// by URL from the extension: page CSPs block blob: worklets.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { LiveAnalysis } from '../extension/capture/live-analysis';
import {
  CAPTURE_PROCESSOR,
  CHUNK_FRAMES,
  OTHERS_INPUT,
  SELF_INPUT,
  type CaptureChunk,
  type CaptureProcessorOptions,
  type ContentToWorklet,
  type WorkletToContent,
} from '../extension/channels/content-worklet';
import { openPortChannel, type PortChannel } from '../extension/channels/port-channel';

// The AudioWorkletGlobalScope is not in TypeScript's libs.
declare const currentFrame: number;
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(
  name: string,
  ctor: new (options: { processorOptions?: CaptureProcessorOptions }) => AudioWorkletProcessor,
): void;

/** The worklet scope has no timers; the engine waits for its last verdicts with setTimeout when a
 *  call ends. The callbacks run at the next render quantum (the audio clock goes on until the
 *  content script has the final result and closes the context). */
const timerQueue: (() => void)[] = [];
function installTimeoutShim(): void {
  const scope = globalThis as { setTimeout?: unknown };
  if (typeof scope.setTimeout === 'function') return;
  scope.setTimeout = (callback: () => void) => {
    timerQueue.push(callback);
    return 0;
  };
}
function runTimers(): void {
  for (let n = timerQueue.length; n > 0; n--) timerQueue.shift()!();
}

/** Relayed samples are buffered this deep before playing out, to ride over message jitter… */
const EXTERNAL_PRIME_FRAMES = 2 * CHUNK_FRAMES;
/** …and dropped past this depth, so a stall never turns into lasting delay. */
const EXTERNAL_MAX_FRAMES = 6 * CHUNK_FRAMES;

/** One channel being filled up to a chunk. */
class ChunkBuilder {
  buffer = new Float32Array(CHUNK_FRAMES);
  present = false;

  write(offset: number, samples: Float32Array | undefined, from: number, count: number): void {
    if (!samples) return;
    this.present = true;
    this.buffer.set(samples.subarray(from, from + count), offset);
  }

  take(): Float32Array | null {
    const out = this.present ? this.buffer : null;
    this.buffer = new Float32Array(CHUNK_FRAMES);
    this.present = false;
    return out;
  }
}

/** FIFO of relayed others-samples, read one render quantum at a time. */
class ExternalQueue {
  private chunks: Float32Array[] = [];
  private readOffset = 0;
  private depth = 0;
  private primed = false;

  push(samples: Float32Array): void {
    this.chunks.push(samples);
    this.depth += samples.length;
    while (this.depth - this.readOffset > EXTERNAL_MAX_FRAMES && this.chunks.length > 1) {
      const dropped = this.chunks.shift()!;
      this.depth -= dropped.length;
      this.readOffset = 0;
    }
  }

  /** Fills `out` (zeros where nothing arrived in time). */
  read(out: Float32Array): void {
    out.fill(0);
    if (!this.primed) {
      if (this.depth - this.readOffset < EXTERNAL_PRIME_FRAMES) return;
      this.primed = true;
    }
    let written = 0;
    for (let head = this.chunks[0]; head && written < out.length; head = this.chunks[0]) {
      const n = Math.min(out.length - written, head.length - this.readOffset);
      out.set(head.subarray(this.readOffset, this.readOffset + n), written);
      written += n;
      this.readOffset += n;
      if (this.readOffset === head.length) {
        this.chunks.shift();
        this.depth -= head.length;
        this.readOffset = 0;
      }
    }
    if (written < out.length) this.primed = false; // ran dry: wait for a fresh cushion
  }
}

export default defineUnlistedScript(() => {
  // Declared here, not at module level: WXT imports entrypoints in Node to read their options,
  // where AudioWorkletProcessor does not exist.
  class CaptureProcessor extends AudioWorkletProcessor {
    private readonly self = new ChunkBuilder();
    private readonly others = new ChunkBuilder();
    private filled = 0;
    private external: ExternalQueue | null = null;
    private externalQuantum = new Float32Array(128);
    private readonly analyze: boolean;
    /** Analyze mode: null until the call's engine starts (audio before that is dropped). */
    private analysis: LiveAnalysis | null = null;
    private readonly channel: PortChannel<WorkletToContent>;

    constructor(options: { processorOptions?: CaptureProcessorOptions }) {
      super();
      this.analyze = options.processorOptions?.analyze === true;
      if (this.analyze) installTimeoutShim();
      this.channel = openPortChannel<WorkletToContent, ContentToWorklet>(this.port, {
        messages: {
          'external-others': (enabled) => (this.external = enabled ? new ExternalQueue() : null),
          'others-samples': (samples) => this.external?.push(samples),
          'start-analysis': (init) => (this.analysis ??= new LiveAnalysis(sampleRate, init, this.channel.send)),
          muted: (muted) => this.analysis?.setMuted(muted),
          paused: (paused) => this.analysis?.setPaused(paused),
          'classifier-port': (port) => this.analysis?.connectClassifier(port),
        },
        requests: {
          snapshot: () => this.analysis?.snapshot() ?? null,
          finish: () => this.analysis?.finish() ?? null,
        },
      });
    }

    process(inputs: Float32Array[][]): boolean {
      const selfIn = inputs[SELF_INPUT]?.[0];
      let othersIn = inputs[OTHERS_INPUT]?.[0];
      const quantum = (selfIn ?? othersIn)?.length ?? 128;
      if (this.external) {
        if (this.externalQuantum.length !== quantum) this.externalQuantum = new Float32Array(quantum);
        this.external.read(this.externalQuantum);
        othersIn = this.externalQuantum;
      }
      if (this.analyze) {
        if (timerQueue.length > 0) runTimers();
        this.analysis?.push(selfIn ?? null, othersIn ?? null, quantum, Date.now());
        return true;
      }
      let from = 0;
      while (from < quantum) {
        const n = Math.min(quantum - from, CHUNK_FRAMES - this.filled);
        this.self.write(this.filled, selfIn, from, n);
        this.others.write(this.filled, othersIn, from, n);
        this.filled += n;
        from += n;
        if (this.filled === CHUNK_FRAMES) this.post(currentFrame + from);
      }
      return true;
    }

    private post(endFrame: number): void {
      this.filled = 0;
      const chunk: CaptureChunk = { self: this.self.take(), others: this.others.take(), endFrame };
      const transfer = [chunk.self?.buffer, chunk.others?.buffer].filter((b): b is ArrayBuffer => !!b);
      this.channel.send('chunk', chunk, transfer);
    }
  }

  registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
});
