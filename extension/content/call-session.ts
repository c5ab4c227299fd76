// One call in a meeting tab, from join to leave: capture (my mic + remote audio, or relayed tab
// audio) → engine → live figures for the overlay and saves through the background. Everything runs
// on the audio clock: chunks drive analysis, overlay updates, remote-track rescans and saves, so a
// hidden tab with throttled timers keeps pace.
import { createEngine } from '../../lib/engine/engine';
import type { ConversationEvent, Engine, Interval, LiveState } from '../../lib/engine/types';
import type { CallHeader, CallUpdate } from '../../lib/record/call-record';
import { CAPTURE_SAMPLE_RATE, CaptureGraph } from '../capture/audio-graph';
import { openMic, stopStream, superviseMic, type MicResult } from '../capture/mic';
import { chooseRemoteTracks, collectRemoteAudio } from '../capture/remote-tracks';
import { CHUNK_FRAMES, type CaptureChunk } from '../capture/worklet-protocol';
import type { ExtensionFrame } from '../classifier/extension-frame';
import { sendMessage } from '../messages';

/** How often, in seconds of call audio, each job runs. */
export const SESSION_CADENCE = {
  /** Overlay and nudges: 10 per second keeps a turn change on screen within ~0.1 s of the engine. */
  liveSec: 0.1,
  /** The page may start or stop playing remote streams at any time (Meet rotates its pool). */
  rescanSec: 1,
  /** Saves: the issue asks for ≤10 s of loss after a crash. */
  saveSec: 5,
} as const;

/** What the page shows about the call at save time. */
export interface PageFacts {
  participants: number | null;
  title: string | null;
  limited: boolean;
}

export interface CallSessionOptions {
  header: Omit<CallHeader, 'startedAtMs' | 'speechModel'>;
  /** The page's extension frame (speech model, tab-audio relay), loading or loaded. */
  frame: Promise<ExtensionFrame>;
  /** Tab audio relayed from the offscreen document replaces in-page remote audio. */
  tabAudioChannel: string | null;
  pageFacts(): PageFacts;
  onLive(live: LiveState, events: ConversationEvent[]): void;
  /** The call's id once the background has it, and the capture facts the status shows. */
  onChange(): void;
}

const SILENCE = new Float32Array(CHUNK_FRAMES);

/** A freshly opened mic delivers exact zeros for its first tens of milliseconds; the engine would
 *  take them for the room's noise floor and hear the real room as speech for many seconds after.
 *  The call's clock starts with the mic's first sound (or after this many chunks: 1 s). */
const MIC_WARMUP_MAX_CHUNKS = Math.round(CAPTURE_SAMPLE_RATE / CHUNK_FRAMES);

function hasSignal(samples: Float32Array | null): boolean {
  return samples?.some((x) => x !== 0) ?? false;
}

/** Longest wait for the engine's last verdicts when a call ends. */
const FINISH_TIMEOUT_MS = 5000;

export class CallSession {
  callId: string | null = null;
  micProblem: { denied: boolean; message: string } | null = null;
  modelError: string | null = null;
  /** Audio waits for a user gesture in the page (autoplay policy). */
  waitingForGesture = false;

  private engine: Engine | null = null;
  private graph: CaptureGraph | null = null;
  private frame: ExtensionFrame | null = null;
  private mic: MediaStream | null = null;
  private callStarted: Promise<string | null> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private ended = false;
  private paused = false;
  /** Left the call, perhaps only for a moment (park/rejoin): mic released, nothing measured. */
  private parked = false;
  private stopMicSupervision: (() => void) | null = null;
  private muted = false;
  private readonly mutedIntervals: Interval[] = [];
  /** Samples given to the engine, and when each job is next due (in samples). */
  private samples = 0;
  private warmupChunks = 0;
  private nextLive = 0;
  private nextRescan = 0;
  private nextSave = 0;
  private tabAudioChannel: string | null;

  constructor(private readonly options: CallSessionOptions) {
    this.tabAudioChannel = options.tabAudioChannel;
  }

  async start(): Promise<void> {
    const [frame, mic, graph] = await Promise.all([
      this.options.frame,
      openMic(this.options.header.host),
      CaptureGraph.create((chunk) => this.onChunk(chunk)),
    ]);
    this.frame = frame;
    this.graph = graph;
    this.mic = mic.ok ? mic.stream : null;
    if (this.ended) return this.teardown();
    this.modelError = frame.modelError;
    if (!mic.ok) this.micProblem = mic;
    this.engine = createEngine({
      sampleRate: graph.sampleRate,
      classifier: frame.classifier ?? undefined,
      onClassifierError: (error) => {
        this.modelError = `the speech model failed: ${String(error)}`;
        this.options.onChange();
      },
    });
    if (this.muted) this.engine.setMuted(true);
    graph.setSelf(this.mic);
    this.superviseMic(mic);
    this.applyTabAudio();
    await graph.resume().catch(() => {});
    this.waitingForGesture = graph.context.state !== 'running';
    this.options.onChange();
  }

  /** Autoplay policy kept the audio suspended: a click or key in the page lets it start. */
  async resumeAfterGesture(): Promise<void> {
    if (!this.graph || !this.waitingForGesture) return;
    await this.graph.resume().catch(() => {});
    this.waitingForGesture = this.graph.context.state !== 'running';
    this.options.onChange();
  }

  get captureMode(): 'in-page' | 'tab' {
    return this.tabAudioChannel ? 'tab' : 'in-page';
  }

  get timeSec(): number {
    return this.graph ? this.samples / this.graph.sampleRate : 0;
  }

  setMuted(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    this.engine?.setMuted(muted);
    const t = this.timeSec;
    if (muted) this.mutedIntervals.push([t, Infinity]);
    else {
      const open = this.mutedIntervals.at(-1);
      if (open) open[1] = t;
    }
  }

  /** While paused the engine hears nothing: the paused stretch is cut out of the call's audio. */
  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  /**
   * The page left the call, maybe only for a moment (a network drop, "Rejoin"): the mic is given
   * back, nothing is measured, and the record is saved as ended. `rejoin` in the same page soon
   * after goes on with the same call and record; `end` finishes it for good.
   */
  async park(): Promise<void> {
    if (this.ended || this.parked) return;
    this.parked = true;
    this.releaseMic();
    this.options.onChange();
    const result = this.engine?.snapshot();
    if (result && !this.ended) await this.save({ result, final: true });
  }

  /** Joined the same meeting again: the same call goes on, if the background still has it open. */
  async rejoin(): Promise<boolean> {
    if (!this.parked || this.ended || !this.callId) return false;
    const resumed = await sendMessage('background.callResumed', { callId: this.callId }).catch(() => false);
    if (!resumed || this.ended) return false;
    const mic = await openMic(this.options.header.host);
    if (this.ended) {
      if (mic.ok) stopStream(mic.stream);
      return false;
    }
    this.parked = false;
    this.useMic(mic);
    this.superviseMic(mic);
    return true;
  }

  get isParked(): boolean {
    return this.parked;
  }

  useTabAudio(channel: string | null): void {
    this.tabAudioChannel = channel;
    this.applyTabAudio();
    this.options.onChange();
  }

  /** Leave or navigation inside the page: finish the analysis and store the final record. */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.graph?.close();
    const engine = this.engine;
    if (engine) {
      // The last classifications take milliseconds; should they never come back, the record is
      // still closed, with the figures as they stand.
      const timeout = new Promise<null>((resolve) => setTimeout(resolve, FINISH_TIMEOUT_MS, null));
      const result = (await Promise.race([engine.finish(), timeout])) ?? engine.snapshot();
      await this.save({ result, final: true });
    }
    this.teardown();
  }

  /** The page is going away (tab closed, full navigation): no time to finish the analysis, so
   *  the snapshot so far is sent as final; if even that is lost, the background recovers the call
   *  from its last save. */
  endNow(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.engine && this.callId) void this.send(this.callId, this.engine.snapshot(), true);
    this.teardown();
  }

  /** The extension was reloaded or updated: messaging is gone, only stop the audio. */
  dispose(): void {
    this.ended = true;
    this.teardown();
  }

  private onChunk(chunk: CaptureChunk): void {
    const engine = this.engine;
    if (!engine || this.ended || this.paused || this.parked) return;
    if (this.samples === 0) {
      if (this.mic && !hasSignal(chunk.self) && this.warmupChunks++ < MIC_WARMUP_MAX_CHUNKS) return;
      this.announce();
    }
    // With neither channel connected the call still goes on: time advances in silence.
    engine.push(chunk.self, chunk.others ?? (chunk.self ? null : SILENCE));
    this.samples += CHUNK_FRAMES;

    if (this.samples >= this.nextLive) {
      this.nextLive = this.samples + this.every(SESSION_CADENCE.liveSec);
      this.options.onLive(engine.live(), engine.takeEvents());
    }
    if (this.samples >= this.nextRescan) {
      this.nextRescan = this.samples + this.every(SESSION_CADENCE.rescanSec);
      this.rescanRemote();
    }
    if (this.samples >= this.nextSave && this.callId) {
      this.nextSave = this.samples + this.every(SESSION_CADENCE.saveSec);
      void this.save({ result: engine.snapshot(), final: false });
    }
  }

  private every(sec: number): number {
    return Math.round(sec * (this.graph?.sampleRate ?? CAPTURE_SAMPLE_RATE));
  }

  /** The first chunk fixes the call's start: its first sample is t = 0 of the analysis. */
  private announce(): void {
    const chunkMs = (CHUNK_FRAMES / (this.graph?.sampleRate ?? CAPTURE_SAMPLE_RATE)) * 1000;
    this.callStarted = sendMessage('background.callStarted', {
      ...this.options.header,
      startedAtMs: Date.now() - chunkMs,
      speechModel: this.frame?.classifier ? 'yamnet' : 'none',
      captureMode: this.captureMode,
    }).then(
      ({ callId, tabAudioChannel }) => {
        this.callId = callId;
        if (tabAudioChannel && !this.tabAudioChannel) this.useTabAudio(tabAudioChannel);
        else this.options.onChange();
        return callId;
      },
      () => null,
    );
  }

  private rescanRemote(): void {
    if (!this.graph || this.tabAudioChannel) return;
    const ownTracks = new Set(this.mic?.getTracks().map((t) => t.id) ?? []);
    this.graph.setOthers(chooseRemoteTracks(collectRemoteAudio(document), ownTracks));
  }

  private applyTabAudio(): void {
    const graph = this.graph;
    if (!graph || !this.frame) return;
    const channel = this.tabAudioChannel;
    graph.useExternalOthers(channel !== null);
    if (channel) {
      graph.setOthers([]);
      this.frame.relayTabAudio(channel, (samples) => graph.pushOthers(samples));
    } else {
      this.frame.relayTabAudio(null);
      this.rescanRemote();
    }
  }

  /** Saves one after another, so an older snapshot never lands after a newer one. */
  private save({ result, final }: { result: CallUpdate['result']; final: boolean }): Promise<void> {
    this.saving = this.saving.then(async () => {
      const callId = this.callId ?? (await this.callStarted);
      if (callId) await this.send(callId, result, final);
    });
    return this.saving;
  }

  private send(callId: string, result: CallUpdate['result'], final: boolean): Promise<void> {
    const facts = this.options.pageFacts();
    // Muted stretches as of this result; one still open ends where the result ends.
    const muted = this.mutedIntervals.map(([s, e]): Interval => [s, Math.min(e, result.durationSec)]);
    return sendMessage('background.callProgress', {
      callId,
      result,
      participants: facts.participants,
      title: facts.title,
      limited: facts.limited,
      endedAtMs: Date.now(),
      muted,
      final,
    }).catch(() => {});
  }

  /** A device that went, a permission taken away or given back (extension/capture/mic.ts). */
  private superviseMic(initial: MicResult): void {
    this.stopMicSupervision?.();
    this.stopMicSupervision = superviseMic(this.options.header.host, initial, (mic) => this.useMic(mic));
  }

  private useMic(mic: MicResult): void {
    if (this.mic && (!mic.ok || mic.stream !== this.mic)) stopStream(this.mic);
    this.mic = mic.ok ? mic.stream : null;
    this.micProblem = mic.ok ? null : mic;
    this.graph?.setSelf(this.mic);
    this.options.onChange();
  }

  private releaseMic(): void {
    this.stopMicSupervision?.();
    this.stopMicSupervision = null;
    stopStream(this.mic);
    this.mic = null;
    this.graph?.setSelf(null);
  }

  private teardown(): void {
    this.stopMicSupervision?.();
    void this.graph?.close();
    stopStream(this.mic);
    this.frame?.relayTabAudio(null);
    this.engine = null;
  }
}
