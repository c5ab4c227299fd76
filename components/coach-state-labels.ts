// Names of the coach's states, shared by the overlay and the popup (kept apart from the overlay's
// module so the popup does not pull in the overlay's styles).
import type { CoachState } from '../extension/messages';
import type { MessageKey } from '../lib/coaching/text';
import { say } from './say';

const STATE_LABELS: Record<CoachState, MessageKey> = {
  idle: 'state.idle',
  listening: 'state.listening',
  paused: 'state.paused',
  muted: 'state.muted',
  'mic-denied': 'state.micDenied',
  unsupported: 'state.unsupported',
  limited: 'state.limited',
};

export function stateLabel(state: CoachState): string {
  return say({ key: STATE_LABELS[state] });
}
