import { describe, expect, it } from 'vitest';
import { generateSampleCalls } from '../fixtures/records';

const endMs = new Date(2025, 5, 2, 12).getTime();

describe('generateSampleCalls', () => {
  const calls = generateSampleCalls({ count: 400, seed: 42, endMs });

  it('is deterministic per seed', () => {
    expect(generateSampleCalls({ count: 5, seed: 42, endMs })).toEqual(
      generateSampleCalls({ count: 5, seed: 42, endMs }),
    );
    expect(generateSampleCalls({ count: 5, seed: 43, endMs })).not.toEqual(
      generateSampleCalls({ count: 5, seed: 42, endMs }),
    );
  });

  it('places calls on working days, in order, without overlap, with unique ids', () => {
    expect(calls).toHaveLength(400);
    expect(new Set(calls.map((c) => c.id)).size).toBe(400);
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.startedAtMs).toBeGreaterThan(calls[i - 1]!.endedAtMs);
    for (const c of calls) expect([1, 2, 3, 4, 5]).toContain(new Date(c.startedAtMs).getDay());
  });

  it('varies: not constants', () => {
    const distinct = (f: (c: (typeof calls)[0]) => unknown) => new Set(calls.map(f)).size;
    expect(distinct((c) => c.meetingKind)).toBe(4);
    expect(distinct((c) => c.site)).toBeGreaterThanOrEqual(5);
    expect(distinct((c) => Math.round(c.durationSec / 60))).toBeGreaterThan(30);
    expect(distinct((c) => c.metrics.interruptionsBySelf)).toBeGreaterThan(3);
    expect(calls.some((c) => c.participants === null)).toBe(true);
    expect(calls.some((c) => c.checkIn)).toBe(true);
  });

  it('keeps figures consistent with the timeline', () => {
    for (const c of calls.slice(0, 50)) {
      const speech = (flat: number[]) => flat.reduce((sum, tick, i) => sum + (i % 2 ? tick : -tick), 0) / 100;
      expect(speech(c.timeline.self)).toBeCloseTo(c.metrics.selfSpeechSec, 0);
      expect(speech(c.timeline.others)).toBeCloseTo(c.metrics.othersSpeechSec, 0);
      const count = (kind: number, by: number) => c.timeline.events.filter(([k, b]) => k === kind && b === by).length;
      expect(count(0, 0)).toBe(c.metrics.interruptionsBySelf);
      expect(count(2, 0)).toBe(c.metrics.backchannelsBySelf);
      const longestSelf = Math.max(0, ...c.timeline.turns.filter(([by]) => by === 0).map(([, a, b]) => (b - a) / 100));
      expect(longestSelf).toBeCloseTo(c.metrics.longestMonologueSec, 1);
      expect(c.metrics.talkShare).toBeGreaterThanOrEqual(0);
      expect(c.metrics.talkShare).toBeLessThanOrEqual(1);
    }
  });

  it('shows a person who improves: less talk above fair share later on', () => {
    const multiple = (list: typeof calls) =>
      list.filter((c) => c.participants).reduce((sum, c) => sum + c.metrics.talkShare * c.participants!, 0) /
      list.length;
    expect(multiple(calls.slice(-100))).toBeLessThan(multiple(calls.slice(0, 100)));
  });
});
