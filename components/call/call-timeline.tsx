// Who spoke when: my lane above, everyone else's below, overlaps in the warning colour, muted
// stretches shaded, and markers for interruptions, talk-overs and my backchannels. Custom SVG:
// a few hundred rectangles after merging (timeline-layout.ts), cheap to draw in the popup.
import { useId, useMemo } from 'react';
import { formatClock, formatDuration } from '../../lib/coaching/format';
import type { MessageKey } from '../../lib/coaching/text';
import type { CompactTimeline } from '../../lib/record/types';
import { say, t } from '../say';
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

const MARKER_TEXT: Record<MarkerKind, MessageKey> = {
  'interruption-by-self': 'timeline.marker.interruptionBySelf',
  'interruption-of-self': 'timeline.marker.interruptionOfSelf',
  'talkover-by-self': 'timeline.marker.talkoverBySelf',
  'talkover-of-self': 'timeline.marker.talkoverOfSelf',
  'backchannel-by-self': 'timeline.marker.backchannel',
};

function MarkerShape({ marker }: { marker: Marker }) {
  const className = `timeline-marker-${marker.kind}`;
  const title = <title>{say({ key: MARKER_TEXT[marker.kind], subs: [formatClock(marker.atSec)] })}</title>;
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
  const id = useId();
  const plotW = width - LABEL_W;
  const layout = useMemo(() => layoutTimeline(timeline, durationSec, plotW), [timeline, durationSec, plotW]);
  const count = (kind: MarkerKind) => layout.markers.filter((m) => m.kind === kind).length;
  const description = [
    t('timeline.desc.interruptionsBySelf', count('interruption-by-self')),
    t('timeline.desc.interruptionsOfSelf', count('interruption-of-self')),
    t('timeline.desc.talkoversBySelf', count('talkover-by-self')),
    t('timeline.desc.talkoversOfSelf', count('talkover-of-self')),
    t('timeline.desc.backchannels', count('backchannel-by-self')),
  ].join(' ');
  return (
    <figure className="timeline" style={{ margin: 0 }}>
      <svg
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
      >
        <title id={`${id}-title`}>{t('timeline.title', [formatDuration(durationSec)])}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <text className="timeline-lane-label" x={0} y={SELF_Y + 11}>
          {t('timeline.you')}
        </text>
        <text className="timeline-lane-label" x={0} y={OTHERS_Y + 11}>
          {t('timeline.others')}
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
            <rect
              key={`x${i}`}
              className="timeline-overlap"
              x={x}
              y={SELF_Y + LANE_H}
              width={w}
              height={OTHERS_Y - SELF_Y - LANE_H}
            />
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
              {minutes === 0 ? '0' : formatDuration(minutes * 60)}
            </text>
          ))}
        </g>
      </svg>
      <ul className="timeline-legend" aria-hidden="true">
        <li>
          <svg width="10" height="10">
            <rect className="timeline-self" width="10" height="10" />
          </svg>
          {t('timeline.legend.you')}
        </li>
        <li>
          <svg width="10" height="10">
            <rect className="timeline-others" width="10" height="10" />
          </svg>
          {t('timeline.legend.others')}
        </li>
        <li>
          <svg width="10" height="10">
            <rect className="timeline-overlap" width="10" height="10" />
          </svg>
          {t('timeline.legend.overlap')}
        </li>
        <li>
          <svg width="10" height="10">
            <rect className="timeline-muted" width="10" height="10" />
          </svg>
          {t('timeline.legend.muted')}
        </li>
        <li>
          <svg width="10" height="10">
            <path className="timeline-marker-interruption-by-self" d="M1,1 h8 l-4,7 z" />
          </svg>
          {t('timeline.legend.interruptionBySelf')}
        </li>
        <li>
          <svg width="10" height="10">
            <path className="timeline-marker-talkover-by-self" d="M1,1 h8 l-4,7 z" />
          </svg>
          {t('timeline.legend.talkoverBySelf')}
        </li>
        <li>
          <svg width="10" height="10">
            <path className="timeline-marker-interruption-of-self" d="M1,9 h8 l-4,-7 z" />
          </svg>
          {t('timeline.legend.ofSelf')}
        </li>
        <li>
          <svg width="10" height="10">
            <line className="timeline-marker-backchannel-by-self" x1="5" x2="5" y1="0" y2="10" />
          </svg>
          {t('timeline.legend.backchannel')}
        </li>
      </ul>
    </figure>
  );
}
