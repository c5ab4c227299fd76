// How the coach hears: page audio or tab audio, whether the speech model is packaged, and a mic
// check with a live level meter and what the detector makes of it.
import { MicCheckPanel, type MicCheck, type MicCheckActions } from '../mic-check/mic-check-panel';
import { t } from '../say';
import type { SectionProps } from './options-app';
import { Toggle } from './fields';

export type ModelStatus = 'checking' | 'packaged' | 'missing';
export type { MicCheck };
export type AudioActions = MicCheckActions;

export function AudioSection({
  settings,
  update,
  model,
  mic,
  actions,
}: SectionProps & { model: ModelStatus; mic: MicCheck; actions: AudioActions }) {
  return (
    <section id="audio" className="options-section" aria-labelledby="audio-title">
      <h2 id="audio-title">{t('options.audio.title')}</h2>
      <Toggle
        label={t('options.audio.preferTab')}
        description={t('options.audio.preferTabHelp')}
        checked={settings.preferTabCapture}
        onChange={(preferTabCapture) => void update((s) => ({ ...s, preferTabCapture }))}
      />
      <div className="field model-status" data-model={model}>
        <h3>{t('options.audio.model')}</h3>
        {model === 'checking' && <p className="muted">{t('options.audio.modelChecking')}</p>}
        {model === 'packaged' && (
          <p>
            <span className="badge badge-strong">{t('options.audio.modelInstalled')}</span>{' '}
            {t('options.audio.modelInstalledHelp')}
          </p>
        )}
        {model === 'missing' && (
          <p>
            <span className="badge badge-fair">{t('options.audio.modelMissing')}</span>{' '}
            {t('options.audio.modelMissingHelp')}
          </p>
        )}
      </div>
      <MicCheckPanel mic={mic} actions={actions} />
    </section>
  );
}
