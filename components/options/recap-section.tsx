// After a call: the recap notification that opens the summary. On by default; Chrome shows it only
// once the person has allowed notifications (an optional permission, asked for inside their click).
import { t } from '../say';
import { Toggle } from './fields';
import type { SectionProps } from './options-app';

export interface RecapActions {
  /** Asks Chrome for the notifications permission; must run inside the click. */
  allowNotifications(): Promise<boolean>;
}

export function RecapSection({
  settings,
  update,
  notificationsAllowed,
  actions,
}: SectionProps & { notificationsAllowed: boolean | null; actions: RecapActions }) {
  const needsPermission = settings.recapNotification && notificationsAllowed === false;
  return (
    <section id="recap" className="options-section" aria-labelledby="recap-title">
      <h2 id="recap-title">{t('options.recap.title')}</h2>
      <Toggle
        label={t('options.recap.toggle')}
        description={t('options.recap.help')}
        checked={settings.recapNotification}
        onChange={(recapNotification) => {
          // Asked for in the same click that turns it on: Chrome allows the prompt only then.
          if (recapNotification && notificationsAllowed === false) void actions.allowNotifications();
          void update((s) => ({ ...s, recapNotification }));
        }}
      />
      {needsPermission && (
        <p className="notice small" data-testid="recap-permission">
          {t('options.recap.needsPermission')}{' '}
          <button type="button" className="button" onClick={() => void actions.allowNotifications()}>
            {t('options.recap.allow')}
          </button>
        </p>
      )}
    </section>
  );
}
