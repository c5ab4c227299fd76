// Who else spoke in a stored call (docs/people.md): one bar per person, their share of the others'
// talk, with their talk time, longest turn and the interruptions between us; or one plain line
// saying why the call gave no split.
import { formatDuration, formatPercent } from '../../lib/coaching/format';
import type { StoredPeople } from '../../lib/people/tracker';
import { noSplitText, notHeardText, personName } from '../people-labels';
import { t } from '../say';

export function PeopleBars({ people }: { people: StoredPeople }) {
  if (!people.split) return <p className="muted small">{noSplitText(people.reason)}</p>;
  return (
    <>
      <ul className="people-bars">
        {people.people.map((person, i) => {
          const who = personName(person, i);
          return (
            <li key={person.label}>
              <span className="people-name">{who}</span>
              <span
                className="people-bar"
                role="img"
                aria-label={t('overlay.people.personShare', [who, formatPercent(person.shareOfOthers)])}
              >
                <span style={{ width: `${Math.min(100, person.shareOfOthers * 100)}%` }} />
              </span>
              <span className="people-share">{formatPercent(person.shareOfOthers)}</span>
              <span className="muted small people-detail">
                {t('summary.personDetail', [
                  formatDuration(person.speechSec),
                  formatDuration(person.longestTurnSec),
                  String(person.interruptionsBySelf),
                  String(person.interruptionsOfSelf),
                ])}
              </span>
            </li>
          );
        })}
      </ul>
      {people.notHeard > 0 && <p className="muted small">{notHeardText(people.notHeard)}</p>}
    </>
  );
}
