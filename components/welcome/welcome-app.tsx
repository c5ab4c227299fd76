// The welcome page, opened once on install and reachable from the settings: what the coach measures
// (each term explained once: the same words the overlay, popup and trends use), what it never does,
// pinning it, a mic check with the live level meter, the recap notification, the sites it knows and
// how to add one, and Zoom with "Listen to this tab". A view: the connector supplies the rest.
import type { MessageKey } from '../../lib/coaching/text';
import { SITE_ADAPTERS } from '../../lib/sites';
import { MicCheckPanel, type MicCheck, type MicCheckActions } from '../mic-check/mic-check-panel';
import { PrivacyPoints } from '../privacy/privacy-points';
import { say, t } from '../say';
import './welcome.css';

export interface WelcomeData {
  mic: MicCheck;
  /** Whether Chrome lets the extension show the recap notification; null while asking. */
  notificationsAllowed: boolean | null;
  recapOn: boolean;
}

export interface WelcomeActions extends MicCheckActions {
  /** Asks Chrome for the notifications permission; must run inside the click. */
  allowNotifications(): Promise<boolean>;
}

/** The vocabulary, in the order a person meets it: term, then what it means. */
const TERMS: [term: MessageKey, meaning: MessageKey][] = [
  ['terms.talkShare', 'terms.talkShareMeans'],
  ['terms.fairShare', 'terms.fairShareMeans'],
  ['terms.target', 'terms.targetMeans'],
  ['figure.interruptionsBySelf.label', 'terms.interruptionsBySelfMeans'],
  ['figure.interruptionsOfSelf.label', 'terms.interruptionsOfSelfMeans'],
  ['terms.talkovers', 'terms.talkoversMeans'],
  ['figure.backchannels.label', 'terms.backchannelsMeans'],
  ['terms.monologue', 'terms.monologueMeans'],
  ['figure.responseGap.label', 'terms.responseGapMeans'],
  ['figure.turnSwitches.label', 'terms.turnSwitchesMeans'],
  ['terms.nudge', 'terms.nudgeMeans'],
  ['terms.checkIn', 'terms.checkInMeans'],
];

function PuzzleIcon() {
  return (
    <svg className="inline-icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
      <path d="M20.5 11H19V7a2 2 0 0 0-2-2h-4V3.5a2.5 2.5 0 0 0-5 0V5H4a2 2 0 0 0-2 2v3.8h1.5a2.7 2.7 0 0 1 0 5.4H2V20a2 2 0 0 0 2 2h3.8v-1.5a2.7 2.7 0 0 1 5.4 0V22H17a2 2 0 0 0 2-2v-4h1.5a2.5 2.5 0 0 0 0-5z" />
    </svg>
  );
}

export function WelcomeApp({ data, actions }: { data: WelcomeData; actions: WelcomeActions }) {
  return (
    <div className="welcome">
      <header className="welcome-header">
        <img src="/icon/128.png" width="64" height="64" alt="" />
        <div>
          <h1>{t('welcome.title')}</h1>
          <p className="lead">{t('welcome.lead')}</p>
        </div>
      </header>
      <main>
        <section aria-labelledby="measures">
          <h2 id="measures">{t('welcome.measures.title')}</h2>
          <p>{t('welcome.measures.intro')}</p>
          <dl className="terms">
            {TERMS.map(([term, meaning]) => (
              <div key={term}>
                <dt>{say({ key: term })}</dt>
                <dd>{say({ key: meaning })}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section aria-labelledby="never">
          <h2 id="never">{t('welcome.never.title')}</h2>
          <PrivacyPoints />
          <p>
            <a href="privacy.html">{t('welcome.never.full')}</a>
          </p>
        </section>

        <section aria-labelledby="pin">
          <h2 id="pin">{t('welcome.pin.title')}</h2>
          <ol>
            <li>
              {t('welcome.pin.step1')} <PuzzleIcon />
            </li>
            <li>{t('welcome.pin.step2')}</li>
            <li>{t('welcome.pin.step3')}</li>
          </ol>
        </section>

        <section aria-labelledby="mic" className="card">
          <h2 id="mic">{t('welcome.mic.title')}</h2>
          <p>{t('welcome.mic.intro')}</p>
          <MicCheckPanel mic={data.mic} actions={actions} />
        </section>

        <section aria-labelledby="recap">
          <h2 id="recap">{t('welcome.recap.title')}</h2>
          <p>{t('welcome.recap.intro')}</p>
          {data.notificationsAllowed ? (
            <p className="good" role="status">
              {data.recapOn ? t('welcome.recap.allowed') : t('welcome.recap.allowedOff')}
            </p>
          ) : (
            <button
              type="button"
              className="button button-primary"
              disabled={data.notificationsAllowed === null}
              onClick={() => void actions.allowNotifications()}
            >
              {t('welcome.recap.allow')}
            </button>
          )}
        </section>

        <section aria-labelledby="sites">
          <h2 id="sites">{t('welcome.sites.title')}</h2>
          <p>{t('welcome.sites.intro')}</p>
          <ul className="site-list">
            {SITE_ADAPTERS.map((adapter) => (
              <li key={adapter.id}>{adapter.name}</li>
            ))}
          </ul>
          <p>
            {t('welcome.sites.add')} <a href="options.html#sites">{t('welcome.sites.addLink')}</a>
          </p>
        </section>

        <section aria-labelledby="zoom">
          <h2 id="zoom">{t('welcome.zoom.title')}</h2>
          <p>{t('welcome.zoom.intro')}</p>
          <ol>
            <li>{t('welcome.zoom.step1')}</li>
            <li>{t('welcome.zoom.step2')}</li>
            <li>{t('welcome.zoom.step3')}</li>
          </ol>
          <p className="muted small">{t('welcome.zoom.note')}</p>
        </section>
      </main>
      <footer className="welcome-footer">
        <a href="options.html">{t('welcome.footer.settings')}</a>
        <a href="privacy.html">{t('welcome.footer.privacy')}</a>
      </footer>
    </div>
  );
}
