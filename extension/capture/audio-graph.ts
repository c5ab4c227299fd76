// The Web Audio graph that turns my mic and the remote audio into chunks of two channels:
// mic → input 0 and remote tracks (mixed) → input 1 of the capture worklet. Used by the content
// script (in-page capture) and by the offscreen document (tab audio).
import { browser } from 'wxt/browser';
import {
  CAPTURE_PROCESSOR,
  OTHERS_INPUT,
  SELF_INPUT,
  type CaptureChunk,
  type WorkletCommand,
} from './worklet-protocol';

/** The engine works at 16 kHz (YAMNet's rate): running the whole graph there saves resampling and
 *  two thirds of every downstream cost compared with 48 kHz. */
export const CAPTURE_SAMPLE_RATE = 16000;

export class CaptureGraph {
  private readonly selfBus: GainNode;
  private readonly othersBus: GainNode;
  private selfSource: MediaStreamAudioSourceNode | null = null;
  private readonly othersSources = new Map<string, MediaStreamAudioSourceNode>();

  private constructor(
    readonly context: AudioContext,
    private readonly node: AudioWorkletNode,
  ) {
    this.selfBus = new GainNode(context);
    this.othersBus = new GainNode(context);
    this.selfBus.connect(node, 0, SELF_INPUT);
    this.othersBus.connect(node, 0, OTHERS_INPUT);
  }

  static async create(onChunk: (chunk: CaptureChunk) => void): Promise<CaptureGraph> {
    const context = new AudioContext({
      sampleRate: CAPTURE_SAMPLE_RATE,
      // 'playback': the largest render buffers, hence the fewest wake-ups.
      latencyHint: 'playback',
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
    });
    node.port.onmessage = (event: MessageEvent<CaptureChunk>) => onChunk(event.data);
    return new CaptureGraph(context, node);
  }

  get sampleRate(): number {
    return this.context.sampleRate;
  }

  /** My mic; null disconnects it (the self channel then reads as absent). */
  setSelf(stream: MediaStream | null): void {
    this.selfSource?.disconnect();
    this.selfSource = stream ? new MediaStreamAudioSourceNode(this.context, { mediaStream: stream }) : null;
    this.selfSource?.connect(this.selfBus);
  }

  /** The remote tracks to mix into the others channel, each exactly once (callers dedupe). */
  setOthers(tracks: readonly MediaStreamTrack[]): void {
    const wanted = new Map(tracks.map((track) => [track.id, track]));
    for (const [id, source] of this.othersSources) {
      if (wanted.has(id)) continue;
      source.disconnect();
      this.othersSources.delete(id);
    }
    for (const [id, track] of wanted) {
      if (this.othersSources.has(id)) continue;
      const source = new MediaStreamAudioSourceNode(this.context, { mediaStream: new MediaStream([track]) });
      source.connect(this.othersBus);
      this.othersSources.set(id, source);
    }
  }

  /** Feed the others channel from `pushOthers` (relayed tab audio) instead of `setOthers` tracks. */
  useExternalOthers(enabled: boolean): void {
    this.command({ type: 'external-others', enabled });
  }

  pushOthers(samples: Float32Array): void {
    this.command({ type: 'others-samples', samples }, [samples.buffer]);
  }

  /** Autoplay policy may start the context suspended until the page has had a user gesture. */
  resume(): Promise<void> {
    return this.context.state === 'suspended' ? this.context.resume() : Promise.resolve();
  }

  async close(): Promise<void> {
    this.node.port.onmessage = null;
    this.setSelf(null);
    this.setOthers([]);
    if (this.context.state !== 'closed') await this.context.close();
  }

  private command(message: WorkletCommand, transfer: Transferable[] = []): void {
    this.node.port.postMessage(message, transfer);
  }
}
