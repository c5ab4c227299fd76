// The coach in one meeting tab. It reads the page (the site adapter's markup reading, the RTC hook's
// WebRTC facts, live remote audio in media elements), feeds those signals to the call lifecycle
// (lib/call/lifecycle.ts) and carries out the effects it returns: open the speech model's frame,
// start, park, rejoin and end CallSessions, tell them about mute and pause. It keeps the overlay and
// the background's tab status true to what the coach is doing, and tears everything down with the
// content script's context.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { say } from '../../components/say';
import {
  initialLifecycle,
  isCallActive,
  muteKnown,
  mutedNow,
  participantsNow,
  stepLifecycle,
  type Effect,
  type MarkupFacts,
  type Signal,
} from '../../lib/call/lifecycle';
import { NO_WEBRTC, summarizeWebRtc, type RtcSnapshot, type WebRtcReading } from '../../lib/call/webrtc';
import { initialNudgeState, stepNudges, type NudgeState } from '../../lib/coaching/nudges';
import type { LiveState } from '../../lib/engine/types';
import type { PeopleView } from '../../lib/people/tracker';
import { meetingKindFor } from '../../lib/record/call-record';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { adapterFor } from '../../lib/sites';
import type { SiteAdapter, SiteReading } from '../../lib/sites/types';
import { sentTrackUsable } from '../capture/mic';
import { chooseRemoteTracks, collectRemoteAudio } from '../capture/remote-tracks';
import type { LiveReport } from '../channels/content-worklet';
import { hookDocuments, pollPageHook, sentTracks } from '../channels/page-hook';
import { openExtensionFrame, type ExtensionFrame } from '../classifier/extension-frame';
import { LIVE_COACH_GLOBAL, onMessage, PORT_NAMES, sendMessage, type TabStatus } from '../messages';
import { editSettings, settingsItem, type SettingsEditor } from '../settings';
import { CallPeople } from './call-people';
import { CallSession, SESSION_CADENCE } from './call-session';
import { coachMessage, coachState } from './coach-state';
import { mountOverlay, type OverlayController } from './overlay';
import { watchPage } from './site-watch';

/** A gap in what the coach heard is told this long after it last grew. */
const GAP_NOTICE_MS = 30_000;

/** Where the page is: a rejoin must be into the same meeting. */
function meetingHere(): string {
  return `${location.origin}${location.pathname}${location.hash}`;
}

/** The RTC hook's facts from this page and its same-origin frames. */
function readWebRtc(doc: Document): { snapshot: RtcSnapshot | null; tracks: Map<string, MediaStreamTrack> } {
  const documents = hookDocuments(doc);
  const snapshots = documents.map(pollPageHook).filter((s): s is RtcSnapshot => s !== null);
  const tracks = new Map(documents.flatMap((d) => [...sentTracks(d)]));
  return { snapshot: snapshots.length ? { connections: snapshots.flatMap((s) => s.connections) } : null, tracks };
}

export class MeetingCoach {
  private settings: Settings = DEFAULT_SETTINGS;
  /** Changes the settings from this tab (the overlay's own), shown here at once (extension/settings.ts). */
  private settingsEditor: SettingsEditor | null = null;
  private adapter: SiteAdapter | null = null;
  private reading: SiteReading | null = null;
  private webrtc: WebRtcReading = NO_WEBRTC;
  private sent = new Map<string, MediaStreamTrack>();
  private lifecycle = initialLifecycle(meetingHere());
  /** The running call (in call, limited, or rejoining)… */
  private session: CallSession | null = null;
  /** …and one just left, kept for a rejoin (REJOIN_WINDOW_MS). */
  private parked: CallSession | null = null;
  /** Opened before the call (lobby, a peer connection), so the speech model is warm at join. */
  private frame: ExtensionFrame | null = null;
  private tabAudioChannel: string | null = null;
  private live: LiveState | null = null;
  private nudges: NudgeState = initialNudgeState();
  private lastStatusJson = '';
  /** The background says the last save did not fit on the disk. */
  private storageFull = false;
  /** Held from the first call on, so the background learns when this page dies without a word. */
  private backgroundPort: ReturnType<typeof browser.runtime.connect> | null = null;

  private constructor(
    private readonly ctx: ContentScriptContext,
    private readonly overlay: OverlayController,
  ) {}

  static async run(ctx: ContentScriptContext): Promise<void> {
    const overlay = await mountOverlay(ctx, {
      dismissNudge: () => coach.dismissNudge(),
      setCollapsed: (collapsed) => coach.changeOverlay((overlay) => ({ ...overlay, collapsed })),
      move: (position) => coach.changeOverlay((overlay) => ({ ...overlay, position })),
      hideOnThisSite: () =>
        coach.changeOverlay((overlay) => ({
          ...overlay,
          hiddenOn: [...new Set([...overlay.hiddenOn, location.hostname])],
        })),
      setPaused: (paused) => coach.dispatch({ type: 'pause', paused }),
    });
    const coach = new MeetingCoach(ctx, overlay);
    // After an extension reload `browser.runtime` is gone, and WXT's own validity check throws on
    // it instead of ending the context (every ctx timer then fails, and the audio and overlay would
    // stay): notice it here, so the old script stops cleanly.
    const orphanCheck = setInterval(() => {
      if (!browser.runtime?.id) ctx.notifyInvalidated();
    }, 1000);
    ctx.onInvalidated(() => clearInterval(orphanCheck));
    (globalThis as Record<string, unknown>)[LIVE_COACH_GLOBAL] = () => !ctx.isInvalid && !!browser.runtime?.id;
    coach.settings = await settingsItem.getValue();
    coach.settingsEditor = editSettings(coach.settings, (settings) => coach.onSettings(settings));
    ctx.onInvalidated(coach.settingsEditor.stop);
    coach.listen();
    watchPage(ctx, () => coach.readPage());
  }

  private listen(): void {
    const ctx = this.ctx;
    ctx.onInvalidated(onMessage('content.setPaused', ({ data }) => this.dispatch({ type: 'pause', paused: data })));
    ctx.onInvalidated(
      onMessage('content.tabCaptureChanged', ({ data }) => {
        this.tabAudioChannel = data?.channel ?? null;
        this.session?.useTabAudio(this.tabAudioChannel);
        this.publish();
      }),
    );
    ctx.onInvalidated(
      onMessage('content.storageFull', ({ data }) => {
        this.storageFull = data;
        this.publish();
      }),
    );
    // Full navigation or tab close: no time to finish, send what there is.
    ctx.addEventListener(window, 'pagehide', () => this.dispatch({ type: 'leave', atMs: Date.now() }));
    ctx.addEventListener(window, 'wxt:locationchange', () =>
      this.dispatch({ type: 'navigation', atMs: Date.now(), meeting: meetingHere() }),
    );
    ctx.onInvalidated(() => {
      // Extension reloaded or updated: the old script must go quietly (no messaging is possible any
      // more; the background recovers the call from its last save). Anything else that stops this
      // script while the extension lives (WXT's "newer script" message, which a page can forge)
      // still sends what there is as final: the call is not lost.
      if (browser.runtime?.id) this.session?.endNow();
      else this.session?.dispose();
      this.session = null;
      this.parked?.dispose();
      this.parked = null;
      this.backgroundPort?.disconnect();
    });
    // Autoplay policy: audio may wait for the first click or key press in the page.
    const resume = () => void this.session?.resumeAfterGesture();
    ctx.addEventListener(document, 'pointerdown', resume, { capture: true });
    ctx.addEventListener(document, 'keydown', resume, { capture: true });
  }

  /** Overlay placement and visibility are settings: they follow the person to every meeting tab. A
   *  dropped overlay stays where it was dropped, and each arrow key moves on from the last step. */
  private changeOverlay(change: (overlay: Settings['overlay']) => Settings['overlay']): void {
    void this.settingsEditor?.update((settings) => ({ ...settings, overlay: change(settings.overlay) }));
  }

  private onSettings(settings: Settings): void {
    this.settings = settings;
    this.readPage();
  }

  /** One look at the page: every signal it gives, then the picture shown. */
  private readPage(): void {
    const atMs = Date.now();
    const url = new URL(location.href);
    this.adapter = adapterFor(url, this.settings.customSites);
    const enabled = this.adapter ? this.adapter.id === 'custom' || this.settings.sites[this.adapter.id] : false;
    this.reading = this.adapter && enabled ? this.adapter.read(document, url) : null;
    if (this.reading) this.session?.people.speakersShown(this.reading.speakers, atMs);
    const { snapshot, tracks } = readWebRtc(document);
    this.webrtc = summarizeWebRtc(snapshot);
    this.sent = tracks;
    this.dispatch({ type: 'markup', atMs, markup: this.markupFacts() });
    this.dispatch({ type: 'webrtc', atMs, webrtc: this.webrtc });
    // Media elements count only where the hook saw no connection (it was put in after the call
    // began, say); reading them costs a walk of the page, so only then.
    if (!this.webrtc.any && this.reading) {
      this.dispatch({
        type: 'audio',
        atMs,
        remoteTracks: chooseRemoteTracks(collectRemoteAudio(document), new Set()).length,
      });
    }
    this.publish();
  }

  private markupFacts(): MarkupFacts | null {
    const reading = this.reading;
    if (!reading) return null;
    return {
      phase: reading.phase,
      muted: reading.muted,
      participants: reading.participants,
      readable: !reading.limited,
      knowsSite: !reading.generic,
    };
  }

  /** Steps the lifecycle and carries out what it asks. */
  private dispatch(signal: Signal): void {
    const { state, effects } = stepLifecycle(this.lifecycle, signal);
    this.lifecycle = state;
    for (const effect of effects) this.execute(effect);
    if (effects.length > 0 || signal.type === 'pause') this.publish();
  }

  private execute(effect: Effect): void {
    switch (effect.type) {
      case 'open-frame':
        this.frame ??= openExtensionFrame(this.ctx.signal);
        return;
      case 'start-call':
        return this.startSession(effect);
      case 'park-call': {
        const session = this.session;
        this.session = null;
        this.live = null;
        this.parked = session;
        void session?.park();
        return;
      }
      case 'rejoin-call': {
        const session = this.parked;
        this.connectBackground();
        void (session?.rejoin() ?? Promise.resolve(false)).then((resumed) => {
          if (resumed && this.parked === session) {
            this.parked = null;
            this.session = session;
          }
          this.dispatch({ type: 'rejoin-result', atMs: Date.now(), resumed });
        });
        return;
      }
      case 'end-call': {
        const session = this.session;
        this.session = null;
        this.live = null;
        void session?.end();
        return;
      }
      case 'end-parked-call': {
        const parked = this.parked;
        this.parked = null;
        void parked?.end();
        return;
      }
      case 'abandon-calls':
        this.session?.endNow();
        this.session = null;
        // A parked call was saved as ended when it was left.
        this.parked?.dispose();
        this.parked = null;
        return;
      case 'set-muted':
        (this.session ?? this.parked)?.setMuted(effect.muted);
        return;
      case 'set-paused':
        (this.session ?? this.parked)?.setPaused(effect.paused);
        return;
      case 'set-limited':
        (this.session ?? this.parked)?.setLimited(effect.limited);
        return;
    }
  }

  private startSession({ muted, paused, limited }: { muted: boolean; paused: boolean; limited: boolean }): void {
    const adapter = this.adapter!;
    this.frame ??= openExtensionFrame(this.ctx.signal);
    const session: CallSession = new CallSession({
      header: {
        site: adapter.id,
        host: location.hostname,
        title: this.pageTitle(),
        captureMode: this.tabAudioChannel ? 'tab' : 'in-page',
      },
      frame: this.frame,
      tabAudioChannel: this.tabAudioChannel,
      sentTrack: () => this.sentVoice(),
      words: this.settings.words,
      people: new CallPeople(document),
      keepNames: this.settings.people.keepNames,
      // Only the adapter's title later on: an end screen's tab title must not replace the meeting's.
      pageFacts: () => ({ participants: participantsNow(this.lifecycle), title: this.reading?.title ?? null }),
      onLive: (report) => this.onLive(report),
      onSaved: () => this.dispatch({ type: 'call-saved' }),
      onChange: () => this.publish(),
    });
    this.session = session;
    this.connectBackground();
    session.setPaused(paused);
    session.setMuted(muted);
    session.setLimited(limited);
    this.nudges = initialNudgeState();
    this.live = null;
    session.start().catch((error: unknown) => {
      console.warn('[listening-coach] capture failed to start', error);
      session.dispose();
      if (this.session !== session) return;
      this.session = null;
      this.dispatch({ type: 'call-failed', atMs: Date.now() });
    });
  }

  /** My voice as the page sends it, when it sends one the hook can hand over and the engine can
   *  read as it reads its own capture (else the session opens its own). */
  private sentVoice(): MediaStreamTrack | null {
    for (const id of this.webrtc.sentTrackIds) {
      const track = this.sent.get(id);
      if (track && sentTrackUsable(track)) return track;
    }
    return null;
  }

  /** A long-lived port that only ends: with the page (closed, crashed, navigated), the background
   *  recovers its open call at once instead of at the next browser start. It also ends when the
   *  service worker stops; during a call it is connected again (which wakes the worker, as the
   *  call's saves do anyway), between calls it is left closed. */
  private connectBackground(): void {
    if (this.backgroundPort || this.ctx.isInvalid) return;
    const port = browser.runtime.connect({ name: PORT_NAMES.meetingPage });
    this.backgroundPort = port;
    port.onDisconnect.addListener(() => {
      this.backgroundPort = null;
      this.ctx.setTimeout(() => {
        if (this.session) this.connectBackground();
      }, 1000);
    });
  }

  /** The meeting's title where the page shows one, else the tab's title as the call starts. */
  private pageTitle(): string | null {
    return this.reading?.title ?? (document.title.trim() || null);
  }

  private onLive({ live, events }: LiveReport): void {
    this.live = live;
    const participants = this.lifecycle.maxParticipants;
    const session = this.session;
    const inclusionMs = this.settings.nudges.inclusion.threshold * 1000;
    this.nudges = stepNudges(this.nudges, {
      quietPeople: session
        ? session.people.quietFor(inclusionMs, participantsNow(this.lifecycle), session.captureMode)
        : null,
      live,
      events,
      settings: this.settings,
      participants,
      targetShare: this.settings.targetShare[meetingKindFor(participants)],
      nowMs: Date.now(),
    });
    this.publish();
  }

  private dismissNudge(): void {
    this.nudges = { ...this.nudges, current: null };
    this.publish();
  }

  /** Who else spoke, for the overlay: while a call is measured. */
  private peopleView(): PeopleView | null {
    const session = this.session;
    const live = this.live;
    if (!session || !live) return null;
    const figures = {
      participants: participantsNow(this.lifecycle),
      selfSpeechSec: live.selfSpeechSec,
      othersSpeechSec: live.othersSpeechSec,
    };
    return session.people.view(figures, session.captureMode);
  }

  /** Pushes the current picture to the overlay, and to the background when the status changed. */
  private publish(): void {
    const status = this.status();
    this.overlay.update({
      status,
      live: this.live,
      nudge: this.nudges.current,
      people: this.peopleView(),
      participants: this.lifecycle.maxParticipants,
      analysedSec: this.session ? this.session.timeSec : null,
      settings: this.settings,
      host: location.hostname,
    });
    // The live figures arrive several times a second: the background hears about them with each state change
    // and every `statusSec` otherwise (the popup's live figures are at most that old).
    const json = JSON.stringify({
      ...status,
      live: status.live && Math.floor(status.live.timeSec / SESSION_CADENCE.statusSec),
    });
    if (json === this.lastStatusJson || this.ctx.isInvalid) return;
    this.lastStatusJson = json;
    void sendMessage('background.tabStatus', status).catch(() => {});
  }

  private status(): TabStatus {
    const session = this.session;
    const lifecycle = this.lifecycle;
    const state = coachState({
      supported: this.reading !== null,
      inCall: session !== null && isCallActive(lifecycle.phase),
      paused: lifecycle.paused,
      micDenied: session?.micProblem?.denied ?? false,
      muted: mutedNow(lifecycle),
      limited: lifecycle.phase === 'limited',
    });
    return {
      state,
      site: this.adapter?.id ?? null,
      captureMode: session?.captureMode ?? null,
      speechModel: session && session.speechModel !== 'absent' ? 'yamnet' : 'none',
      callId: session?.callId ?? null,
      live: this.live,
      message: this.message(),
      participants: lifecycle.maxParticipants,
    };
  }

  /** The one sentence the person most needs, true for what the coach is doing now. */
  private message(): string | null {
    const session = this.session;
    if (!session) return null;
    const lifecycle = this.lifecycle;
    const gap = session.gap;
    const message = coachMessage({
      micProblem: session.micProblem?.message ?? null,
      storageFull: this.storageFull,
      waitingForGesture: session.waitingForGesture,
      // Only while the coach hears nobody: a page whose remote audio it reads needs no tab capture.
      needsTabCapture:
        this.adapter?.remoteAudio === 'tab-capture' && session.captureMode !== 'tab' && session.remoteTracks === 0,
      recentGapSec: gap.sec >= 1 && Date.now() - gap.grewAtMs < GAP_NOTICE_MS ? gap.sec : null,
      muteKnown: muteKnown(lifecycle),
      limited: lifecycle.phase === 'limited',
      speechModel: session.speechModel,
      modelStopped: session.modelFailed,
      modelError: this.frame?.modelError ?? null,
    });
    return message && say(message);
  }
}
