// The words for who else spoke, shared by the overlay (live) and the popup (a stored call).
import type { MessageKey } from '../lib/coaching/text';
import type { NoSplitReason, PersonFigures } from '../lib/people/tracker';
import { say, t } from './say';

const NO_SPLIT: Record<NoSplitReason, MessageKey> = {
  'no-levels': 'overlay.people.noLevels',
  'one-stream': 'overlay.people.oneStream',
  mixed: 'overlay.people.oneStream',
  'tab-capture': 'overlay.people.tabCapture',
};

/** Why the call gives no per-person split. */
export function noSplitText(reason: NoSplitReason): string {
  return say({ key: NO_SPLIT[reason] });
}

/** Their name where the page showed it, else "Person N" (`index` from 0, in order of first speech). */
export function personName(person: Pick<PersonFigures, 'name'>, index: number): string {
  return person.name ?? t('overlay.people.person', [String(index + 1)]);
}

/** "Not heard yet: 2 people", for a count above 0. */
export function notHeardText(count: number): string {
  return t('overlay.people.notHeard', count);
}
