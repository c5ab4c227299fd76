// The privacy statement, a page inside the extension (privacy.html) that the store listing links
// to: the five points, then what is measured, what is kept and where, every permission and why, and
// what the person controls. Every sentence is checked by a test (README, "Privacy").
import type { MessageKey } from '../../lib/coaching/text';
import { say, t } from '../say';
import { PrivacyPoints } from './privacy-points';
import '../welcome/welcome.css';

const PERMISSIONS: [name: string, why: MessageKey][] = [
  ['storage', 'privacy.permissions.storage'],
  ['tabCapture, offscreen', 'privacy.permissions.tabCapture'],
  ['scripting', 'privacy.permissions.scripting'],
  ['meet.google.com, teams.microsoft.com, …', 'privacy.permissions.hosts'],
  ['https://*/* (optional)', 'privacy.permissions.optionalHosts'],
  ['notifications (optional)', 'privacy.permissions.notifications'],
];

export function PrivacyPage({ version }: { version: string }) {
  return (
    <div className="privacy-page">
      <header>
        <h1>{t('privacy.title')}</h1>
        <p className="muted">{t('privacy.version', [version])}</p>
      </header>
      <main>
        <section aria-labelledby="short">
          <h2 id="short">{t('privacy.short')}</h2>
          <PrivacyPoints />
        </section>
        <section aria-labelledby="measured">
          <h2 id="measured">{t('privacy.measured.title')}</h2>
          <p>{t('privacy.measured.body')}</p>
          <p>{t('privacy.measured.page')}</p>
        </section>
        <section aria-labelledby="kept">
          <h2 id="kept">{t('privacy.kept.title')}</h2>
          <ul className="privacy-points">
            <li>{t('privacy.kept.calls')}</li>
            <li>{t('privacy.kept.settings')}</li>
            <li>{t('privacy.kept.kinds')}</li>
            <li>{t('privacy.kept.audio')}</li>
          </ul>
        </section>
        <section aria-labelledby="never-sent">
          <h2 id="never-sent">{t('privacy.sent.title')}</h2>
          <p>{t('privacy.sent.body')}</p>
        </section>
        <section aria-labelledby="permissions">
          <h2 id="permissions">{t('privacy.permissions.title')}</h2>
          <dl className="terms">
            {PERMISSIONS.map(([name, why]) => (
              <div key={name}>
                <dt>
                  <code>{name}</code>
                </dt>
                <dd>{say({ key: why })}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="control">
          <h2 id="control">{t('privacy.control.title')}</h2>
          <p>{t('privacy.control.body')}</p>
        </section>
        <section aria-labelledby="others">
          <h2 id="others">{t('privacy.others.title')}</h2>
          <p>{t('privacy.others.body')}</p>
        </section>
      </main>
    </div>
  );
}
