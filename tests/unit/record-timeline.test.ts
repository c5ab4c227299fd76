import { describe, expect, it } from 'vitest';
import type { AnalysisResult, CallMetrics, ConversationEvent, Interval, Turn } from '../../lib/engine/types';
import { buildCallRecord, meetingKindFor, type CallHeader } from '../../lib/record/call-record';
import {
  compactEvents,
  compactIntervals,
  compactTurns,
  tickPairs,
  TIMELINE_CAPS,
  toCompactTimeline,
} from '../../lib/record/timeline';

const METRICS: CallMetrics = {
  selfSpeechSec: 12,
  othersSpeechSec: 30,
  talkShare: 12 / 42,
  interruptionsBySelf: 1,
  interruptionsOfSelf: 0,
  talkoversBySelf: 0,
  talkoversOfSelf: 1,
  backchannelsBySelf: 2,
  backchannelsByOthers: 0,
  backchannelsPerOthersMin: null,
  earlyResponsesBySelf: 0,
  longestMonologueSec: 8,
  othersLongestTurnSec: 14,
  medianResponseGapSec: 0.4,
  quickResponses: 1,
  turnSwitchesPerMin: 3,
  mutedSec: 5,
  sideTalkSec: 1,
};

function result(partial: Partial<AnalysisResult> = {}): AnalysisResult {
  return {
    version: 1,
    durationSec: 60,
    speechModel: 'yamnet',
    segments: { self: [[1.004, 2.5]], others: [[3, 9.996]] },
    turns: [
      { by: 'others', start: 3, end: 10 },
      { by: 'self', start: 1, end: 2.5 },
    ],
    events: [
      { type: 'backchannel', by: 'self', at: 5.5 },
      { type: 'interruption', by: 'self', at: 9.2 },
    ],
    metrics: METRICS,
    ...partial,
  };
}

/** n intervals of 1 s with gaps that grow with the index (gap i = 0.1 + i·0.01 s). */
function growingGaps(n: number): Interval[] {
  const out: Interval[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    out.push([t, t + 1]);
    t += 1 + 0.1 + i * 0.01;
  }
  return out;
}

describe('compactIntervals', () => {
  it('rounds to 10 ms ticks, sorts, joins overlaps and drops empty intervals', () => {
    expect(
      compactIntervals([
        [2, 3],
        [0.004, 1.006],
        [2.5, 4],
        [5, 5],
      ]),
    ).toEqual([0, 101, 200, 400]);
  });

  it('closes the shortest gaps first when over the cap', () => {
    const ticks = compactIntervals(
      [
        [0, 1],
        [1.5, 2],
        [2.1, 3],
        [10, 11],
      ], // gaps 0.5, 0.1, 7
      2,
    );
    expect(ticks).toEqual([0, 300, 1000, 1100]);
  });

  it('keeps total span and never drops talk when capping a long call', () => {
    const intervals = growingGaps(5000);
    const ticks = compactIntervals(intervals, 100);
    expect(ticks.length).toBe(200);
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBe(Math.round(intervals.at(-1)![1] * 100));
    // The largest gaps are the last ones: they are the ones that survive.
    const lastGap = ticks.at(-2)! - ticks.at(-3)!;
    expect(lastGap).toBe(Math.round((0.1 + 4998 * 0.01) * 100));
  });
});

describe('tickPairs', () => {
  it('reads a flat tick list back as [start, end] pairs, and a start without its end as none', () => {
    expect(
      tickPairs(
        compactIntervals([
          [0, 1],
          [2, 3.5],
        ]),
      ),
    ).toEqual([
      [0, 100],
      [200, 350],
    ]);
    expect(tickPairs([0, 100, 200])).toEqual([[0, 100]]);
    expect(tickPairs([])).toEqual([]);
  });
});

describe('compactTurns', () => {
  it('encodes by, start and end in time order', () => {
    expect(compactTurns(result().turns)).toEqual([
      [0, 100, 250],
      [1, 300, 1000],
    ]);
  });

  it('joins same-party turns across the shortest gaps past the cap', () => {
    const turns: Turn[] = [
      { by: 'self', start: 0, end: 1 },
      { by: 'self', start: 1.2, end: 2 },
      { by: 'others', start: 2.5, end: 4 },
      { by: 'others', start: 6, end: 7 },
    ];
    expect(compactTurns(turns, 3)).toEqual([
      [0, 0, 200],
      [1, 250, 400],
      [1, 600, 700],
    ]);
  });

  it('leaves out the shortest turns when alternating turns alone exceed the cap', () => {
    const turns: Turn[] = [
      { by: 'self', start: 0, end: 5 },
      { by: 'others', start: 5, end: 5.5 },
      { by: 'self', start: 6, end: 9 },
    ];
    expect(compactTurns(turns, 2)).toEqual([
      [0, 0, 500],
      [0, 600, 900],
    ]);
  });
});

describe('compactEvents', () => {
  it('encodes kind, by and tick', () => {
    const events: ConversationEvent[] = [
      { type: 'talkover', by: 'others', at: 3 },
      { type: 'backchannel', by: 'self', at: 1 },
    ];
    expect(compactEvents(events)).toEqual([
      [2, 0, 100],
      [1, 1, 300],
    ]);
  });

  it('thins backchannels first past the cap and keeps every interruption', () => {
    const events: ConversationEvent[] = [
      ...Array.from({ length: 100 }, (_, i): ConversationEvent => ({ type: 'backchannel', by: 'self', at: i })),
      { type: 'interruption', by: 'self', at: 50.5 },
      { type: 'interruption', by: 'others', at: 70.5 },
    ];
    const out = compactEvents(events, 12);
    expect(out).toHaveLength(12);
    expect(out.filter((e) => e[0] === 0)).toHaveLength(2);
    expect(out.filter((e) => e[0] === 2)).toHaveLength(10);
    expect(out.map((e) => e[2])).toEqual([...out.map((e) => e[2])].sort((a, b) => a - b));
  });
});

describe('toCompactTimeline', () => {
  it('converts a result and the muted stretches', () => {
    expect(toCompactTimeline(result(), [[20, 25]])).toEqual({
      tickSec: 0.01,
      self: [100, 250],
      others: [300, 1000],
      turns: [
        [0, 100, 250],
        [1, 300, 1000],
      ],
      events: [
        [2, 0, 550],
        [0, 0, 920],
      ],
      muted: [2000, 2500],
    });
  });

  it('stays bounded for a day-long call', () => {
    const many = growingGaps(20000);
    const timeline = toCompactTimeline(result({ segments: { self: many, others: many } }));
    expect(timeline.self.length).toBe(2 * TIMELINE_CAPS.intervals);
    expect(JSON.stringify(timeline).length).toBeLessThan(200_000);
  });
});

describe('buildCallRecord', () => {
  const header: CallHeader = {
    site: 'meet',
    host: 'meet.google.com',
    title: null,
    startedAtMs: 1_000_000,
    captureMode: 'in-page',
    speechModel: 'yamnet',
  };
  const update = {
    result: result(),
    participants: 3,
    title: 'Weekly',
    limited: false,
    endedAtMs: 1_060_000,
    muted: [],
  };

  it('fills every field from the header and the update', () => {
    const record = buildCallRecord({ id: 'c1', header, update, status: 'live' });
    expect(record).toMatchObject({
      id: 'c1',
      version: 1,
      site: 'meet',
      host: 'meet.google.com',
      title: 'Weekly',
      startedAtMs: 1_000_000,
      endedAtMs: 1_060_000,
      status: 'live',
      participants: 3,
      meetingKind: 'team',
      captureMode: 'in-page',
      speechModel: 'yamnet',
      limited: false,
      durationSec: 60,
      metrics: METRICS,
    });
    expect(record.timeline.self).toEqual([100, 250]);
  });

  it('keeps the largest participant count, an earlier title, limited and the check-in', () => {
    const first = buildCallRecord({ id: 'c1', header, update: { ...update, limited: true }, status: 'live' });
    const checkIn = { summarised: true, thankedSomeone: null, agreedNextSteps: false, atMs: 5 };
    const later = buildCallRecord({
      id: 'c1',
      header,
      update: { ...update, participants: null, title: null },
      status: 'ended',
      previous: { ...first, checkIn },
    });
    expect(later).toMatchObject({ participants: 3, title: 'Weekly', limited: true, status: 'ended', checkIn });
  });

  it('calls two people a one-on-one', () => {
    expect(meetingKindFor(2)).toBe('one-on-one');
    expect(meetingKindFor(5)).toBe('team');
    expect(meetingKindFor(null)).toBe('team');
  });
});
