import { describe, expect, it } from 'vitest';
import { intersectIntervals, layoutTimeline } from '../../components/call/timeline-layout';
import { generateSampleCalls, makeRecord } from '../fixtures/records';
import { defined } from '../support/defined';

describe('intersectIntervals', () => {
  it('finds where both lists are active', () => {
    expect(intersectIntervals([0, 10, 20, 30], [5, 25])).toEqual([5, 10, 20, 25]);
    expect(intersectIntervals([0, 10], [10, 20])).toEqual([]);
    expect(intersectIntervals([], [0, 5])).toEqual([]);
  });
});

describe('layoutTimeline', () => {
  it('scales ticks to pixels and marks my events and the ones done to me', () => {
    const record = makeRecord({ durationSec: 1000 });
    const layout = layoutTimeline(record.timeline, 1000, 100);
    // self [1000, 5000] ticks = 10–50 s of 1000 s → 1–5 px.
    expect(layout.self[0]).toEqual([1, 4]);
    expect(layout.markers.map((m) => m.kind)).toEqual(['interruption-by-self', 'backchannel-by-self']);
    expect(layout.markers[0]?.atSec).toBe(10);
    expect(layout.muted).toEqual([[40, 20]]);
    expect(layout.overlap.length).toBeGreaterThan(0);
  });

  it('labels the axis in round minutes', () => {
    const layout = layoutTimeline(makeRecord().timeline, 45 * 60, 300);
    expect(layout.axis.map((a) => a.minutes)).toEqual([0, 10, 20, 30, 40]);
    expect(layout.axis[1]?.x).toBeCloseTo(300 * (10 / 45));
  });

  it('merges what is closer than a pixel, keeping a realistic hour small', () => {
    const call = defined(generateSampleCalls({ count: 1, seed: 3, endMs: Date.UTC(2025, 0, 10) })[0], 'a sample call');
    const layout = layoutTimeline(call.timeline, call.durationSec, 330);
    expect(layout.self.length + layout.others.length).toBeLessThan(
      call.timeline.self.length / 2 + call.timeline.others.length / 2,
    );
    expect(layout.self.length + layout.others.length).toBeLessThanOrEqual(2 * 330);
    for (const [, w] of [...layout.self, ...layout.others]) expect(w).toBeGreaterThanOrEqual(1);
  });
});
