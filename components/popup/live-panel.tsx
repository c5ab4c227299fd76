// The call running in the current tab: its live figures and the capture-mode control (tab audio is
// the fallback for sites whose audio the page does not expose, such as Zoom's web client).
import { useState } from 'react';
import { formatClock, formatPercent } from '../../lib/coaching/format';
import type { Settings } from '../../lib/settings';
import type { TabStatus } from '../../extension/messages';
import { STATE_LABELS } from '../coach-state-labels';
import { TalkShareBar } from '../call/talk-share-bar';
import { siteName } from '../call/site-name';
import { meetingKindFor } from '../../lib/record/call-record';

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
      setError('The coach in this tab did not answer. Reload the meeting page and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card live-panel" aria-labelledby="live-title" data-state={status.state}>
      <h2 id="live-title">
        <span className={`live-dot live-dot-${status.state}`} aria-hidden="true" /> {STATE_LABELS[status.state]}
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
              ? `You have the floor · ${formatClock(live.selfTurnSec)}`
              : live.floor === 'others'
                ? `Others have the floor · ${formatClock(live.floorTurnSec)}`
                : 'Nobody has the floor'}
            {' · '}
            {formatClock(live.timeSec)} into the call
          </p>
          <p className="small muted">
            You interrupted {live.interruptionsBySelf} · interrupted you {live.interruptionsOfSelf} · your mm-hms{' '}
            {live.backchannelsBySelf} · talk {formatPercent(live.talkShare)}
          </p>
        </>
      )}
      {canPause && (
        <button type="button" className="button live-pause" onClick={() => void actions.setPaused(!paused)}>
          {paused ? 'Resume coaching' : 'Pause coaching'}
        </button>
      )}
      <div className="capture">
        <p className="small">
          Audio source: <strong>{tabAudio ? 'this tab’s sound' : 'the meeting page'}</strong>
          {status.speechModel === 'none' && <span className="muted"> · without the speech model</span>}
        </p>
        <button type="button" className="button" onClick={() => void toggleCapture()} disabled={busy}>
          {tabAudio ? 'Back to page audio' : 'Use this tab’s sound instead'}
        </button>
        {!tabAudio && (
          <p className="small muted">If others’ voices are not picked up (Zoom in the browser, for example), capture the tab’s sound.</p>
        )}
        {error && (
          <p className="small error" role="alert">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
