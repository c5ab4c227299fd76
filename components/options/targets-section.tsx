// My target talk share per kind of meeting: what the popup and trends compare my share with.
import { MEETING_KIND_NAMES } from '../../lib/coaching/habits';
import type { MeetingKind } from '../../lib/record/types';
import { NumberField } from './fields';
import type { SectionProps } from './options-app';

const WHY: Record<MeetingKind, string> = {
  'one-on-one': 'Balanced: half each.',
  team: 'Around your fair share in a group.',
  interview: 'Mostly the other side talking.',
  sales: 'Listen more than you pitch.',
};

export function TargetsSection({ settings, update }: SectionProps) {
  return (
    <section id="targets" className="options-section" aria-labelledby="targets-title">
      <h2 id="targets-title">Your talk-share targets</h2>
      <p className="muted">
        The fair share is 1 ÷ the number of people. Your target per kind of meeting is what the summaries and
        trends hold you to. Calls with two people count as one-on-ones, others as team meetings; you can
        change a call’s kind in its summary.
      </p>
      <div className="field-grid">
        {(Object.keys(MEETING_KIND_NAMES) as MeetingKind[]).map((kind) => (
          <div key={kind}>
            <NumberField
              label={`Target for a ${MEETING_KIND_NAMES[kind]}`}
              value={Math.round(settings.targetShare[kind] * 100)}
              min={5}
              max={90}
              step={5}
              unit="%"
              onCommit={(percent) => void update((s) => ({ ...s, targetShare: { ...s.targetShare, [kind]: percent / 100 } }))}
            />
            <p className="small muted">{WHY[kind]}</p>
          </div>
        ))}
      </div>
    </section>
  );
}
