// The call running in the current tab: its live figures and the capture-mode control (tab audio is
// the fallback for sites whose audio the page does not expose, such as Zoom's web client).
import { useState } from 'react';
import { formatClock } from '../../lib/coaching/format';
import type { Settings } from '../../lib/settings';
import type { TabStatus } from '../../extension/messages';
import { stateLabel } from '../coach-state-labels';
import { TalkShareBar } from '../call/talk-share-bar';
import { siteName } from '../call/site-name';
import { meetingKindFor } from '../../lib/record/call-record';
import { t } from '../say';

export interface LivePanelActions {
  startTabCapture(): Promise<{ ok: true } | { ok: false; message: string }>;
  stopTabCapture(): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
}

export interface LivePanelProps {
  status: TabStatus;
  settings: Settings;
  actions: LivePanelActions;
}

export function LivePanel({ status, settings, actions }: LivePanelProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = status.live;
  const tabAudio = status.captureMode === 'tab';
  const participants = status.participants ?? null;
  const paused = status.state === 'paused';
  const canPause = paused || status.state === 'listening' || status.state === 'muted' || status.state === 'limited';

  async function toggleCapture() {
    setBusy(true);
    setError(null);
    try {
      if (tabAudio) {
        await actions.stopTabCapture();
      } else {
        const result = await actions.startTabCapture();
        if (!result.ok) setError(result.message);
      }
    } catch {
      setError(t('live.noAnswer'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card live-panel" aria-labelledby="live-title" data-state={status.state}>
      <h2 id="live-title">
        <span className={`live-dot live-dot-${status.state}`} aria-hidden="true" /> {stateLabel(status.state)}
        {status.site && <span className="muted small"> · {siteName(status.site, null)}</span>}
      </h2>
      {status.message && <p className="small live-message">{status.message}</p>}
      {live && (
        <>
          <TalkShareBar
            share={live.talkShare}
            participants={participants}
            targetShare={settings.targetShare[meetingKindFor(participants)]}
            overShareFactor={settings.nudges['over-share'].threshold}
          />
          <p className="small">
            {live.floor === 'self'
              ? t('floor.self', [formatClock(live.selfTurnSec)])
              : live.floor === 'others'
                ? t('floor.others', [formatClock(live.floorTurnSec)])
                : t('floor.nobody')}
            {' · '}
            {t('live.intoCall', [formatClock(live.timeSec)])}
          </p>
          <dl className="live-counts small">
            <div>
              <dt>{t('figure.interruptionsBySelf.label')}</dt>
              <dd>{live.interruptionsBySelf}</dd>
            </div>
            <div>
              <dt>{t('figure.interruptionsOfSelf.label')}</dt>
              <dd>{live.interruptionsOfSelf}</dd>
            </div>
            <div>
              <dt>{t('figure.backchannels.label')}</dt>
              <dd>{live.backchannelsBySelf}</dd>
            </div>
          </dl>
        </>
      )}
      {canPause && (
        <button type="button" className="button live-pause" onClick={() => void actions.setPaused(!paused)}>
          {paused ? t('coach.resume') : t('coach.pause')}
        </button>
      )}
      <div className="capture">
        <p className="small">
          {t('live.source')} <strong>{tabAudio ? t('live.sourceTab') : t('live.sourcePage')}</strong>
          {status.speechModel === 'none' && <span className="muted"> · {t('live.noModel')}</span>}
        </p>
        <button type="button" className="button" onClick={() => void toggleCapture()} disabled={busy}>
          {tabAudio ? t('live.stopTabAudio') : t('live.listenToTab')}
        </button>
        {!tabAudio && <p className="small muted">{t('live.listenToTabWhy')}</p>}
        {error && (
          <p className="small error" role="alert">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
