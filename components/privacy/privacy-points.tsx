// The privacy promise in five points: on the settings page, the welcome page and at the top of the
// privacy statement, so the three never say it differently.
import { t } from '../say';

export function PrivacyPoints() {
  return (
    <ul className="privacy-points">
      <li>
        <strong>{t('privacy.points.measuredTitle')}</strong> {t('privacy.points.measured')}
      </li>
      <li>
        <strong>{t('privacy.points.neverTitle')}</strong> {t('privacy.points.never')}
      </li>
      <li>
        <strong>{t('privacy.points.whereTitle')}</strong> {t('privacy.points.where')}
      </li>
      <li>
        <strong>{t('privacy.points.controlTitle')}</strong> {t('privacy.points.control')}
      </li>
      <li>
        <strong>{t('privacy.points.othersTitle')}</strong> {t('privacy.points.others')}
      </li>
    </ul>
  );
}
