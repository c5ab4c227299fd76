// In-meeting nudges: each on/off with its threshold, quiet mode and the pause between nudges.
// Meanings and defaults: shared/docs/metrics.md via lib/settings.ts; the policy: lib/coaching/nudges.ts.
import { MONOLOGUE_STRONG_FACTOR } from '../../lib/coaching/nudges';
import { formatDuration } from '../../lib/coaching/format';
import type { NudgeId } from '../../lib/settings';
import { NumberField, Toggle } from './fields';
import type { SectionProps } from './options-app';

interface NudgeSpec {
  id: NudgeId;
  label: string;
  description(threshold: number): string;
  thresholdLabel: string;
  unit: string;
  min: number;
  max: number;
  step: number;
}

const NUDGES: NudgeSpec[] = [
  {
    id: 'monologue',
    label: 'Long monologue',
    description: (t) => `A gentle reminder when you have talked for ${formatDuration(t)}, a firmer one at ${formatDuration(t * MONOLOGUE_STRONG_FACTOR)}.`,
    thresholdLabel: 'After',
    unit: 'seconds',
    min: 30,
    max: 600,
    step: 5,
  },
  {
    id: 'interruption',
    label: 'Interrupting',
    description: (t) => (t === 1 ? 'Right after you cut someone off.' : `After every ${t} interruptions.`),
    thresholdLabel: 'After',
    unit: 'interruptions',
    min: 1,
    max: 10,
    step: 1,
  },
  {
    id: 'over-share',
    label: 'Talking well over your share',
    description: (t) => `When your share passes ${t} × the fair share (after five minutes of call).`,
    thresholdLabel: 'Above',
    unit: '× fair share',
    min: 1.1,
    max: 4,
    step: 0.1,
  },
  {
    id: 'let-finish',
    label: 'Praise: you let someone finish',
    description: (t) => `When someone else spoke for ${formatDuration(t)} and you did not cut in.`,
    thresholdLabel: 'A turn of',
    unit: 'seconds',
    min: 30,
    max: 600,
    step: 10,
  },
  {
    id: 'backchannel',
    label: 'Praise: you show you are listening',
    description: (t) => `When you said "mm-hm" or similar ${t} times in one of their turns.`,
    thresholdLabel: 'After',
    unit: 'backchannels',
    min: 1,
    max: 20,
    step: 1,
  },
];

export function NudgesSection({ settings, update }: SectionProps) {
  return (
    <section id="nudges" className="options-section" aria-labelledby="nudges-title">
      <h2 id="nudges-title">Nudges during calls</h2>
      <p className="muted">Rare and gentle: one at a time, only on this screen, never heard by others.</p>
      <Toggle
        label="Quiet mode"
        description="No nudges at all: the overlay shows figures only."
        checked={settings.quiet}
        onChange={(quiet) => void update((s) => ({ ...s, quiet }))}
      />
      <NumberField
        label="At least this long between two nudges"
        value={Math.round(settings.nudgeCooldownSec / 60)}
        min={1}
        max={60}
        step={1}
        unit="minutes"
        disabled={settings.quiet}
        onCommit={(minutes) => void update((s) => ({ ...s, nudgeCooldownSec: minutes * 60 }))}
      />
      <div className="nudge-list">
        {NUDGES.map((spec) => {
          const nudge = settings.nudges[spec.id];
          const save = (change: Partial<typeof nudge>) =>
            void update((s) => ({ ...s, nudges: { ...s.nudges, [spec.id]: { ...s.nudges[spec.id], ...change } } }));
          return (
            <fieldset key={spec.id} className="nudge" disabled={settings.quiet}>
              <legend className="visually-hidden">{spec.label}</legend>
              <Toggle
                label={spec.label}
                description={spec.description(nudge.threshold)}
                checked={nudge.enabled}
                onChange={(enabled) => save({ enabled })}
              />
              <NumberField
                label={spec.thresholdLabel}
                value={nudge.threshold}
                min={spec.min}
                max={spec.max}
                step={spec.step}
                unit={spec.unit}
                disabled={!nudge.enabled}
                onCommit={(threshold) => save({ threshold })}
              />
            </fieldset>
          );
        })}
      </div>
    </section>
  );
}
