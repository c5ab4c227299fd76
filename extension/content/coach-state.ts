// What the person sees about the coach in this tab, decided from plain facts (pure, unit-tested).
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
