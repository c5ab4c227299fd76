// What every peer VAD shares in `npm run bench`: a per-channel voice detector turned into the same
// version-1 analysis JSON the engine writes, so the shared scorer judges everyone alike. The peer
// decides speech per frame; after that the project's own rules apply unchanged: gaps under 0.3 s
// bridged (metrics.md, by the engine's SpeechStream), then turns and overlap events
// (ConversationTracker) and the per-call metrics (computeMetrics).
// Benchmark-only code: nothing under entrypoints/ or lib/ imports it.
import { ConversationTracker } from '../../lib/engine/conversation';
import type { FrameInterval } from '../../lib/engine/gate';
import { computeMetrics } from '../../lib/engine/metrics';
import { ENGINE_PARAMS } from '../../lib/engine/params';
import { SpeechStream } from '../../lib/engine/speech-stream';
import type { AnalysisResult, Interval, Party } from '../../lib/engine/types';

/** Both peers are 16 kHz detectors. */
export const PEER_RATE = 16000;
/** The scorer's and the engine's frame: 10 ms. */
const FRAME_SAMPLES = PEER_RATE * ENGINE_PARAMS.frameSec;

/** One channel's detector, fed 16 kHz audio as it arrives. */
export interface ChannelVad {
  push(samples: Float32Array): void | Promise<void>;
  /** End of the audio: the speech found, in 10 ms frames [start, end), in time order. */
  finish(): FrameInterval[];
}

/** A call being analysed as it arrives: two channels in, the analysis JSON out (createEngine's
 *  shape, so the benchmark drives the engine and the peers with the same loop). */
export interface CallDetector {
  /** Blocks of both channels at the call's sample rate; `null` is an absent (silent) channel. */
  push(self: Float32Array | null, others: Float32Array | null): void | Promise<void>;
  finish(): Promise<AnalysisResult>;
}

/** Sample `sample` of the 16 kHz stream as a 10 ms frame index, to the nearest frame. */
export const toFrame = (sample: number) => Math.round(sample / FRAME_SAMPLES);

/** Cuts a stream of blocks into frames of `size` samples. The yielded frame is reused: copy it to keep it. */
export class FrameBuffer {
  private readonly frame: Float32Array;
  private filled = 0;

  constructor(size: number) {
    this.frame = new Float32Array(size);
  }

  *frames(samples: Float32Array): Generator<Float32Array> {
    for (let i = 0; i < samples.length;) {
      const take = Math.min(samples.length - i, this.frame.length - this.filled);
      this.frame.set(samples.subarray(i, i + take), this.filled);
      this.filled += take;
      i += take;
      if (this.filled === this.frame.length) {
        this.filled = 0;
        yield this.frame;
      }
    }
  }
}

/**
 * Brings a channel to 16 kHz. Only 8 kHz (telephone audio) needs it here: linear interpolation
 * doubles it, carrying the last sample across blocks so the stream is seamless.
 */
function to16k(sampleRate: number): (block: Float32Array) => Float32Array {
  if (sampleRate === PEER_RATE) return (block) => block;
  if (sampleRate !== PEER_RATE / 2) throw new RangeError(`peer VADs take 8 or 16 kHz audio, not ${sampleRate} Hz`);
  let previous = 0;
  return (block) => {
    const out = new Float32Array(block.length * 2);
    for (let i = 0; i < block.length; i++) {
      const x = block[i]!;
      out[2 * i] = (previous + x) / 2;
      out[2 * i + 1] = previous = x;
    }
    return out;
  };
}

/** A call analysed by one peer VAD per channel. */
export async function startPeerCall(newChannel: () => Promise<ChannelVad>, sampleRate: number): Promise<CallDetector> {
  const resample = { self: to16k(sampleRate), others: to16k(sampleRate) };
  const vads = { self: await newChannel(), others: await newChannel() };
  let samples = 0;
  return {
    async push(self, others) {
      samples += Math.max(self?.length ?? 0, others?.length ?? 0);
      if (self) await vads.self.push(resample.self(self));
      if (others) await vads.others.push(resample.others(others));
    },
    async finish() {
      return peerAnalysis({ self: vads.self.finish(), others: vads.others.finish() }, samples / sampleRate);
    },
  };
}

/** A peer's raw speech frames → analysis JSON by the project's rules (0.3 s bridging, conversation, metrics). */
function peerAnalysis(speech: Record<Party, FrameInterval[]>, durationSec: number): AnalysisResult {
  const p = ENGINE_PARAMS;
  const tracker = new ConversationTracker(p);
  const segments: Record<Party, Interval[]> = { self: [], others: [] };
  const speechSec: Record<Party, number> = { self: 0, others: 0 };
  for (const party of ['self', 'others'] as const) {
    const stream = new SpeechStream(party, Math.round(p.bridgeGapSec / p.frameSec), null, ([start, end]) => {
      segments[party].push([round2(start * p.frameSec), round2(end * p.frameSec)]);
      tracker.push({ party, start, end });
    });
    for (const piece of speech[party]) stream.add(piece);
    stream.flush();
    speechSec[party] = stream.speechFrames * p.frameSec;
  }
  tracker.finish();
  return {
    version: 1,
    durationSec: round2(durationSec),
    // No YAMNet gate: the peer alone decides what is speech.
    speechModel: 'none',
    segments,
    turns: tracker.totals.turns,
    events: tracker.totals.events,
    metrics: computeMetrics(
      tracker.totals,
      { selfSpeechSec: speechSec.self, othersSpeechSec: speechSec.others, durationSec, mutedSec: 0, sideTalkSec: 0 },
      p,
    ),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
