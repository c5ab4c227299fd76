// Names of the coach's states, shared by the overlay and the popup (kept apart from the overlay's
// module so the popup does not pull in the overlay's styles).
import type { CoachState } from '../extension/messages';

export const STATE_LABELS: Record<CoachState, string> = {
  idle: 'Not in a call',
  listening: 'Listening',
  paused: 'Paused',
  muted: 'Muted',
  'mic-denied': 'Microphone blocked',
  unsupported: 'Site not supported',
  limited: 'Limited: audio only',
};
