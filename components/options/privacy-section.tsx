// What is measured and where it stays, in plain words; the whole statement is its own page.
import { PrivacyPoints } from '../privacy/privacy-points';
import { t } from '../say';

export function PrivacySection() {
  return (
    <section id="privacy" className="options-section privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('options.privacy.title')}</h2>
      <PrivacyPoints />
      <p>
        <a href="privacy.html" target="_blank" rel="noopener">
          {t('options.privacy.full')}
        </a>
      </p>
    </section>
  );
}
