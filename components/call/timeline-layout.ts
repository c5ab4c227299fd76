// Geometry for the call timeline picture: CompactTimeline ticks → pixel bars and markers. Pure, so it
// is tested without a DOM. Bars closer than a pixel are merged: an hour of speech is a few hundred
// rectangles at popup width, not thousands.
import { tickPairs } from '../../lib/record/timeline';
import type { CompactTimeline } from '../../lib/record/types';

export type Bar = [x: number, width: number];

export type MarkerKind =
  'interruption-by-self' | 'interruption-of-self' | 'talkover-by-self' | 'talkover-of-self' | 'backchannel-by-self';

export interface Marker {
  kind: MarkerKind;
  x: number;
  /** Seconds from the start, for the marker's label. */
  atSec: number;
}

export interface TimelineLayout {
  self: Bar[];
  others: Bar[];
  /** Both talking at once. */
  overlap: Bar[];
  muted: Bar[];
  markers: Marker[];
  /** Axis ticks: x and minutes from the start. */
  axis: { x: number; minutes: number }[];
}

/** Flat [start, end, …] tick pairs → pixel bars, merging those less than `minGapPx` apart. */
function toBars(flat: readonly number[], pxPerTick: number, minGapPx: number): Bar[] {
  const bars: Bar[] = [];
  for (const [start, end] of tickPairs(flat)) {
    const x0 = start * pxPerTick;
    const x1 = end * pxPerTick;
    const last = bars[bars.length - 1];
    if (last && x0 - (last[0] + last[1]) < minGapPx) last[1] = Math.max(last[1], x1 - last[0]);
    else bars.push([x0, x1 - x0]);
  }
  // Keep every stretch visible, even a 200 ms one on an hour-long axis.
  for (const bar of bars) bar[1] = Math.max(bar[1], 1);
  return bars;
}

/** Where both flat interval lists are active: a linear merge of two sorted lists. */
export function intersectIntervals(a: readonly number[], b: readonly number[]): number[] {
  const as = tickPairs(a);
  const bs = tickPairs(b);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  for (let x = as[0], y = bs[0]; x && y; x = as[i], y = bs[j]) {
    const start = Math.max(x[0], y[0]);
    const end = Math.min(x[1], y[1]);
    if (start < end) out.push(start, end);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}

const MARKER_KIND: Record<string, MarkerKind> = {
  '0:0': 'interruption-by-self',
  '0:1': 'interruption-of-self',
  '1:0': 'talkover-by-self',
  '1:1': 'talkover-of-self',
  '2:0': 'backchannel-by-self',
};

/** A round axis step that gives at most about six labels. */
function axisStepMinutes(totalMinutes: number): number {
  for (const step of [1, 2, 5, 10, 15, 20, 30, 60, 120]) if (totalMinutes / step <= 6) return step;
  return 240;
}

export function layoutTimeline(timeline: CompactTimeline, durationSec: number, width: number): TimelineLayout {
  const durationTicks = Math.max(1, durationSec / timeline.tickSec);
  const pxPerTick = width / durationTicks;
  const minGapPx = 1;
  const markers: Marker[] = [];
  for (const [kind, by, tick] of timeline.events) {
    const markerKind = MARKER_KIND[`${kind}:${by}`];
    // Others' backchannels are their business: the picture shows mine.
    if (markerKind) markers.push({ kind: markerKind, x: tick * pxPerTick, atSec: tick * timeline.tickSec });
  }
  const totalMinutes = durationSec / 60;
  const step = axisStepMinutes(totalMinutes);
  const axis: TimelineLayout['axis'] = [];
  for (let minutes = 0; minutes <= totalMinutes; minutes += step) {
    axis.push({ x: (minutes * 60 * width) / durationSec, minutes });
  }
  return {
    self: toBars(timeline.self, pxPerTick, minGapPx),
    others: toBars(timeline.others, pxPerTick, minGapPx),
    overlap: toBars(intersectIntervals(timeline.self, timeline.others), pxPerTick, 0),
    muted: toBars(timeline.muted, pxPerTick, minGapPx),
    markers,
    axis,
  };
}
