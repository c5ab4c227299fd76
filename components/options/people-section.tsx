// Who else spoke (docs/people.md): what the per-person split is, where it exists, and the switch
// that keeps names with each call's record (off: labels and figures only).
import { t } from '../say';
import { Toggle } from './fields';
import type { SectionProps } from './options-app';

export function PeopleSection({ settings, update }: SectionProps) {
  return (
    <section id="people" className="options-section" aria-labelledby="people-title">
      <h2 id="people-title">{t('options.people.title')}</h2>
      <p className="muted">{t('options.people.help')}</p>
      <Toggle
        label={t('options.people.keepNames')}
        description={t('options.people.keepNamesHelp')}
        checked={settings.people.keepNames}
        onChange={(keepNames) => void update((s) => ({ ...s, people: { ...s.people, keepNames } }))}
      />
    </section>
  );
}
