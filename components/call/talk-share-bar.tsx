// My talk share against the fair share (1 ÷ participants) and my own target for the meeting kind.
import { formatPercent } from '../../lib/coaching/format';
import { fairShare } from '../../lib/coaching/share';

export interface TalkShareBarProps {
  share: number;
  participants: number | null;
  targetShare: number;
  /** Above this multiple of the fair share the bar turns to the warning colour (nudge setting). */
  overShareFactor: number;
}

export function TalkShareBar({ share, participants, targetShare, overShareFactor }: TalkShareBarProps) {
  const fair = fairShare(participants);
  const over = share > (fair ?? targetShare) * overShareFactor;
  const label =
    `You talked ${formatPercent(share)} of the time. ` +
    (fair === null ? 'Group size unknown. ' : `Fair share for ${participants} people: ${formatPercent(fair)}. `) +
    `Your target: ${formatPercent(targetShare)}.`;
  return (
    <div className="share" role="img" aria-label={label}>
      <div className="share-bar" aria-hidden="true">
        <div className={`share-bar-fill${over ? ' over' : ''}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
        {fair !== null && <div className="share-bar-mark" style={{ left: `${fair * 100}%` }} />}
        <div className="share-bar-mark target" style={{ left: `${targetShare * 100}%` }} />
      </div>
      <div className="share-legend" aria-hidden="true">
        <span>
          You <strong>{formatPercent(share)}</strong>
        </span>
        <span>│ fair share {fair === null ? 'unknown' : formatPercent(fair)}</span>
        <span>┆ your target {formatPercent(targetShare)}</span>
      </div>
    </div>
  );
}
