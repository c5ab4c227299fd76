// One call in a meeting tab, from join to leave: capture (my mic + remote audio, or relayed tab
// audio) → the engine, which runs inside the capture AudioWorklet (extension/capture/live-analysis.ts)
// → live figures for the overlay and saves through the background. Everything runs on the audio
// clock: the worklet's live reports drive overlay updates, remote-track rescans and saves, so a
// hidden tab with throttled timers keeps pace.
import type { AnalysisResult, ConversationEvent, Interval, LiveState } from '../../lib/engine/types';
import type { CallHeader } from '../../lib/record/call-record';
import type { Settings } from '../../lib/settings';
import { CaptureGraph } from '../capture/audio-graph';
import { openMic, stopStream, superviseMic, type MicResult } from '../capture/mic';
import { chooseRemoteTracks, collectRemoteAudio } from '../capture/remote-tracks';
import type { AnalysisReport, ResultReport } from '../capture/worklet-protocol';
import type { ExtensionFrame } from '../classifier/extension-frame';
import { sendMessage } from '../messages';

/** How often, in seconds of call audio, each job runs. */
export const SESSION_CADENCE = {
  /** The live picture is looked at 10 times a second, so a turn change reaches the overlay within
   *  ~0.1 s of the engine; it goes to the page when something shown at once changed… */
  liveSec: 0.1,
  /** …or after this long (share, clocks, nudge timing). */
  liveQuietSec: 0.5,
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
  /** "Understand words, on this device" as the call starts (extension/words/). */
  words: Settings['words'];
  pageFacts(): PageFacts;
  onLive(live: LiveState, events: ConversationEvent[]): void;
  /** The call's id once the background has it, and the capture facts the status shows. */
  onChange(): void;
}

/** Longest wait for the engine's last verdicts when a call ends… */
const FINISH_TIMEOUT_MS = 5000;
/** …and for the result as it stands, should they never come. */
const SNAPSHOT_TIMEOUT_MS = 1000;

export class CallSession {
  callId: string | null = null;
  micProblem: { denied: boolean; message: string } | null = null;
  modelError: string | null = null;
  /** Audio waits for a user gesture in the page (autoplay policy). */
  waitingForGesture = false;

  private graph: CaptureGraph | null = null;
  private frame: ExtensionFrame | null = null;
  private mic: MediaStream | null = null;
  /** The engine runs in the worklet: it has started (with the call's classifier and settings). */
  private analyzing = false;
  private callStarted: Promise<string | null> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private ended = false;
  private paused = false;
  /** Left the call, perhaps only for a moment (park/rejoin): mic released, nothing measured. */
  private parked = false;
  private stopMicSupervision: (() => void) | null = null;
  private muted = false;
  /** Seconds of call audio the engine has had (from its live reports), and when each job is next due. */
  private timeSecNow = 0;
  private nextRescanSec = 0;
  private nextSaveSec = 0;
  /** The latest saved result: sent as final when the page goes away with no time to ask for more. */
  private lastResult: ResultReport | null = null;
  private readonly replies = new Map<number, (report: ResultReport) => void>();
  private nextReplyId = 0;
  private tabAudioChannel: string | null;

  constructor(private readonly options: CallSessionOptions) {
    this.tabAudioChannel = options.tabAudioChannel;
  }

  async start(): Promise<void> {
    const [frame, mic, graph] = await Promise.all([
      this.options.frame,
      openMic(this.options.header.host),
      CaptureGraph.createAnalyzing((report) => this.onReport(report)),
    ]);
    this.frame = frame;
    this.graph = graph;
    this.mic = mic.ok ? mic.stream : null;
    if (this.ended) return this.teardown();
    this.modelError = frame.modelError;
    if (!mic.ok) this.micProblem = mic;
    // The worklet asks the model's worker for verdicts itself, over a channel of its own.
    let classifierPort: MessagePort | null = null;
    if (frame.classifier) {
      const channel = new MessageChannel();
      frame.connectClassifier(channel.port2);
      classifierPort = channel.port1;
    }
    // Words on: the worklet sends my speech to the frame's recogniser worker over its own channel.
    let wordsPort: MessagePort | null = null;
    if (this.options.words.enabled) {
      const channel = new MessageChannel();
      frame.connectWords(channel.port2);
      wordsPort = channel.port1;
    }
    graph.startAnalysis({
      classifierPort,
      wordsPort,
      keepMyQuestions: this.options.words.keepMyQuestions,
      waitForMic: this.mic !== null,
      muted: this.muted,
      paused: this.paused,
      liveEverySec: SESSION_CADENCE.liveSec,
      liveQuietSec: SESSION_CADENCE.liveQuietSec,
    });
    this.analyzing = true;
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

  /** Seconds of call audio analysed so far (as of the engine's last live report). */
  get timeSec(): number {
    return this.timeSecNow;
  }

  setMuted(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    if (this.analyzing) this.graph?.command({ type: 'muted', muted });
  }

  /** While paused the engine hears nothing: the paused stretch is cut out of the call's audio. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (this.analyzing) this.graph?.command({ type: 'paused', paused: paused || this.parked });
  }

  /**
   * The page left the call, maybe only for a moment (a network drop, "Rejoin"): the mic is given
   * back, nothing is measured, and the record is saved as ended. `rejoin` in the same page soon
   * after goes on with the same call and record; `end` finishes it for good.
   */
  async park(): Promise<void> {
    if (this.ended || this.parked) return;
    this.parked = true;
    this.setPaused(this.paused);
    this.releaseMic();
    this.options.onChange();
    const report = (await this.ask('snapshot', SNAPSHOT_TIMEOUT_MS)) ?? this.lastResult;
    if (report && !this.ended) await this.save({ ...report, final: true });
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
    this.setPaused(this.paused);
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
    if (this.graph && this.analyzing) {
      // The last classifications take milliseconds; should they never come back, the record is
      // still closed, with the figures as they stand.
      const final =
        (await this.ask('finish', FINISH_TIMEOUT_MS)) ?? (await this.ask('snapshot', SNAPSHOT_TIMEOUT_MS)) ?? this.lastResult;
      if (final) await this.save({ ...final, final: true });
    }
    this.teardown();
  }

  /** The page is going away (tab closed, full navigation): no time to ask the worklet for more, so
   *  the latest saved result is sent as final; if even that is lost, the background recovers the
   *  call from its last save. Either way at most one save interval is lost. */
  endNow(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.lastResult && this.callId) void this.send(this.callId, this.lastResult, true);
    this.teardown();
  }

  /** The extension was reloaded or updated: messaging is gone, only stop the audio. */
  dispose(): void {
    this.ended = true;
    this.teardown();
  }

  private onReport(report: AnalysisReport): void {
    switch (report.type) {
      case 'started':
        return this.announce();
      case 'live':
        return this.onLive(report.live, report.events);
      case 'snapshot':
      case 'final':
        this.replies.get(report.id)?.(report);
        this.replies.delete(report.id);
        return;
      case 'classifier-error':
        this.modelError = `the speech model failed: ${report.message}`;
        this.options.onChange();
        return;
    }
  }

  private onLive(live: LiveState, events: ConversationEvent[]): void {
    if (this.ended) return;
    this.timeSecNow = live.timeSec;
    this.options.onLive(live, events);
    if (live.timeSec >= this.nextRescanSec) {
      this.nextRescanSec = live.timeSec + SESSION_CADENCE.rescanSec;
      this.rescanRemote();
    }
    if (live.timeSec >= this.nextSaveSec && this.callId) {
      this.nextSaveSec = live.timeSec + SESSION_CADENCE.saveSec;
      void this.ask('snapshot', SNAPSHOT_TIMEOUT_MS).then((report) => report && this.save({ ...report, final: false }));
    }
  }

  /** A result from the worklet's engine: the snapshot so far, or the final one. */
  private ask(type: 'snapshot' | 'finish', timeoutMs: number): Promise<ResultReport | null> {
    const graph = this.graph;
    if (!graph) return Promise.resolve(null);
    const id = this.nextReplyId++;
    return new Promise<ResultReport | null>((resolve) => {
      const timer = setTimeout(() => {
        this.replies.delete(id);
        resolve(null);
      }, timeoutMs);
      this.replies.set(id, (report) => {
        clearTimeout(timer);
        resolve(report);
      });
      graph.command({ type, id });
    });
  }

  /** The first chunk fixes the call's start: its first sample is t = 0 of the analysis. */
  private announce(): void {
    this.callStarted = sendMessage('background.callStarted', {
      ...this.options.header,
      // The report comes one render quantum (8 ms) after the call's first sample, give or take
      // the audio callback's batching: well under the timeline's resolution.
      startedAtMs: Date.now(),
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
  private save({ result, muted, words, final }: ResultReport & { final: boolean }): Promise<void> {
    if (!final) this.lastResult = { result, muted, words };
    this.saving = this.saving.then(async () => {
      const callId = this.callId ?? (await this.callStarted);
      if (callId) await this.send(callId, { result, muted, words }, final);
    });
    return this.saving;
  }

  private send(callId: string, { result, muted, words }: ResultReport, final: boolean): Promise<void> {
    const facts = this.options.pageFacts();
    return sendMessage('background.callProgress', {
      callId,
      result,
      participants: facts.participants,
      title: facts.title,
      limited: facts.limited,
      endedAtMs: Date.now(),
      muted,
      ...(words ? { words } : {}),
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
    if (this.options.words.enabled) this.frame?.stopWords();
    this.analyzing = false;
  }
}
