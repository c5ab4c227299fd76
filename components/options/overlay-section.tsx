// Where and whether the in-meeting overlay shows.
import { t } from '../say';
import { Toggle } from './fields';
import type { SectionProps } from './options-app';

export function OverlaySection({ settings, update }: SectionProps) {
  const overlay = settings.overlay;
  const save = (change: Partial<typeof overlay>) =>
    void update((s) => ({ ...s, overlay: { ...s.overlay, ...change } }));
  return (
    <section id="overlay" className="options-section" aria-labelledby="overlay-title">
      <h2 id="overlay-title">{t('options.overlay.title')}</h2>
      <Toggle
        label={t('options.overlay.show')}
        description={t('options.overlay.showHelp')}
        checked={overlay.visible}
        onChange={(visible) => save({ visible })}
      />
      <Toggle
        label={t('options.overlay.collapsed')}
        description={t('options.overlay.collapsedHelp')}
        checked={overlay.collapsed}
        onChange={(collapsed) => save({ collapsed })}
      />
      <div className="field">
        <span>
          {overlay.position
            ? t('options.overlay.positionMoved', [String(overlay.position.x), String(overlay.position.y)])
            : t('options.overlay.positionDefault')}
        </span>{' '}
        <button type="button" className="button" disabled={!overlay.position} onClick={() => save({ position: null })}>
          {t('options.overlay.resetPosition')}
        </button>
        <p className="small muted">{t('options.overlay.positionHelp')}</p>
      </div>
      <h3>{t('options.overlay.hiddenOn')}</h3>
      {overlay.hiddenOn.length === 0 ? (
        <p className="muted small">{t('options.overlay.hiddenNone')}</p>
      ) : (
        <ul className="plain-list">
          {overlay.hiddenOn.map((host) => (
            <li key={host}>
              <span>{host}</span>
              <button
                type="button"
                className="button"
                aria-label={t('options.overlay.showAgainLabel', [host])}
                onClick={() => save({ hiddenOn: overlay.hiddenOn.filter((h) => h !== host) })}
              >
                {t('options.overlay.showAgain')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
