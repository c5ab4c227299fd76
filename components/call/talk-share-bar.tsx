// My talk share against the fair share (1 ÷ participants) and my own target for the meeting kind.
import { formatPercent } from '../../lib/coaching/format';
import { fairShare } from '../../lib/coaching/share';
import { t } from '../say';

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
  const label = [
    t('share.label.you', [formatPercent(share)]),
    fair === null ? t('share.label.unknown') : t('share.label.fair', [String(participants), formatPercent(fair)]),
    t('share.label.target', [formatPercent(targetShare)]),
  ].join(' ');
  return (
    <div className="share" role="img" aria-label={label}>
      <div className="share-bar" aria-hidden="true">
        <div className={`share-bar-fill${over ? ' over' : ''}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
        {fair !== null && <div className="share-bar-mark" style={{ left: `${fair * 100}%` }} />}
        <div className="share-bar-mark target" style={{ left: `${targetShare * 100}%` }} />
      </div>
      <div className="share-legend" aria-hidden="true">
        <span>
          {t('share.you')} <strong>{formatPercent(share)}</strong>
        </span>
        <span>│ {fair === null ? t('share.fairUnknown') : t('share.fair', [formatPercent(fair)])}</span>
        <span>┆ {t('share.target', [formatPercent(targetShare)])}</span>
      </div>
    </div>
  );
}
