// What the person sees about the coach in this tab, decided from plain facts (pure, unit-tested):
// its state, and the sentence of the moment as a message of locales/en.yml (lib/coaching/text.ts),
// which the caller says in the browser's language.
import { pluralText, text, type Text } from '../../lib/coaching/text';
import type { CoachState } from '../messages';

export interface CoachFacts {
  /** A site adapter handles the page and the site is switched on in settings. */
  supported: boolean;
  inCall: boolean;
  paused: boolean;
  micDenied: boolean;
  /** Muted in the meeting, as the page shows it. */
  muted: boolean;
  /** The adapter could not read the page's markers: audio-only figures. */
  limited: boolean;
}

/** The most pressing fact wins: a person who paused, or whose mic is blocked, needs to know that
 *  before anything about mute or page markers. */
export function coachState(facts: CoachFacts): CoachState {
  if (!facts.supported) return 'unsupported';
  if (!facts.inCall) return 'idle';
  if (facts.paused) return 'paused';
  if (facts.micDenied) return 'mic-denied';
  if (facts.muted) return 'muted';
  if (facts.limited) return 'limited';
  return 'listening';
}

export interface MessageFacts {
  /** Why the call has no mic (denied, or no device); null while it has one. */
  micProblem: Text | null;
  /** The last save did not fit on the disk. */
  storageFull: boolean;
  /** The page's audio waits for a click in the page before it plays (autoplay policy). */
  waitingForGesture: boolean;
  /** The site plays its audio where only tab capture reaches it, and the coach hears no one yet. */
  needsTabCapture: boolean;
  /** Seconds (1 or more) of the call the coach could not hear, while that is news; null otherwise. */
  recentGapSec: number | null;
  /** The page shows whether I am muted. */
  muteKnown: boolean;
  /** The adapter could not read the page's markers: audio-only figures. */
  limited: boolean;
  speechModel: 'ready' | 'loading' | 'absent';
  /** The model failed mid-call or is not keeping up: its error (diagnostic, not translated). */
  modelStopped: string | null;
  /** Why the model never became ready (diagnostic); null: it is not in this build. */
  modelError: string | null;
}

/** The one sentence the person most needs, or null when all is well. What they must act on comes
 *  first (the mic, the disk, a click, tab capture), then what makes the figures less complete. */
export function coachMessage(facts: MessageFacts): Text | null {
  if (facts.micProblem) return facts.micProblem;
  if (facts.storageFull) return text('status.storageFull');
  if (facts.waitingForGesture) return text('status.waitingForGesture');
  if (facts.needsTabCapture) return text('status.tabCaptureHint');
  if (facts.recentGapSec !== null) return pluralText('status.gap', Math.round(facts.recentGapSec));
  if (facts.limited) return text(facts.muteKnown ? 'status.limited' : 'status.limitedMuteUnknown');
  if (!facts.muteKnown) return text('status.muteUnknown');
  if (facts.speechModel === 'loading') return text('status.modelLoading');
  if (facts.speechModel === 'absent') {
    if (facts.modelStopped !== null) return text('status.modelStopped', facts.modelStopped);
    return text('status.modelAbsent', facts.modelError ?? text('status.modelNotInstalled'));
  }
  return null;
}
