import { describe, expect, it } from 'vitest';
import { recapFor } from '../../extension/background/recap';
import { DEFAULT_SETTINGS, SETTINGS_MIGRATIONS } from '../../lib/settings';
import { goodMetrics, makeRecord } from '../fixtures/records';

describe('the end-of-call recap', () => {
  it('names the call and says my share against the fair share, then the one tip', () => {
    const recap = recapFor(makeRecord({ metrics: goodMetrics({ interruptionsBySelf: 6 }) }), DEFAULT_SETTINGS);
    expect(recap.title).toBe('Weekly sync · 45\u00a0min');
    expect(recap.message).toMatch(
      /^You talked 25% of the time \(fair share 25%\)\. Tip: When you want to jump in, jot the thought down/,
    );
  });

  it('falls back to the target when the group size is unknown, and to a plain name without a title', () => {
    const recap = recapFor(makeRecord({ participants: null, title: null }), DEFAULT_SETTINGS);
    expect(recap.title).toBe('Your call · 45\u00a0min');
    expect(recap.message).toMatch(/^You talked 25% of the time \(your target 25%\)\./);
  });

  it('is on by default, also for people upgrading from settings of version 1', () => {
    expect(DEFAULT_SETTINGS.recapNotification).toBe(true);
    const { recapNotification: _, ...version1 } = DEFAULT_SETTINGS;
    expect(SETTINGS_MIGRATIONS[1]?.(version1)).toEqual(DEFAULT_SETTINGS);
  });
});
