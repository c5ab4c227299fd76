// The coach in one meeting tab: follows the page through its site adapter, starts a CallSession
// when the call is joined and ends it on leave or navigation, keeps the overlay and the background's
// tab status up to date, and tears everything down with the content script's context.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { initialNudgeState, stepNudges, type NudgeState } from '../../lib/coaching/nudges';
import type { ConversationEvent, LiveState } from '../../lib/engine/types';
import { meetingKindFor } from '../../lib/record/call-record';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { adapterFor } from '../../lib/sites';
import type { SiteAdapter, SiteReading } from '../../lib/sites/types';
import { openExtensionFrame, type ExtensionFrame } from '../classifier/extension-frame';
import { browser } from 'wxt/browser';
import { LIVE_COACH_GLOBAL, onMessage, PORT_NAMES, REJOIN_WINDOW_MS, sendMessage, STORAGE_FULL_MESSAGE, type TabStatus } from '../messages';
import { settingsItem } from '../settings';
import { chooseRemoteTracks, collectRemoteAudio } from '../capture/remote-tracks';
import { CallSession, SESSION_CADENCE } from './call-session';
import { coachState } from './coach-state';
import { mountOverlay, type OverlayController } from './overlay';
import { watchPage } from './site-watch';

/** A call is over when the page has not looked like one for this long (or shows its end screen
 *  at once): toolbars that hide and re-render must not split a call in two. */
const LEAVE_CONFIRM_MS = 1500;

const TAB_CAPTURE_HINT =
  'This site plays its audio where the coach cannot read it: click the Listening Coach toolbar ' +
  'button and choose “Listen to this tab” (or press Alt+Shift+L).';

/** Overlay placement and visibility are settings: they follow the person to every meeting tab. */
async function updateOverlaySettings(change: (overlay: Settings['overlay']) => Settings['overlay']): Promise<void> {
  const current = await settingsItem.getValue();
  await settingsItem.setValue({ ...current, overlay: change(current.overlay) });
}

export class MeetingCoach {
  private settings: Settings = DEFAULT_SETTINGS;
  private adapter: SiteAdapter | null = null;
  private reading: SiteReading | null = null;
  private session: CallSession | null = null;
  /** The meeting this session is in (origin, path and hash of the page when it started). */
  private sessionMeeting = '';
  /** A call just left, kept for REJOIN_WINDOW_MS in case the person joins the same meeting again. */
  private parked: { session: CallSession; meeting: string; expires: number } | null = null;
  /** Opened in the lobby, so the speech model is warm when the call starts; kept for the page. */
  private frame: Promise<ExtensionFrame> | null = null;
  private notInCallSinceMs: number | null = null;
  private paused = false;
  private tabAudioChannel: string | null = null;
  private live: LiveState | null = null;
  private nudges: NudgeState = initialNudgeState();
  private maxParticipants: number | null = null;
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
      setCollapsed: (collapsed) => void updateOverlaySettings((overlay) => ({ ...overlay, collapsed })),
      move: (position) => void updateOverlaySettings((overlay) => ({ ...overlay, position })),
      hideOnThisSite: () =>
        void updateOverlaySettings((overlay) => ({ ...overlay, hiddenOn: [...new Set([...overlay.hiddenOn, location.hostname])] })),
      setPaused: (paused) => coach.setPaused(paused),
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
    ctx.onInvalidated(settingsItem.watch((settings) => coach.onSettings(settings)));
    coach.listen();
    watchPage(ctx, () => coach.readPage());
  }

  private listen(): void {
    const ctx = this.ctx;
    ctx.onInvalidated(
      onMessage('content.setPaused', ({ data }) => this.setPaused(data)),
    );
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
    // Full navigation or tab close: no time to finish, send what there is. A parked call was saved
    // as ended when it was left.
    ctx.addEventListener(window, 'pagehide', () => {
      this.session?.endNow();
      this.parked?.session.dispose();
      this.parked = null;
    });
    ctx.onInvalidated(() => {
      // Extension reloaded or updated: the old script must go quietly (no messaging is possible any
      // more; the background recovers the call from its last save). Anything else that stops this
      // script while the extension lives (WXT's "newer script" message, which a page can forge)
      // still sends what there is as final: the call is not lost.
      if (browser.runtime?.id) this.session?.endNow();
      else this.session?.dispose();
      this.session = null;
      this.parked?.session.dispose();
      this.parked = null;
      this.backgroundPort?.disconnect();
    });
    // Autoplay policy: audio may wait for the first click or key press in the page.
    const resume = () => void this.session?.resumeAfterGesture();
    ctx.addEventListener(document, 'pointerdown', resume, { capture: true });
    ctx.addEventListener(document, 'keydown', resume, { capture: true });
  }

  private onSettings(settings: Settings): void {
    this.settings = settings;
    this.readPage();
  }

  private readPage(): void {
    const url = new URL(location.href);
    this.adapter = adapterFor(url, this.settings.customSites);
    const enabled = this.adapter ? this.adapter.id === 'custom' || this.settings.sites[this.adapter.id] : false;
    this.reading = this.adapter && enabled ? this.adapter.read(document, url) : null;
    if (this.reading?.participants) {
      this.maxParticipants = Math.max(this.maxParticipants ?? 0, this.reading.participants);
    }

    const inCall = this.reading?.phase === 'in-call' || this.audioOnlyCall();
    if (inCall || this.reading?.phase === 'lobby') this.ensureFrame();
    if (inCall) this.notInCallSinceMs = null;
    else this.notInCallSinceMs ??= Date.now();
    if (inCall && !this.session) this.startSession();
    const leaveConfirmed =
      this.reading?.phase === 'ended' || Date.now() - (this.notInCallSinceMs ?? Date.now()) >= LEAVE_CONFIRM_MS;
    if (!inCall && this.session && leaveConfirmed) void this.endSession();

    this.session?.setMuted(this.reading?.muted === true);
    this.publish();
  }

  /** Where the page is: a rejoin must be into the same meeting. */
  private meetingHere(): string {
    return `${location.origin}${location.pathname}${location.hash}`;
  }

  private startSession(): void {
    if (this.rejoinParked()) return;
    const adapter = this.adapter!;
    const session = new CallSession({
      header: { site: adapter.id, host: location.hostname, title: this.pageTitle(), captureMode: this.tabAudioChannel ? 'tab' : 'in-page' },
      frame: this.ensureFrame(),
      tabAudioChannel: this.tabAudioChannel,
      words: this.settings.words,
      // Only the adapter's title later on: an end screen's tab title must not replace the meeting's.
      pageFacts: () => ({ participants: this.reading?.participants ?? null, title: this.reading?.title ?? null, limited: this.reading?.limited ?? false }),
      onLive: (live, events) => this.onLive(live, events),
      onChange: () => this.publish(),
    });
    this.session = session;
    this.sessionMeeting = this.meetingHere();
    this.connectBackground();
    session.setPaused(this.paused);
    session.setMuted(this.reading?.muted === true);
    this.nudges = initialNudgeState();
    this.live = null;
    this.maxParticipants = this.reading?.participants ?? null;
    session.start().catch((error: unknown) => {
      console.warn('[listening-coach] capture failed to start', error);
      if (this.session === session) this.session = null;
      session.dispose();
      this.publish();
    });
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

  private ensureFrame(): Promise<ExtensionFrame> {
    this.frame ??= openExtensionFrame(this.ctx.signal);
    return this.frame;
  }

  /**
   * Left the call. It may be for good or for a moment (a network drop): the call is saved as ended
   * at once (the popup shows it), and kept for REJOIN_WINDOW_MS; joining the same meeting again in
   * that time goes on with the same call and record. After it, the analysis is finished and the
   * record refined with the last verdicts.
   */
  private async endSession(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.live = null;
    this.publish();
    if (!session) return;
    if (!session.callId) return session.end(); // never reached its first audio: nothing to continue
    void this.finishParked();
    this.parked = { session, meeting: this.sessionMeeting, expires: Date.now() + REJOIN_WINDOW_MS };
    this.ctx.setTimeout(() => {
      if (this.parked?.session === session) void this.finishParked();
    }, REJOIN_WINDOW_MS);
    await session.park();
  }

  private async finishParked(): Promise<void> {
    const parked = this.parked;
    this.parked = null;
    await parked?.session.end();
  }

  /** The person is in the meeting they just left: the parked call goes on. */
  private rejoinParked(): boolean {
    const parked = this.parked;
    if (!parked) return false;
    if (parked.meeting !== this.meetingHere() || Date.now() > parked.expires) {
      void this.finishParked(); // another meeting: the one left is over
      return false;
    }
    this.parked = null;
    const session = parked.session;
    this.session = session;
    this.sessionMeeting = parked.meeting;
    this.connectBackground();
    session.setMuted(this.reading?.muted === true);
    session.setPaused(this.paused);
    void session.rejoin().then((resumed) => {
      if (resumed) return this.publish();
      // Too late for the background (or it lost the call): finish that one, start afresh.
      if (this.session === session) this.session = null;
      void session.end();
      this.readPage();
    });
    return true;
  }

  /**
   * The adapter cannot tell where we are (the site's markup changed: no phase, `limited`), but the
   * page is receiving remote audio, which only a joined call does: coach on audio alone, in the
   * "limited" state, rather than not at all. The call ends when the remote audio does.
   */
  private audioOnlyCall(): boolean {
    const reading = this.reading;
    if (!reading || reading.phase !== 'none' || !reading.limited) return false;
    // Local captures (the page's mic, ours) are left out by collectRemoteAudio: they name a device.
    return chooseRemoteTracks(collectRemoteAudio(document), new Set()).length > 0;
  }

  /** The meeting's title where the page shows one, else the tab's title as the call starts. */
  private pageTitle(): string | null {
    return this.reading?.title ?? (document.title.trim() || null);
  }

  private onLive(live: LiveState, events: ConversationEvent[]): void {
    this.live = live;
    const kind = meetingKindFor(this.maxParticipants);
    this.nudges = stepNudges(this.nudges, {
      live,
      events,
      settings: this.settings,
      participants: this.maxParticipants,
      targetShare: this.settings.targetShare[kind],
      nowMs: Date.now(),
    });
    this.publish();
  }

  private dismissNudge(): void {
    this.nudges = { ...this.nudges, current: null };
    this.publish();
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    this.session?.setPaused(paused);
    this.publish();
  }

  /** Pushes the current picture to the overlay, and to the background when the status changed. */
  private publish(): void {
    const status = this.status();
    this.overlay.update({
      status,
      live: this.live,
      nudge: this.nudges.current,
      participants: this.maxParticipants,
      settings: this.settings,
      host: location.hostname,
    });
    // The live figures arrive several times a second: the background hears about them with each state change
    // and with each save otherwise, so the service worker wakes once per save interval (the popup's
    // live figures are at most that old).
    const json = JSON.stringify({ ...status, live: status.live && Math.floor(status.live.timeSec / SESSION_CADENCE.saveSec) });
    if (json === this.lastStatusJson || this.ctx.isInvalid) return;
    this.lastStatusJson = json;
    void sendMessage('background.tabStatus', status).catch(() => {});
  }

  private status(): TabStatus {
    const session = this.session;
    const state = coachState({
      supported: this.reading !== null,
      inCall: session !== null,
      paused: this.paused,
      micDenied: session?.micProblem?.denied ?? false,
      muted: this.reading?.muted === true,
      limited: this.reading?.limited ?? false,
    });
    return {
      state,
      site: this.adapter?.id ?? null,
      captureMode: session?.captureMode ?? null,
      speechModel: session && !session.modelError ? 'yamnet' : 'none',
      callId: session?.callId ?? null,
      live: this.live,
      message: this.message(),
    };
  }

  private message(): string | null {
    const session = this.session;
    if (!session) return null;
    if (session.micProblem) return session.micProblem.message;
    if (this.storageFull) return STORAGE_FULL_MESSAGE;
    if (session.waitingForGesture) return 'Click anywhere in the meeting to let the coach start listening.';
    if (this.adapter?.remoteAudio === 'tab-capture' && session.captureMode !== 'tab') return TAB_CAPTURE_HINT;
    if (this.reading?.limited) return 'The coach cannot read this page’s call controls: figures come from audio only (mute is not detected).';
    if (session.modelError) return 'The speech model is not installed: speech is told from noise by loudness alone.';
    return null;
  }
}
