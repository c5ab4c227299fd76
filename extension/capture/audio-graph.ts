// The Web Audio graph that turns my mic and the remote audio into chunks of two channels:
// mic → input 0 and remote tracks (mixed) → input 1 of the capture worklet. Used by the content
// script (in-page capture) and by the offscreen document (tab audio).
import { browser } from 'wxt/browser';
import {
  CAPTURE_PROCESSOR,
  OTHERS_INPUT,
  SELF_INPUT,
  type CaptureChunk,
  type CaptureProcessorOptions,
  type ContentToWorklet,
  type StartAnalysis,
  type WorkletToContent,
} from '../channels/content-worklet';
import { openPortChannel, type MessageHandlers, type PortChannel } from '../channels/port-channel';

/** What the page hears from the worklet. */
export type AnalysisListeners = MessageHandlers<WorkletToContent>;

/** The engine works at 16 kHz (YAMNet's rate): running the whole graph there saves resampling and
 *  two thirds of every downstream cost compared with 48 kHz. */
export const CAPTURE_SAMPLE_RATE = 16000;

/** Render buffer of a call's capture context (analyze mode). The worklet thread wakes once per
 *  buffer; with 'playback' (≈40–50 ms with a silent sink in Chromium 156) the wake-ups cost more
 *  than the engine itself: 0.1 s cuts the Web Audio side of the worklet thread by about two thirds
 *  (bench/live.ts) and adds at most 0.1 s before a turn change reaches the overlay, inside
 *  its 250 ms. Chunk mode keeps 'playback': relayed tab audio rides a small jitter buffer. */
export const ANALYZE_LATENCY_SEC = 0.1;

export class CaptureGraph {
  // Sources connect straight to the worklet's inputs: an input sums whatever is connected to it
  // (and downmixes to the node's one channel), so no mixing node runs every render quantum.
  private selfSource: MediaStreamAudioSourceNode | null = null;
  private readonly othersSources = new Map<MediaStreamTrack, MediaStreamAudioSourceNode>();

  /** The worklet's end of the route (extension/channels/content-worklet.ts): commands, requests
   *  for results. */
  readonly worklet: PortChannel<ContentToWorklet>;

  private constructor(
    readonly context: AudioContext,
    private readonly node: AudioWorkletNode,
    listeners: AnalysisListeners,
  ) {
    this.worklet = openPortChannel<ContentToWorklet, WorkletToContent>(node.port, { messages: listeners });
  }

  /** Posts raw chunks of both channels to `onChunk` (tab audio, mic check). */
  static create(onChunk: (chunk: CaptureChunk) => void): Promise<CaptureGraph> {
    return CaptureGraph.open({}, 'playback', { chunk: onChunk });
  }

  /** Runs the engine inside the worklet (a call): `startAnalysis` starts it, `listeners` hear the
   *  live picture; results are asked for through `worklet`. */
  static createAnalyzing(listeners: AnalysisListeners): Promise<CaptureGraph> {
    return CaptureGraph.open({ analyze: true }, ANALYZE_LATENCY_SEC, listeners);
  }

  private static async open(
    processorOptions: CaptureProcessorOptions,
    latencyHint: AudioContextLatencyCategory | number,
    listeners: AnalysisListeners,
  ): Promise<CaptureGraph> {
    const context = new AudioContext({
      sampleRate: CAPTURE_SAMPLE_RATE,
      // Large render buffers: few wake-ups of the worklet thread.
      latencyHint,
      // Nothing is played here: a silent sink renders without opening an output stream at all.
      sinkId: { type: 'none' },
    } as AudioContextOptions);
    await context.audioWorklet.addModule(browser.runtime.getURL('/capture-worklet.js'));
    const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR, {
      numberOfInputs: 2,
      // No outputs: Chromium pulls such a node by itself, so nothing needs to reach the speakers.
      numberOfOutputs: 0,
      channelCount: 1,
      channelCountMode: 'explicit',
      processorOptions,
    });
    return new CaptureGraph(context, node, listeners);
  }

  get sampleRate(): number {
    return this.context.sampleRate;
  }

  /** My mic; null disconnects it (the self channel then reads as absent). */
  setSelf(stream: MediaStream | null): void {
    this.selfSource?.disconnect();
    this.selfSource = stream ? new MediaStreamAudioSourceNode(this.context, { mediaStream: stream }) : null;
    this.selfSource?.connect(this.node, 0, SELF_INPUT);
  }

  /** The remote tracks to mix into the others channel, each exactly once (callers dedupe). */
  setOthers(tracks: readonly MediaStreamTrack[]): void {
    // By the track itself: two subscriptions through an SFU may carry the same track id.
    const wanted = new Set(tracks);
    for (const [track, source] of this.othersSources) {
      if (wanted.has(track)) continue;
      source.disconnect();
      this.othersSources.delete(track);
    }
    for (const track of wanted) {
      if (this.othersSources.has(track)) continue;
      const source = new MediaStreamAudioSourceNode(this.context, { mediaStream: new MediaStream([track]) });
      source.connect(this.node, 0, OTHERS_INPUT);
      this.othersSources.set(track, source);
    }
  }

  /** Feed the others channel from `pushOthers` (relayed tab audio) instead of `setOthers` tracks. */
  useExternalOthers(enabled: boolean): void {
    this.worklet.send('external-others', enabled);
  }

  pushOthers(samples: Float32Array): void {
    this.worklet.send('others-samples', samples, [samples.buffer]);
  }

  /** Analyze mode: the engine starts with the call's settings; its classifier port is handed over. */
  startAnalysis(init: StartAnalysis): void {
    this.worklet.send(
      'start-analysis',
      init,
      [init.classifierPort, init.wordsPort].filter((p): p is MessagePort => !!p),
    );
  }

  /** Autoplay policy may start the context suspended until the page has had a user gesture. */
  resume(): Promise<void> {
    return this.context.state === 'suspended' ? this.context.resume() : Promise.resolve();
  }

  async close(): Promise<void> {
    this.worklet.close();
    this.setSelf(null);
    this.setOthers([]);
    if (this.context.state !== 'closed') await this.context.close();
  }
}
