// My target talk share per kind of meeting: what the popup and trends compare my share with.
import { MEETING_KIND_NAMES, MEETING_KINDS } from '../../lib/coaching/habits';
import type { MessageKey } from '../../lib/coaching/text';
import type { MeetingKind } from '../../lib/record/types';
import { say, t } from '../say';
import { NumberField } from './fields';
import type { SectionProps } from './options-app';

const WHY: Record<MeetingKind, MessageKey> = {
  'one-on-one': 'options.targets.why.oneOnOne',
  team: 'options.targets.why.team',
  interview: 'options.targets.why.interview',
  sales: 'options.targets.why.sales',
};

export function TargetsSection({ settings, update }: SectionProps) {
  return (
    <section id="targets" className="options-section" aria-labelledby="targets-title">
      <h2 id="targets-title">{t('options.targets.title')}</h2>
      <p className="muted">{t('options.targets.intro')}</p>
      <div className="field-grid">
        {MEETING_KINDS.map((kind) => (
          <div key={kind}>
            <NumberField
              label={t('options.targets.label', [say(MEETING_KIND_NAMES[kind])])}
              value={Math.round(settings.targetShare[kind] * 100)}
              min={5}
              max={90}
              step={5}
              unit="%"
              onCommit={(percent) =>
                void update((s) => ({ ...s, targetShare: { ...s.targetShare, [kind]: percent / 100 } }))
              }
            />
            <p className="small muted">{say({ key: WHY[kind] })}</p>
          </div>
        ))}
      </div>
    </section>
  );
}
