// Who spoke when: my lane above, everyone else's below, overlaps in the warning colour, muted
// stretches shaded, and markers for interruptions, talk-overs and my backchannels. Custom SVG:
// a few hundred rectangles after merging (timeline-layout.ts), cheap to draw in the popup.
import { useMemo } from 'react';
import { formatClock, formatDuration, plural } from '../../lib/coaching/format';
import type { CompactTimeline } from '../../lib/record/types';
import { layoutTimeline, type Marker, type MarkerKind } from './timeline-layout';

export interface CallTimelineProps {
  timeline: CompactTimeline;
  durationSec: number;
  width: number;
}

const LABEL_W = 44;
const LANE_H = 14;
const SELF_Y = 10;
const OTHERS_Y = SELF_Y + LANE_H + 6;
/** Baseline of the minute labels, below the markers that hang under the others' lane. */
const AXIS_Y = OTHERS_Y + LANE_H + 21;
const HEIGHT = AXIS_Y + 3;

const MARKER_TEXT: Record<MarkerKind, string> = {
  'interruption-by-self': 'You interrupted',
  'interruption-of-self': 'You were interrupted',
  'talkover-by-self': 'You talked over someone',
  'talkover-of-self': 'Someone talked over you',
  'backchannel-by-self': 'Your backchannel',
};

function MarkerShape({ marker }: { marker: Marker }) {
  const className = `timeline-marker-${marker.kind}`;
  const title = <title>{`${MARKER_TEXT[marker.kind]} at ${formatClock(marker.atSec)}`}</title>;
  const x = marker.x;
  switch (marker.kind) {
    case 'interruption-by-self':
    case 'talkover-by-self':
      // Downward triangle above my lane: something I did.
      return (
        <path className={className} d={`M${x - 4},${SELF_Y - 9} h8 l-4,7 z`}>
          {title}
        </path>
      );
    case 'interruption-of-self':
    case 'talkover-of-self':
      // Upward triangle below the others' lane: something done to me.
      return (
        <path className={className} d={`M${x - 4},${OTHERS_Y + LANE_H + 8} h8 l-4,-7 z`}>
          {title}
        </path>
      );
    case 'backchannel-by-self':
      return (
        <line className={className} x1={x} x2={x} y1={OTHERS_Y} y2={OTHERS_Y + LANE_H}>
          {title}
        </line>
      );
  }
}

export function CallTimeline({ timeline, durationSec, width }: CallTimelineProps) {
  const plotW = width - LABEL_W;
  const layout = useMemo(() => layoutTimeline(timeline, durationSec, plotW), [timeline, durationSec, plotW]);
  const count = (kind: MarkerKind) => layout.markers.filter((m) => m.kind === kind).length;
  const description =
    `Timeline of the ${formatDuration(durationSec)} call. ` +
    `${plural(count('interruption-by-self'), 'interruption')} by you, ${plural(count('interruption-of-self'), 'interruption')} of you, ` +
    `${plural(count('talkover-by-self'), 'talk-over')} by you, ${plural(count('backchannel-by-self'), 'backchannel')} by you.`;
  return (
    <figure className="timeline" style={{ margin: 0 }}>
      <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={description}>
        <text className="timeline-lane-label" x={0} y={SELF_Y + 11}>
          You
        </text>
        <text className="timeline-lane-label" x={0} y={OTHERS_Y + 11}>
          Others
        </text>
        <g transform={`translate(${LABEL_W},0)`}>
          {layout.muted.map(([x, w], i) => (
            <rect key={`m${i}`} className="timeline-muted" x={x} y={SELF_Y} width={w} height={LANE_H} />
          ))}
          {layout.self.map(([x, w], i) => (
            <rect key={`s${i}`} className="timeline-self" x={x} y={SELF_Y} width={w} height={LANE_H} />
          ))}
          {layout.others.map(([x, w], i) => (
            <rect key={`o${i}`} className="timeline-others" x={x} y={OTHERS_Y} width={w} height={LANE_H} />
          ))}
          {layout.overlap.map(([x, w], i) => (
            <rect key={`x${i}`} className="timeline-overlap" x={x} y={SELF_Y + LANE_H} width={w} height={OTHERS_Y - SELF_Y - LANE_H} />
          ))}
          {layout.markers.map((marker, i) => (
            <MarkerShape key={`k${i}`} marker={marker} />
          ))}
          {layout.axis.map(({ x, minutes }) => (
            <text
              key={minutes}
              className="timeline-axis"
              x={x}
              y={AXIS_Y}
              textAnchor={x < 12 ? 'start' : x > plotW - 20 ? 'end' : 'middle'}
            >
              {minutes === 0 ? '0' : `${minutes} min`}
            </text>
          ))}
        </g>
      </svg>
      <ul className="timeline-legend" aria-hidden="true">
        <li>
          <svg width="10" height="10"><rect className="timeline-self" width="10" height="10" /></svg>you
        </li>
        <li>
          <svg width="10" height="10"><rect className="timeline-others" width="10" height="10" /></svg>others
        </li>
        <li>
          <svg width="10" height="10"><rect className="timeline-overlap" width="10" height="10" /></svg>both at once
        </li>
        <li>
          <svg width="10" height="10"><rect className="timeline-muted" width="10" height="10" /></svg>muted
        </li>
        <li>
          <svg width="10" height="10"><path className="timeline-marker-interruption-by-self" d="M1,1 h8 l-4,7 z" /></svg>
          you interrupted
        </li>
        <li>
          <svg width="10" height="10"><path className="timeline-marker-talkover-by-self" d="M1,1 h8 l-4,7 z" /></svg>
          you talked over
        </li>
        <li>
          <svg width="10" height="10"><path className="timeline-marker-interruption-of-self" d="M1,9 h8 l-4,-7 z" /></svg>
          others cut in on you
        </li>
        <li>
          <svg width="10" height="10"><line className="timeline-marker-backchannel-by-self" x1="5" x2="5" y1="0" y2="10" /></svg>
          your mm-hm
        </li>
      </ul>
    </figure>
  );
}
