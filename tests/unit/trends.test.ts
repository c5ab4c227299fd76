import { describe, expect, it } from 'vitest';
import { overallTrend, perCallTrend, weeklyTrend, weekStart, type TrendCall } from '../../lib/coaching/trends';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { generateSampleCalls, goodMetrics } from '../fixtures/records';

const targets = DEFAULT_SETTINGS.targetShare;
const at = (y: number, m: number, d: number, h = 10) => new Date(y, m - 1, d, h).getTime();

function trendCall(startedAtMs: number, overrides: Partial<TrendCall> = {}): TrendCall {
  return { startedAtMs, durationSec: 3600, meetingKind: 'team', metrics: goodMetrics(), ...overrides };
}

describe('weekStart', () => {
  it('is Monday 00:00 local time', () => {
    expect(new Date(weekStart(at(2025, 3, 13))).getDay()).toBe(1); // a Thursday
    expect(weekStart(at(2025, 3, 13))).toBe(new Date(2025, 2, 10).getTime());
    expect(weekStart(at(2025, 3, 16, 23))).toBe(new Date(2025, 2, 10).getTime()); // Sunday night
    expect(weekStart(at(2025, 3, 10, 0))).toBe(new Date(2025, 2, 10).getTime());
  });
});

describe('weeklyTrend', () => {
  it('buckets calls into weeks, keeps empty weeks, ignores older calls', () => {
    const now = at(2025, 3, 13);
    const calls = [
      trendCall(at(2025, 3, 11)),
      trendCall(at(2025, 3, 12), {
        metrics: goodMetrics({ talkShare: 0.5, selfSpeechSec: 1200, othersSpeechSec: 1200 }),
      }),
      trendCall(at(2025, 2, 25)),
      trendCall(at(2024, 12, 1)),
    ];
    const weeks = weeklyTrend(calls, targets, { nowMs: now, weeks: 3 });
    expect(weeks.map((w) => w.calls)).toEqual([1, 0, 2]);
    expect(weeks[1]?.talkShare).toBeNull();
    // Weighted by speech: (600 + 1200) / (2400 + 2400).
    expect(weeks[2]?.talkShare).toBeCloseTo(0.375);
    expect(weeks[2]?.targetShare).toBeCloseTo(0.25);
    expect(weeks[2]?.interruptionsPerHour).toBe(0);
    expect(weeks[2]?.backchannelsPerMin).toBeCloseTo(60 / 50);
    expect(weeks[2]?.longestMonologueSec).toBe(45);
  });

  it('weights the target by each call’s kind', () => {
    const now = at(2025, 3, 13);
    const weeks = weeklyTrend(
      [trendCall(at(2025, 3, 11), { meetingKind: 'one-on-one' }), trendCall(at(2025, 3, 12), { meetingKind: 'team' })],
      targets,
      { nowMs: now, weeks: 1 },
    );
    expect(weeks[0]?.targetShare).toBeCloseTo((0.5 + 0.25) / 2);
  });

  it('scores the check-in over answered questions only', () => {
    const checkIn = { summarised: true, thankedSomeone: false, agreedNextSteps: null, atMs: 0 };
    const [week] = weeklyTrend([trendCall(at(2025, 3, 11), { checkIn }), trendCall(at(2025, 3, 11))], targets, {
      nowMs: at(2025, 3, 13),
      weeks: 1,
    });
    expect(week?.checkInScore).toBe(0.5);
  });

  it('counts who spoke only over calls that told people apart', () => {
    const now = at(2025, 3, 13);
    const person = (label: string) => ({
      label,
      speechSec: 60,
      shareOfOthers: 0.5,
      shareOfAll: 0.25,
      longestTurnSec: 20,
      interruptionsBySelf: 0,
      interruptionsOfSelf: 0,
    });
    const weeks = weeklyTrend(
      [
        trendCall(at(2025, 3, 10), {
          people: { split: true, people: [person('Person 1'), person('Person 2')], notHeard: 1 },
        }),
        trendCall(at(2025, 3, 11), { people: { split: true, people: [person('Person 1')], notHeard: 0 } }), // one other: no habit
        trendCall(at(2025, 3, 12), { people: { split: false, reason: 'one-stream' } }),
        trendCall(at(2025, 3, 12)),
        trendCall(at(2025, 3, 5)),
      ],
      targets,
      { nowMs: now, weeks: 2 },
    );
    expect(weeks.map((w) => w.peopleHeardShare)).toEqual([null, 2 / 3]);
    // Two who spoke half each: an even split; the call with one other says nothing about balance.
    expect(weeks.map((w) => w.peopleEvenness)).toEqual([null, 1]);
  });

  it('keeps weeks right across a daylight-saving change', () => {
    // Whatever the machine's zone, every bucket starts on a Monday at local midnight.
    const weeks = weeklyTrend([], targets, { nowMs: at(2025, 11, 5), weeks: 12 });
    for (const w of weeks) {
      const d = new Date(w.startMs);
      expect([d.getDay(), d.getHours(), d.getMinutes()]).toEqual([1, 0, 0]);
    }
  });

  // How fast is measured by bench/popup.ts (`npx tsx bench/popup.ts`: twelve weeks of trends over
  // 5,000 calls in the popup), not by a timed test that a loaded machine fails.
  it('aggregates thousands of calls over hundreds of weeks', () => {
    const calls = generateSampleCalls({ count: 5000, seed: 11, endMs: at(2025, 3, 13) });
    const weeks = weeklyTrend(calls, targets, { nowMs: at(2025, 3, 13), weeks: 400 });
    expect(weeks).toHaveLength(400);
    expect(weeks.reduce((n, w) => n + w.calls, 0)).toBeGreaterThan(4900);
  });
});

describe('perCallTrend and overallTrend', () => {
  it('keeps the newest calls, oldest first', () => {
    const calls = [trendCall(3), trendCall(1), trendCall(2)];
    expect(perCallTrend(calls, targets, 2).map((p) => p.startMs)).toEqual([2, 3]);
  });

  it('sums a period, start inclusive, end exclusive', () => {
    const calls = [trendCall(10), trendCall(20), trendCall(30)];
    expect(overallTrend(calls, targets, 15).calls).toBe(2);
    expect(overallTrend(calls, targets, 10, 30).calls).toBe(2);
    expect(overallTrend(calls, targets).calls).toBe(3);
  });
});
