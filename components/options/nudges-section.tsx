// In-meeting nudges: each on/off with its threshold, quiet mode and the pause between nudges.
// Meanings and defaults: shared/docs/metrics.md via lib/settings.ts; the policy: lib/coaching/nudges.ts.
import { MONOLOGUE_STRONG_FACTOR } from '../../lib/coaching/nudges';
import { formatDuration } from '../../lib/coaching/format';
import type { MessageKey } from '../../lib/coaching/text';
import type { NudgeId } from '../../lib/settings';
import { say, t } from '../say';
import { NumberField, Toggle } from './fields';
import type { SectionProps } from './options-app';

interface NudgeSpec {
  id: NudgeId;
  label: MessageKey;
  description(threshold: number): string;
  thresholdLabel: MessageKey;
  unit: MessageKey;
  min: number;
  max: number;
  step: number;
  /** The stored threshold per unit shown (60: stored in seconds, shown in minutes). */
  perUnit?: number;
}

const NUDGES: NudgeSpec[] = [
  {
    id: 'monologue',
    label: 'options.nudges.monologue',
    description: (t0) =>
      t('options.nudges.monologueHelp', [formatDuration(t0), formatDuration(t0 * MONOLOGUE_STRONG_FACTOR)]),
    thresholdLabel: 'options.nudges.after',
    unit: 'options.nudges.unitSeconds',
    min: 30,
    max: 600,
    step: 5,
  },
  {
    id: 'interruption',
    label: 'options.nudges.interruption',
    description: (t0) => t('options.nudges.interruptionHelp', t0),
    thresholdLabel: 'options.nudges.after',
    unit: 'options.nudges.unitInterruptions',
    min: 1,
    max: 10,
    step: 1,
  },
  {
    id: 'over-share',
    label: 'options.nudges.overShare',
    description: (t0) => t('options.nudges.overShareHelp', [String(t0)]),
    thresholdLabel: 'options.nudges.above',
    unit: 'options.nudges.unitFairShare',
    min: 1.1,
    max: 4,
    step: 0.1,
  },
  {
    id: 'let-finish',
    label: 'options.nudges.letFinish',
    description: (t0) => t('options.nudges.letFinishHelp', [formatDuration(t0)]),
    thresholdLabel: 'options.nudges.turnOf',
    unit: 'options.nudges.unitSeconds',
    min: 30,
    max: 600,
    step: 10,
  },
  {
    id: 'backchannel',
    label: 'options.nudges.backchannel',
    description: (t0) => t('options.nudges.backchannelHelp', [String(t0)]),
    thresholdLabel: 'options.nudges.after',
    unit: 'options.nudges.unitBackchannels',
    min: 1,
    max: 20,
    step: 1,
  },
  {
    id: 'inclusion',
    label: 'options.nudges.inclusion',
    description: (t0) => t('options.nudges.inclusionHelp', [formatDuration(t0)]),
    thresholdLabel: 'options.nudges.after',
    unit: 'options.nudges.unitMinutes',
    min: 1,
    max: 60,
    step: 1,
    perUnit: 60,
  },
];

export function NudgesSection({ settings, update }: SectionProps) {
  return (
    <section id="nudges" className="options-section" aria-labelledby="nudges-title">
      <h2 id="nudges-title">{t('options.nudges.title')}</h2>
      <p className="muted">{t('options.nudges.intro')}</p>
      <Toggle
        label={t('options.nudges.quiet')}
        description={t('options.nudges.quietHelp')}
        checked={settings.quiet}
        onChange={(quiet) => void update((s) => ({ ...s, quiet }))}
      />
      <NumberField
        label={t('options.nudges.cooldown')}
        value={Math.round(settings.nudgeCooldownSec / 60)}
        min={1}
        max={60}
        step={1}
        unit={t('options.nudges.unitMinutes')}
        disabled={settings.quiet}
        onCommit={(minutes) => void update((s) => ({ ...s, nudgeCooldownSec: minutes * 60 }))}
      />
      <div className="nudge-list">
        {NUDGES.map((spec) => {
          const nudge = settings.nudges[spec.id];
          const save = (change: Partial<typeof nudge>) =>
            void update((s) => ({ ...s, nudges: { ...s.nudges, [spec.id]: { ...s.nudges[spec.id], ...change } } }));
          const label = say({ key: spec.label });
          return (
            <fieldset key={spec.id} className="nudge" disabled={settings.quiet}>
              <legend className="visually-hidden">{label}</legend>
              <Toggle
                label={label}
                description={spec.description(nudge.threshold)}
                checked={nudge.enabled}
                onChange={(enabled) => save({ enabled })}
              />
              <NumberField
                label={say({ key: spec.thresholdLabel })}
                value={nudge.threshold / (spec.perUnit ?? 1)}
                min={spec.min}
                max={spec.max}
                step={spec.step}
                unit={say({ key: spec.unit })}
                disabled={!nudge.enabled}
                onCommit={(value) => save({ threshold: value * (spec.perUnit ?? 1) })}
              />
            </fieldset>
          );
        })}
      </div>
    </section>
  );
}
