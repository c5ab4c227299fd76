// The call lifecycle of one meeting tab as a pure state machine: the signals the page gives (what
// its markup shows, what its WebRTC layer does, remote audio in its media elements, leave,
// navigation, pause) go in, a new state and the effects to carry out come out. MeetingCoach feeds
// it and executes the effects (extension/content/meeting-coach.ts); Node tests drive every
// transition (tests/unit/call-lifecycle.test.ts).
//
//   idle/lobby/ended ──(evidence of a call)──► in-call ◄──(markup reads the call again)──┐
//        ▲                                      │  └──(markup silent 5 s, WebRTC live)──► limited
//        │                                      └──(no evidence 1.5 s, end screen, navigation)──► parked
//   (2 min, another meeting) ◄── parked ──(the same meeting again within 2 min)──► rejoined ──► in-call / limited
//
// Evidence of a call, strongest first: the site's markup says "in call"; the page's WebRTC layer is
// live (a connected peer connection receives remote audio, and sends my audio or carries voices);
// live remote audio in the page's media elements where the hook saw no connection. Markup that
// says "lobby" or nothing can delay coaching by 5 s, never prevent it ("limited"). A site the
// coach has no markers for (one the person added) is read from WebRTC alone, at once, from the
// moment it sends my audio.
import type { WebRtcReading } from './webrtc';

export type CallPhase = 'idle' | 'lobby' | 'in-call' | 'limited' | 'parked' | 'rejoined' | 'ended';

/** What the site adapter read. */
export interface MarkupFacts {
  phase: 'none' | 'lobby' | 'in-call' | 'ended';
  muted: boolean | null;
  participants: number | null;
  /** The adapter found the markers it relies on (false: the markup changed, SiteReading.limited). */
  readable: boolean;
  /** The adapter knows this site's screens (a built-in site, a recognised Jitsi). False for a page
   *  read by the generic rules for sites the person added, whose 'none' says nothing. */
  knowsSite: boolean;
}

export type Signal =
  /** A reading of the page; `markup` null: no adapter for it, or the site is switched off. */
  | { type: 'markup'; atMs: number; markup: MarkupFacts | null }
  | { type: 'webrtc'; atMs: number; webrtc: WebRtcReading }
  /** Live remote audio tracks in the page's media elements (the hook may have missed the call). */
  | { type: 'audio'; atMs: number; remoteTracks: number }
  /** Time passes (the page is read at least once a second). */
  | { type: 'tick'; atMs: number }
  | { type: 'pause'; paused: boolean }
  /** The page is going away (tab closed, full navigation): no time to finish anything. */
  | { type: 'leave'; atMs: number }
  /** The page's address changed (single-page apps): `meeting` is where it is now. */
  | { type: 'navigation'; atMs: number; meeting: string }
  /** The call's record exists (the background gave it an id): a leave can be undone by a rejoin. */
  | { type: 'call-saved' }
  /** The background's answer to a rejoin: the same record goes on, or it is too late. */
  | { type: 'rejoin-result'; atMs: number; resumed: boolean }
  /** The capture could not start (a failed audio context, say): try again a little later. */
  | { type: 'call-failed'; atMs: number };

export type Effect =
  /** Load the speech model's frame (idempotent): before a call, so the model is warm at join. */
  | { type: 'open-frame' }
  | { type: 'start-call'; limited: boolean; muted: boolean; paused: boolean }
  /** Left, maybe for a moment: release the mic, save the record as ended, keep the analysis. */
  | { type: 'park-call' }
  /** Joined the same meeting again: ask the background to go on with the parked record. */
  | { type: 'rejoin-call' }
  /** Finish the running call and store its final record. */
  | { type: 'end-call' }
  /** Finish the parked call for good (its record was saved when it was parked). */
  | { type: 'end-parked-call' }
  /** The page is going: send the last save as final and stop; drop a parked call. */
  | { type: 'abandon-calls' }
  | { type: 'set-muted'; muted: boolean }
  | { type: 'set-paused'; paused: boolean }
  | { type: 'set-limited'; limited: boolean };

/** Markup that does not say "in call" delays coaching on a live WebRTC call by this much, at most. */
export const MARKUP_OVERRIDE_MS = 5000;
/** A call is over when nothing has shown it for this long (or the end screen shows and WebRTC is
 *  quiet): toolbars that hide and re-render must not split a call in two. */
export const LEAVE_CONFIRM_MS = 1500;
/** A call left and joined again in the same page and meeting within this time goes on as the same
 *  call and record (a network drop, a "Rejoin" click): the content script keeps its analysis that
 *  long, the background keeps the record open to it (extension/background/calls.ts). */
export const REJOIN_WINDOW_MS = 2 * 60_000;
/** After a capture that failed to start, wait this long before trying again. */
export const RETRY_MS = 5000;

export interface CallLifecycle {
  phase: CallPhase;
  markup: MarkupFacts | null;
  webrtc: WebRtcReading | null;
  remoteTracks: number;
  /** Where the page is (origin, path, hash), and where the running or parked call is. */
  here: string;
  callMeeting: string | null;
  /** The running or parked call has a record, so leaving parks it instead of dropping it. */
  callSaved: boolean;
  paused: boolean;
  /** Since when each kind of evidence has held without a break. */
  webrtcLiveSinceMs: number | null;
  audioSinceMs: number | null;
  /** Since when the markup has not said "in call" (null while it does). */
  markupNotInCallSinceMs: number | null;
  /** Since when nothing has shown a call (while one runs). */
  noEvidenceSinceMs: number | null;
  parkedUntilMs: number | null;
  retryAtMs: number | null;
  /** Largest participant count seen in the running call (me included). */
  maxParticipants: number | null;
  /** What the running call was last told. */
  told: { muted: boolean; paused: boolean; limited: boolean };
  frameOpened: boolean;
}

export function initialLifecycle(here: string): CallLifecycle {
  return {
    phase: 'idle',
    markup: null,
    webrtc: null,
    remoteTracks: 0,
    here,
    callMeeting: null,
    callSaved: false,
    paused: false,
    webrtcLiveSinceMs: null,
    audioSinceMs: null,
    markupNotInCallSinceMs: null,
    noEvidenceSinceMs: null,
    parkedUntilMs: null,
    retryAtMs: null,
    maxParticipants: null,
    told: { muted: false, paused: false, limited: false },
    frameOpened: false,
  };
}

/** A call runs (the session captures and analyses). */
export function isCallActive(phase: CallPhase): boolean {
  return phase === 'in-call' || phase === 'limited' || phase === 'rejoined';
}

/** WebRTC says a call is live: a connected peer connection receives remote audio, and the page
 *  sends my audio or the remote audio carries voices. */
export function webrtcLive(webrtc: WebRtcReading | null): boolean {
  return !!webrtc && webrtc.receiving && (webrtc.sending || webrtc.voice);
}

/** WebRTC keeps a call that runs: a connection still carries audio one way or the other (muted by
 *  disabling what it sends, with nobody talking, a call is still a call). */
function webrtcHolds(webrtc: WebRtcReading | null): boolean {
  return !!webrtc && (webrtc.receiving || webrtc.sending);
}

/** Muted as far as the call is concerned: what is sent says so, or the page's mute control does. */
export function mutedNow(state: CallLifecycle): boolean {
  return state.webrtc?.sentMuted === true || state.markup?.muted === true;
}

/** Whether the coach can tell my mute state at all (from what is sent or from the page). */
export function muteKnown(state: CallLifecycle): boolean {
  return (state.webrtc?.sentMuted ?? null) !== null || (state.markup?.muted ?? null) !== null;
}

/** Participants now, me included: the page's count, else the call's own (remote parties + me). */
export function participantsNow(state: CallLifecycle): number | null {
  return participantsOf(state.markup, state.webrtc);
}

function participantsOf(markup: MarkupFacts | null, webrtc: WebRtcReading | null): number | null {
  const others = webrtc?.others ?? null;
  return markup?.participants ?? (others !== null ? others + 1 : null);
}

/** Which kind of call the evidence shows now (null: none). `running` relaxes the waits: a call
 *  already coached keeps going on WebRTC alone. */
function evidence(state: CallLifecycle, now: number, running: boolean): 'in-call' | 'limited' | null {
  const markup = state.markup;
  if (!markup) return null; // no adapter, or the site is switched off: never coached
  const held = (since: number | null) => since !== null && now - since >= MARKUP_OVERRIDE_MS;
  const markupQuiet = state.markupNotInCallSinceMs === null || held(state.markupNotInCallSinceMs);
  if (markup.phase === 'in-call') return 'in-call';
  const live = running ? webrtcHolds(state.webrtc) : webrtcLive(state.webrtc);
  // A site with no markers to wait for: sending my audio to a connected peer (if only a server, as
  // when the first in a room) is joining the call.
  if (!markup.knowsSite && (live || state.webrtc?.sending)) return 'in-call';
  if (live && (held(state.webrtcLiveSinceMs) || running)) {
    // A running call whose markup stopped saying "in call" only a moment ago stays as it was.
    return running && !markupQuiet && state.phase !== 'limited' ? 'in-call' : 'limited';
  }
  const audioOnly = !state.webrtc?.any && state.remoteTracks > 0 && markup.phase === 'none' && !markup.readable;
  if (audioOnly && (held(state.audioSinceMs) || running)) return 'limited';
  return null;
}

interface Step {
  state: CallLifecycle;
  effects: Effect[];
}

/** The lifecycle's transition function. */
export function stepLifecycle(previous: CallLifecycle, signal: Signal): Step {
  const effects: Effect[] = [];
  let state = observe(previous, signal);
  const now = 'atMs' in signal ? signal.atMs : null;

  switch (signal.type) {
    case 'leave':
      if (isCallActive(state.phase) || state.phase === 'parked') effects.push({ type: 'abandon-calls' });
      return { state: { ...state, phase: 'ended', callMeeting: null, callSaved: false, parkedUntilMs: null }, effects };
    case 'call-saved':
      return { state: { ...state, callSaved: true }, effects };
    case 'call-failed':
      return {
        state: { ...state, phase: 'idle', callMeeting: null, callSaved: false, retryAtMs: signal.atMs + RETRY_MS },
        effects,
      };
    case 'rejoin-result':
      if (state.phase !== 'rejoined') return { state, effects };
      if (signal.resumed) {
        state = { ...state, phase: 'in-call', noEvidenceSinceMs: null };
        break; // the evaluation below sets in-call or limited and tells the call its state
      }
      // Too late for the background (or it lost the call): finish that one, start afresh.
      effects.push({ type: 'end-parked-call' });
      state = { ...state, phase: 'ended', callMeeting: null, callSaved: false, parkedUntilMs: null };
      break;
    default:
      break;
  }

  if (!state.frameOpened && wantsFrame(state)) {
    state = { ...state, frameOpened: true };
    effects.push({ type: 'open-frame' });
  }
  if (now === null) return { state: tell(state, effects), effects };

  const navigatedAway = state.callMeeting !== null && state.here !== state.callMeeting;
  switch (state.phase) {
    case 'in-call':
    case 'limited': {
      const kind = navigatedAway ? null : evidence(state, now, true);
      const endScreen = state.markup?.phase === 'ended' && !webrtcHolds(state.webrtc);
      if (kind) {
        state = { ...state, phase: kind, noEvidenceSinceMs: null };
        break;
      }
      const since = state.noEvidenceSinceMs ?? now;
      if (!navigatedAway && !endScreen && now - since < LEAVE_CONFIRM_MS) {
        state = { ...state, noEvidenceSinceMs: since };
        break;
      }
      state = leaveCall(state, now, effects);
      break;
    }
    case 'rejoined':
      break; // waiting for the background's answer
    case 'parked': {
      if (now >= (state.parkedUntilMs ?? now)) {
        effects.push({ type: 'end-parked-call' });
        state = { ...state, phase: 'ended', callMeeting: null, callSaved: false, parkedUntilMs: null };
        break;
      }
      const kind = evidence(state, now, false);
      if (!kind) break;
      if (state.here === state.callMeeting) {
        effects.push({ type: 'rejoin-call' });
        state = { ...state, phase: 'rejoined', noEvidenceSinceMs: null };
        break;
      }
      effects.push({ type: 'end-parked-call' }); // another meeting: the one left is over
      state = startCall({ ...state, callMeeting: null, callSaved: false, parkedUntilMs: null }, kind, effects);
      break;
    }
    case 'idle':
    case 'lobby':
    case 'ended': {
      const kind = state.retryAtMs !== null && now < state.retryAtMs ? null : evidence(state, now, false);
      if (kind) state = startCall(state, kind, effects);
      else state = { ...state, phase: restingPhase(state) };
      break;
    }
  }
  return { state: tell(state, effects), effects };
}

/** Folds the signal's facts into the state and keeps the "since" clocks. */
function observe(state: CallLifecycle, signal: Signal): CallLifecycle {
  switch (signal.type) {
    case 'markup': {
      const inCall = signal.markup?.phase === 'in-call';
      return {
        ...state,
        markup: signal.markup,
        markupNotInCallSinceMs: inCall ? null : (state.markupNotInCallSinceMs ?? signal.atMs),
        maxParticipants: maxOf(
          state.maxParticipants,
          isCallActive(state.phase) ? participantsOf(signal.markup, state.webrtc) : null,
        ),
      };
    }
    case 'webrtc': {
      const live = webrtcLive(signal.webrtc);
      return {
        ...state,
        webrtc: signal.webrtc,
        webrtcLiveSinceMs: live ? (state.webrtcLiveSinceMs ?? signal.atMs) : null,
        maxParticipants: maxOf(
          state.maxParticipants,
          isCallActive(state.phase) ? participantsOf(state.markup, signal.webrtc) : null,
        ),
      };
    }
    case 'audio':
      return {
        ...state,
        remoteTracks: signal.remoteTracks,
        audioSinceMs: signal.remoteTracks > 0 ? (state.audioSinceMs ?? signal.atMs) : null,
      };
    case 'pause':
      return { ...state, paused: signal.paused };
    case 'navigation':
      return { ...state, here: signal.meeting };
    default:
      return state;
  }
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

function wantsFrame(state: CallLifecycle): boolean {
  const markup = state.markup;
  if (!markup) return false;
  // A meeting page (its lobby, its call), a page that sets up a peer connection, or any page of a
  // site the person added for meetings: the model loads before the call needs it.
  return markup.phase !== 'none' || !markup.knowsSite || !!state.webrtc?.any;
}

function restingPhase(state: CallLifecycle): CallPhase {
  if (state.markup?.phase === 'lobby') return 'lobby';
  return state.phase === 'ended' ? 'ended' : 'idle';
}

function startCall(state: CallLifecycle, kind: 'in-call' | 'limited', effects: Effect[]): CallLifecycle {
  const started: CallLifecycle = {
    ...state,
    phase: kind,
    callMeeting: state.here,
    callSaved: false,
    noEvidenceSinceMs: null,
    parkedUntilMs: null,
    retryAtMs: null,
    maxParticipants: participantsNow(state),
  };
  const told = { muted: mutedNow(started), paused: started.paused, limited: kind === 'limited' };
  effects.push({ type: 'start-call', ...told });
  return { ...started, told };
}

/** Leaves the running call: parked when it has a record (a rejoin may follow), else ended. */
function leaveCall(state: CallLifecycle, now: number, effects: Effect[]): CallLifecycle {
  if (!state.callSaved) {
    effects.push({ type: 'end-call' }); // it never reached its first audio: nothing to continue
    return { ...state, phase: 'ended', callMeeting: null, noEvidenceSinceMs: null };
  }
  effects.push({ type: 'park-call' });
  return { ...state, phase: 'parked', parkedUntilMs: now + REJOIN_WINDOW_MS, noEvidenceSinceMs: null };
}

/** Tells a running call what changed in its mute, pause and limited state. */
function tell(state: CallLifecycle, effects: Effect[]): CallLifecycle {
  if (!isCallActive(state.phase) || effects.some((e) => e.type === 'start-call')) return state;
  const now = { muted: mutedNow(state), paused: state.paused, limited: state.phase === 'limited' };
  const { told } = state;
  // A call that was parked heard none of it: tell it everything when it comes back.
  const fresh = effects.some((e) => e.type === 'rejoin-call');
  if (fresh || now.muted !== told.muted) effects.push({ type: 'set-muted', muted: now.muted });
  if (fresh || now.paused !== told.paused) effects.push({ type: 'set-paused', paused: now.paused });
  if (fresh || now.limited !== told.limited) effects.push({ type: 'set-limited', limited: now.limited });
  return { ...state, told: now };
}
