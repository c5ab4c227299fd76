// AnalysisResult → CompactTimeline: who spoke when, in 10 ms ticks, bounded in size so a record
// stays small however long the call. Past a cap, the shortest gaps inside a list are closed first:
// the picture loses its finest pauses, never a stretch of talk.
import type { AnalysisResult, ConversationEvent, Interval, OverlapEventType, Party, Turn } from '../engine/types';
import type { CompactTimeline } from './types';

export const TICK_SEC = 0.01;

/** Caps per list. A busy hour has ~1,200 segments per channel and a few hundred turns
 *  (~50 KB of JSON at the caps); a whole day-long call still fits. */
export const TIMELINE_CAPS = {
  intervals: 2000,
  turns: 1500,
  events: 1500,
} as const;

const PARTY_CODE: Record<Party, 0 | 1> = { self: 0, others: 1 };
const EVENT_CODE: Record<OverlapEventType, 0 | 1 | 2> = { interruption: 0, talkover: 1, backchannel: 2 };

export function toTick(sec: number): number {
  return Math.round(sec / TICK_SEC);
}

/**
 * Intervals as a flat [start, end, …] tick list, sorted, overlaps joined, and at most `cap`
 * intervals: past it, the shortest gaps are closed (ties: the earliest first).
 */
export function compactIntervals(intervals: readonly Interval[], cap: number = TIMELINE_CAPS.intervals): number[] {
  const sorted = intervals
    .map(([s, e]): [number, number] => [toTick(s), toTick(e)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const joined: [number, number][] = [];
  for (const iv of sorted) {
    const last = joined[joined.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else joined.push([iv[0], iv[1]]);
  }
  const merged = closeShortestGaps(joined, Math.max(1, cap));
  return merged.flat();
}

/** A flat [start, end, …] tick list (compactIntervals') as [start, end] pairs; a start without its
 *  end is no interval. */
export function tickPairs(flat: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; ; i += 2) {
    const start = flat[i];
    const end = flat[i + 1];
    if (start === undefined || end === undefined) return out;
    out.push([start, end]);
  }
}

/** Closes the `n - cap` shortest gaps between consecutive intervals. */
function closeShortestGaps(intervals: [number, number][], cap: number): [number, number][] {
  const excess = intervals.length - cap;
  if (excess <= 0) return intervals;
  const gapOrder = intervals
    .flatMap(([start], i) => {
      const previous = intervals[i - 1];
      return previous ? [{ after: i - 1, gap: start - previous[1] }] : [];
    })
    .sort((a, b) => a.gap - b.gap || a.after - b.after);
  const close = new Set(gapOrder.slice(0, excess).map((g) => g.after));
  const out: [number, number][] = [];
  intervals.forEach((iv, i) => {
    const last = out.at(-1);
    if (last && close.has(i - 1)) last[1] = iv[1];
    else out.push([iv[0], iv[1]]);
  });
  return out;
}

/**
 * Turns in time order; past the cap, consecutive turns of the same party are joined across their
 * shortest gaps, and if alternating turns alone exceed it the shortest turns are left out.
 */
export function compactTurns(turns: readonly Turn[], cap: number = TIMELINE_CAPS.turns): CompactTimeline['turns'] {
  let out: CompactTimeline['turns'] = [...turns]
    .sort((a, b) => a.start - b.start)
    .map((t) => [PARTY_CODE[t.by], toTick(t.start), toTick(t.end)]);
  if (out.length <= cap) return out;

  const joinable = out
    .flatMap(([by, start], i) => {
      const previous = out[i - 1];
      return previous?.[0] === by ? [{ after: i - 1, gap: start - previous[2] }] : [];
    })
    .sort((a, b) => a.gap - b.gap || a.after - b.after)
    .slice(0, out.length - cap);
  const join = new Set(joinable.map((g) => g.after));
  const joined: CompactTimeline['turns'] = [];
  out.forEach((t, i) => {
    const last = joined.at(-1);
    if (last && join.has(i - 1)) last[2] = t[2];
    else joined.push([t[0], t[1], t[2]]);
  });
  out = joined;

  if (out.length > cap) {
    const keep = new Set(
      out
        .map((t, i) => ({ i, length: t[2] - t[1] }))
        .sort((a, b) => b.length - a.length || a.i - b.i)
        .slice(0, cap)
        .map((t) => t.i),
    );
    out = out.filter((_, i) => keep.has(i));
  }
  return out;
}

/** Events in time order; past the cap, backchannels (the most frequent, the least telling one by
 *  one) are thinned evenly first. The counts themselves stay exact in the record's metrics. */
export function compactEvents(
  events: readonly ConversationEvent[],
  cap: number = TIMELINE_CAPS.events,
): CompactTimeline['events'] {
  let kept = [...events].sort((a, b) => a.at - b.at);
  if (kept.length > cap) {
    const backchannels = kept.filter((e) => e.type === 'backchannel');
    const others = kept.filter((e) => e.type !== 'backchannel');
    const room = Math.max(0, cap - others.length);
    const step = backchannels.length / Math.max(1, room);
    const thinned = Array.from({ length: room }, (_, k) => backchannels[Math.floor(k * step)]).filter(
      (e) => e !== undefined,
    );
    kept = [...others.slice(0, cap), ...thinned].sort((a, b) => a.at - b.at);
  }
  return kept.map((e) => [EVENT_CODE[e.type], PARTY_CODE[e.by], toTick(e.at)]);
}

export function toCompactTimeline(result: AnalysisResult, muted: readonly Interval[] = []): CompactTimeline {
  return {
    tickSec: TICK_SEC,
    self: compactIntervals(result.segments.self),
    others: compactIntervals(result.segments.others),
    turns: compactTurns(result.turns),
    events: compactEvents(result.events),
    muted: compactIntervals(muted),
  };
}
