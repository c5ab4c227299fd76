// One call in a meeting tab, from join to leave: capture (my voice + remote audio, or relayed tab
// audio) → the engine, which runs inside the capture AudioWorklet (extension/capture/live-analysis.ts)
// → live figures for the overlay and saves through the background. Everything runs on the audio
// clock: the worklet's live reports drive overlay updates, remote-track rescans and saves, so a
// hidden tab with throttled timers keeps pace. What to do when (start, park, rejoin, end, mute,
// pause) is decided by the call lifecycle (lib/call/lifecycle.ts); this class carries it out.
import { toStoredPeople } from '../../lib/people/tracker';
import type { CallHeader } from '../../lib/record/call-record';
import type { Settings } from '../../lib/settings';
import { CaptureGraph } from '../capture/audio-graph';
import { openMic, sentTrackUsable, stopStream, superviseMic, type MicResult } from '../capture/mic';
import { chooseRemoteTracks, collectRemoteAudio } from '../capture/remote-tracks';
import type { LiveReport, ResultReport } from '../channels/content-worklet';
import type { ExtensionFrame } from '../classifier/extension-frame';
import { sendMessage } from '../messages';
import type { CallPeople } from './call-people';

/** How often, in seconds of call audio, each job runs. */
export const SESSION_CADENCE = {
  /** The live picture is looked at 10 times a second, so a turn change reaches the overlay within
   *  ~0.1 s of the engine; it goes to the page when something shown at once changed… */
  liveSec: 0.1,
  /** …or after this long (share, clocks, nudge timing). */
  liveQuietSec: 0.5,
  /** The page may start or stop playing remote streams, or send another track, at any time. */
  rescanSec: 1,
  /** Saves. A tab that is closed or crashes keeps the call up to its last save, so they come at
   *  this share of the call so far (≥ 98 % of a call is kept from its first minute on)… */
  saveShare: 0.015,
  /** …at least this far apart: a save costs the page, the background and the disk a few
   *  milliseconds however short the call (the snapshot itself is 0.05 ms and 20 kB at 30 minutes)… */
  saveMinSec: 1,
  /** …and at most this far (≤ 10 s of loss after a crash, the issue asks). */
  saveMaxSec: 5,
  /** The background hears the live figures with each state change, else this often. */
  statusSec: 5,
} as const;

/** Seconds of call audio from a save at `timeSec` to the next one. */
export function saveIntervalSec(timeSec: number): number {
  const { saveShare, saveMinSec, saveMaxSec } = SESSION_CADENCE;
  return Math.min(saveMaxSec, Math.max(saveMinSec, saveShare * timeSec));
}

/** What the page shows about the call at save time. */
export interface PageFacts {
  participants: number | null;
  title: string | null;
}

/** Where my voice comes from: the track the page sends (what the others hear), or the coach's own
 *  capture of the mic where the page sends none the coach can reach. */
export type VoiceSource = 'sent' | 'own' | 'none';

export interface CallSessionOptions {
  header: Omit<CallHeader, 'startedAtMs' | 'speechModel'>;
  /** The page's extension frame (speech model, tab-audio relay). */
  frame: ExtensionFrame;
  /** Tab audio relayed from the offscreen document replaces in-page remote audio. */
  tabAudioChannel: string | null;
  /** The audio track the page sends now, when my voice should come from it (null: none). */
  sentTrack(): MediaStreamTrack | null;
  /** "Understand words, on this device" as the call starts (extension/words/). */
  words: Settings['words'];
  /** Who else spoke (fed here with every live report, saved with every save)… */
  people: CallPeople;
  /** …with their names in the record only when the person chose "keep names". */
  keepNames: boolean;
  pageFacts(): PageFacts;
  onLive(report: LiveReport): void;
  /** The call's record exists (the background gave it an id). */
  onSaved(): void;
  /** Capture facts the status shows changed (mic, model, gesture, tab audio). */
  onChange(): void;
}

/** Longest wait for the engine's last verdicts when a call ends… */
const FINISH_TIMEOUT_MS = 5000;
/** …and for the result as it stands, should they never come. */
const SNAPSHOT_TIMEOUT_MS = 1000;

export class CallSession {
  callId: string | null = null;
  micProblem: Extract<MicResult, { ok: false }> | null = null;
  /** The speech model failed mid-call, fell behind it or stopped answering: the detector decides
   *  alone until it answers in time again (never, if its worker died). Its error, as reported. */
  modelFailed: string | null = null;
  /** Audio waits for a user gesture in the page (autoplay policy). */
  waitingForGesture = false;
  /** Remote tracks the others channel hears (0 in tab-capture mode: the tab's audio stands in). */
  remoteTracks = 0;

  private graph: CaptureGraph | null = null;
  /** My voice: the page's sent track, or our own capture (then `ownMic` holds its stream). */
  private voiceTrack: MediaStreamTrack | null = null;
  private ownMic: MediaStream | null = null;
  /** The engine runs in the worklet: it has started (with the call's classifier and settings). */
  private analyzing = false;
  private callStarted: Promise<string | null> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private ended = false;
  private paused = false;
  /** Left the call, perhaps only for a moment (park/rejoin): voice released, nothing measured. */
  private parked = false;
  private stopMicSupervision: (() => void) | null = null;
  private stopModelWatch: (() => void) | null = null;
  private muted = false;
  /** Known from audio alone for a while (the page's call screen could not be read): the record says so. */
  private limited = false;
  /** Seconds of call audio the engine has had (from its live reports), and when each job is next due. */
  private timeSecNow = 0;
  private gapSecNow = 0;
  private gapGrewAtMs = -Infinity;
  private nextRescanSec = 0;
  private nextSaveSec = 0;
  /** The latest saved result: sent as final when the page goes away with no time to ask for more. */
  private lastResult: ResultReport | null = null;
  private tabAudioChannel: string | null;
  private readonly frame: ExtensionFrame;

  constructor(private readonly options: CallSessionOptions) {
    this.tabAudioChannel = options.tabAudioChannel;
    this.frame = options.frame;
  }

  async start(): Promise<void> {
    const sent = this.options.sentTrack();
    const [mic, graph] = await Promise.all([
      sent ? null : openMic(this.options.header.host),
      CaptureGraph.createAnalyzing({
        started: () => this.announce(),
        live: (report) => this.onLive(report),
        'classifier-error': (message) => {
          this.modelFailed = message;
          this.options.onChange();
        },
        'classifier-recovered': () => {
          this.modelFailed = null;
          this.options.onChange();
        },
      }),
    ]);
    this.graph = graph;
    if (this.ended) {
      if (mic?.ok) stopStream(mic.stream);
      return this.teardown();
    }
    const model = this.frame.model;
    // Words on: the worklet sends my speech to the frame's recogniser worker over its own channel.
    let wordsPort: MessagePort | null = null;
    if (this.options.words.enabled) {
      const channel = new MessageChannel();
      this.frame.connectWords(channel.port2);
      wordsPort = channel.port1;
    }
    graph.startAnalysis({
      model,
      classifierPort: model === 'ready' ? this.classifierPort() : null,
      wordsPort,
      keepMyQuestions: this.options.words.keepMyQuestions,
      waitForMic: sent !== null || mic?.ok === true,
      muted: this.muted,
      paused: this.paused,
      liveEverySec: SESSION_CADENCE.liveSec,
      liveQuietSec: SESSION_CADENCE.liveQuietSec,
    });
    this.analyzing = true;
    if (model === 'loading') this.stopModelWatch = this.frame.onModelChange(() => this.modelArrived());
    if (sent) this.useVoice(sent, null);
    else if (mic) {
      this.useMic(mic);
      this.superviseMic(mic);
    }
    this.applyTabAudio();
    await graph.resume().catch(() => {});
    this.waitingForGesture = graph.context.state !== 'running';
    this.options.onChange();
  }

  /** A new channel to the model's worker; the worklet gets the other end. */
  private classifierPort(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.frame.connectClassifier(port2);
    return port1;
  }

  /** The model came up (or failed) after the call started: the worklet takes it from now on. */
  private modelArrived(): void {
    this.stopModelWatch?.();
    this.stopModelWatch = null;
    if (!this.graph || !this.analyzing) return;
    const port = this.frame.model === 'ready' ? this.classifierPort() : null;
    this.graph.worklet.send('classifier-port', port, port ? [port] : []);
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

  /** Who else spoke in this call. */
  get people(): CallPeople {
    return this.options.people;
  }

  /** Where my voice comes from now. */
  get voice(): VoiceSource {
    if (!this.voiceTrack) return 'none';
    return this.ownMic ? 'own' : 'sent';
  }

  /** Seconds of call audio analysed so far (as of the engine's last live report). */
  get timeSec(): number {
    return this.timeSecNow;
  }

  /** Seconds of the call the render thread never delivered (filled in as background), and when
   *  that last grew. */
  get gap(): { sec: number; grewAtMs: number } {
    return { sec: this.gapSecNow, grewAtMs: this.gapGrewAtMs };
  }

  /** The speech model as this call uses it. */
  get speechModel(): 'ready' | 'loading' | 'absent' {
    return this.modelFailed ? 'absent' : this.frame.model;
  }

  setMuted(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    if (this.analyzing) this.graph?.worklet.send('muted', muted);
  }

  setLimited(limited: boolean): void {
    this.limited = limited;
  }

  /** While paused the engine hears nothing: the paused stretch is cut out of the call's audio. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (this.analyzing) this.graph?.worklet.send('paused', paused || this.parked);
  }

  /**
   * The page left the call, maybe only for a moment (a network drop, "Rejoin"): my voice is let
   * go, nothing is measured, and the record is saved as ended. `rejoin` in the same page soon after
   * goes on with the same call and record; `end` finishes it for good.
   */
  async park(): Promise<void> {
    if (this.ended || this.parked) return;
    this.parked = true;
    this.options.people.finish(Date.now());
    this.setPaused(this.paused);
    this.releaseVoice();
    this.options.onChange();
    const report = (await this.result('snapshot', SNAPSHOT_TIMEOUT_MS)) ?? this.lastResult;
    if (report && !this.ended) await this.save({ ...report, final: true });
  }

  /** Joined the same meeting again: the same call goes on, if the background still has it open. */
  async rejoin(): Promise<boolean> {
    if (!this.parked || this.ended || !this.callId) return false;
    const resumed = await sendMessage('background.callResumed', { callId: this.callId }).catch(() => false);
    if (!resumed || this.ended) return false;
    const sent = this.options.sentTrack();
    const mic = sent ? null : await openMic(this.options.header.host);
    if (this.ended) {
      if (mic?.ok) stopStream(mic.stream);
      return false;
    }
    this.parked = false;
    if (sent) this.useVoice(sent, null);
    else if (mic) {
      this.useMic(mic);
      this.superviseMic(mic);
    }
    this.setPaused(this.paused);
    return true;
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
    this.options.people.finish(Date.now());
    if (this.graph && this.analyzing) {
      // The last classifications take milliseconds; should they never come back, the record is
      // still closed, with the figures as they stand.
      const final =
        (await this.result('finish', FINISH_TIMEOUT_MS)) ??
        (await this.result('snapshot', SNAPSHOT_TIMEOUT_MS)) ??
        this.lastResult;
      if (final) await this.save({ ...final, final: true });
    }
    this.teardown();
  }

  /** The page is going away (tab closed, full navigation): no time to ask the worklet for more, so
   *  the latest saved result is sent as final; if even that is lost, the background recovers the
   *  call from its last save. Either way at most one save interval is lost (`saveIntervalSec`).
   *  The people stored with that result stay: a split of now would cover seconds its figures do
   *  not. */
  endNow(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.lastResult && this.callId) void this.send(this.callId, this.lastResult, true, false);
    this.teardown();
  }

  /** The extension was reloaded or updated: messaging is gone, only stop the audio. */
  dispose(): void {
    this.ended = true;
    this.teardown();
  }

  private onLive(report: LiveReport): void {
    if (this.ended) return;
    this.timeSecNow = report.live.timeSec;
    if (report.gapSec > this.gapSecNow) {
      this.gapGrewAtMs = Date.now();
      this.gapSecNow = report.gapSec;
      this.options.onChange();
    }
    this.options.people.onLive(report, Date.now());
    this.options.onLive(report);
    if (report.live.timeSec >= this.nextRescanSec) {
      this.nextRescanSec = report.live.timeSec + SESSION_CADENCE.rescanSec;
      this.rescan();
    }
    if (report.live.timeSec >= this.nextSaveSec && this.callId) {
      this.nextSaveSec = report.live.timeSec + saveIntervalSec(report.live.timeSec);
      void this.result('snapshot', SNAPSHOT_TIMEOUT_MS).then(
        (result) => result && this.save({ ...result, final: false }),
      );
    }
  }

  /** A result from the worklet's engine: the snapshot so far, or the final one. */
  private async result(type: 'snapshot' | 'finish', timeoutMs: number): Promise<ResultReport | null> {
    return (await this.graph?.worklet.request(type, null, { timeoutMs })) ?? null;
  }

  /** The first chunk fixes the call's start: its first sample is t = 0 of the analysis. */
  private announce(): void {
    this.callStarted = sendMessage('background.callStarted', {
      ...this.options.header,
      // The report comes one render quantum (8 ms) after the call's first sample, give or take
      // the audio callback's batching: well under the timeline's resolution.
      startedAtMs: Date.now(),
      speechModel: this.frame.model === 'absent' ? 'none' : 'yamnet',
      captureMode: this.captureMode,
    }).then(
      ({ callId, tabAudioChannel }) => {
        this.callId = callId;
        this.options.onSaved();
        if (tabAudioChannel && !this.tabAudioChannel) this.useTabAudio(tabAudioChannel);
        else this.options.onChange();
        return callId;
      },
      () => null,
    );
  }

  /** Follows the page: the remote tracks it plays, and the track it sends (a device switch
   *  replaces it; one the page stopped sending stays while it lives, so what I say while muted
   *  that way is still side talk; one that ended leaves the coach to its own capture). */
  private rescan(): void {
    if (!this.graph || this.parked) return;
    const sent = this.options.sentTrack();
    if (sent && sent !== this.voiceTrack) this.useVoice(sent, null);
    else if (!sent && this.voice === 'sent' && !sentTrackUsable(this.voiceTrack!)) void this.fallBackToOwnMic();
    if (this.tabAudioChannel) return;
    const own = new Set(
      [this.voiceTrack?.id, ...(this.ownMic?.getTracks().map((t) => t.id) ?? [])].filter((id): id is string => !!id),
    );
    const tracks = chooseRemoteTracks(collectRemoteAudio(document), own);
    this.remoteTracks = tracks.length;
    this.graph.setOthers(tracks);
  }

  private async fallBackToOwnMic(): Promise<void> {
    this.useVoice(null, null);
    const mic = await openMic(this.options.header.host);
    if (this.ended || this.parked || this.voiceTrack) {
      if (mic.ok) stopStream(mic.stream);
      return;
    }
    this.useMic(mic);
    this.superviseMic(mic);
  }

  private applyTabAudio(): void {
    const graph = this.graph;
    if (!graph) return;
    const channel = this.tabAudioChannel;
    graph.useExternalOthers(channel !== null);
    if (channel) {
      graph.setOthers([]);
      this.remoteTracks = 0;
      this.frame.relayTabAudio(channel, (samples) => graph.pushOthers(samples));
    } else {
      this.frame.relayTabAudio(null);
      this.rescan();
    }
  }

  /** Saves one after another, so an older snapshot never lands after a newer one. */
  private save({ final, ...report }: ResultReport & { final: boolean }): Promise<void> {
    if (!final) this.lastResult = report;
    this.saving = this.saving.then(async () => {
      const callId = this.callId ?? (await this.callStarted);
      if (callId) await this.send(callId, report, final);
    });
    return this.saving;
  }

  private send(
    callId: string,
    { result, muted, gapSec, words }: ResultReport,
    final: boolean,
    withPeople = true,
  ): Promise<void> {
    const facts = this.options.pageFacts();
    const { selfSpeechSec, othersSpeechSec } = result.metrics;
    const people = withPeople
      ? this.options.people.view({ participants: facts.participants, selfSpeechSec, othersSpeechSec }, this.captureMode)
      : null;
    return sendMessage('background.callProgress', {
      callId,
      result,
      participants: facts.participants,
      title: facts.title,
      limited: this.limited,
      endedAtMs: Date.now(),
      muted,
      audioGapSec: gapSec,
      ...(words ? { words } : {}),
      ...(people ? { people: toStoredPeople(people, this.options.keepNames) } : {}),
      final,
    }).catch(() => {});
  }

  /** A device that went, a permission taken away or given back (extension/capture/mic.ts). */
  private superviseMic(initial: MicResult): void {
    this.stopMicSupervision?.();
    this.stopMicSupervision = superviseMic(this.options.header.host, initial, (mic) => this.useMic(mic));
  }

  private useMic(mic: MicResult): void {
    this.micProblem = mic.ok ? null : mic;
    this.useVoice(mic.ok ? (mic.stream.getAudioTracks()[0] ?? null) : null, mic.ok ? mic.stream : null);
  }

  /** Connects my voice: a sent track (`ownMic` null) or our own capture's. */
  private useVoice(track: MediaStreamTrack | null, ownMic: MediaStream | null): void {
    if (this.ownMic && this.ownMic !== ownMic) stopStream(this.ownMic); // another device, or none
    if (track && !ownMic) {
      // The page sends my voice: the coach hears it, and has no capture of its own to look after.
      this.stopMicSupervision?.();
      this.stopMicSupervision = null;
      this.micProblem = null;
    }
    this.ownMic = ownMic;
    this.voiceTrack = track;
    this.graph?.setSelf(track ? new MediaStream([track]) : null);
    this.options.onChange();
  }

  private releaseVoice(): void {
    this.stopMicSupervision?.();
    this.stopMicSupervision = null;
    stopStream(this.ownMic); // a sent track is the page's: never stopped here
    this.ownMic = null;
    this.voiceTrack = null;
    this.graph?.setSelf(null);
  }

  private teardown(): void {
    this.stopMicSupervision?.();
    this.stopModelWatch?.();
    void this.graph?.close();
    stopStream(this.ownMic);
    this.frame.relayTabAudio(null);
    if (this.options.words.enabled) this.frame.stopWords();
    this.analyzing = false;
  }
}
