// The microphone check, on the settings page and the welcome page: a live level meter and what the
// coach's speech detector makes of it. A view; the session behind it is extension/mic-check.ts.
import { useId } from 'react';
import { t } from '../say';
import './mic-check.css';

export type MicCheck =
  | { state: 'off' }
  | { state: 'starting' }
  /** level 0..1 (−60 dBFS … −10 dBFS); speaking: the speech detector's verdict right now. */
  | { state: 'on'; level: number; speaking: boolean }
  | { state: 'failed'; message: string };

export interface MicCheckActions {
  startMicCheck(): void;
  stopMicCheck(): void;
}

export function MicCheckPanel({
  mic,
  actions,
  headingLevel = 3,
}: {
  mic: MicCheck;
  actions: MicCheckActions;
  headingLevel?: 2 | 3;
}) {
  const id = useId();
  const on = mic.state === 'on';
  const level = on ? mic.level : 0;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="mic-check" role="group" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{t('micCheck.title')}</Heading>
      <p className="small muted">{t('micCheck.how')}</p>
      <div className="mic-row">
        {mic.state === 'on' || mic.state === 'starting' ? (
          <button type="button" className="button" onClick={actions.stopMicCheck}>
            {t('micCheck.stop')}
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={actions.startMicCheck}>
            {t('micCheck.start')}
          </button>
        )}
        <div
          className="level-meter"
          role="meter"
          aria-label={t('micCheck.level')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(level * 100)}
        >
          <div className="level-fill" style={{ width: `${Math.round(level * 100)}%` }} />
        </div>
        <span className={`detector${on && mic.speaking ? ' speaking' : ''}`} role="status" aria-live="polite">
          {mic.state === 'off' && t('micCheck.notChecking')}
          {mic.state === 'starting' && t('micCheck.starting')}
          {on && (mic.speaking ? t('micCheck.speech') : t('micCheck.silence'))}
        </span>
      </div>
      {mic.state === 'failed' && (
        <p className="small error" role="alert">
          {mic.message}
        </p>
      )}
    </div>
  );
}
