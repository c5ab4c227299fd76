// How the coach hears: page audio or tab audio, whether the speech model is packaged, and a mic
// check with a live level meter and what the detector makes of it.
import type { SectionProps } from './options-app';
import { Toggle } from './fields';

export type ModelStatus = 'checking' | 'packaged' | 'missing';

export type MicCheck =
  | { state: 'off' }
  | { state: 'starting' }
  /** level 0..1 (−60 dBFS … −10 dBFS); speaking: the speech detector's verdict right now. */
  | { state: 'on'; level: number; speaking: boolean }
  | { state: 'failed'; message: string };

export interface AudioActions {
  startMicCheck(): void;
  stopMicCheck(): void;
}

function MicCheckPanel({ mic, actions }: { mic: MicCheck; actions: AudioActions }) {
  const on = mic.state === 'on';
  const level = on ? mic.level : 0;
  return (
    <div className="mic-check">
      <h3>Microphone check</h3>
      <p className="small muted">
        Speak for a few seconds, then stay silent: the meter shows your level and the coach’s speech detector says
        what it hears. Nothing is recorded.
      </p>
      <div className="mic-row">
        {mic.state === 'on' || mic.state === 'starting' ? (
          <button type="button" className="button" onClick={actions.stopMicCheck}>
            Stop check
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={actions.startMicCheck}>
            Check my microphone
          </button>
        )}
        <div
          className="level-meter"
          role="meter"
          aria-label="Microphone level"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(level * 100)}
        >
          <div className="level-fill" style={{ width: `${Math.round(level * 100)}%` }} />
        </div>
        <span className={`detector${on && mic.speaking ? ' speaking' : ''}`} role="status" aria-live="polite">
          {mic.state === 'off' && 'Not checking'}
          {mic.state === 'starting' && 'Starting…'}
          {on && (mic.speaking ? 'Hears: speech' : 'Hears: silence')}
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

export function AudioSection({
  settings,
  update,
  model,
  mic,
  actions,
}: SectionProps & { model: ModelStatus; mic: MicCheck; actions: AudioActions }) {
  return (
    <section id="audio" className="options-section" aria-labelledby="audio-title">
      <h2 id="audio-title">Audio</h2>
      <Toggle
        label="Always use the tab’s sound for others’ voices"
        description="Normally the coach reads the meeting page’s audio and falls back to the tab’s sound only where it must (Zoom in the browser). The tab’s sound needs one click on the toolbar button per call."
        checked={settings.preferTabCapture}
        onChange={(preferTabCapture) => void update((s) => ({ ...s, preferTabCapture }))}
      />
      <div className="field model-status" data-model={model}>
        <h3>Speech model</h3>
        {model === 'checking' && <p className="muted">Checking…</p>}
        {model === 'packaged' && (
          <p>
            <span className="badge badge-strong">Installed</span> YAMNet tells speech from typing, music and noise, on
            this computer.
          </p>
        )}
        {model === 'missing' && (
          <p>
            <span className="badge badge-fair">Not included</span> This build has no speech model. The coach works on
            its level detector alone, so typing or music near your mic may count as talk.
          </p>
        )}
      </div>
      <MicCheckPanel mic={mic} actions={actions} />
    </section>
  );
}
