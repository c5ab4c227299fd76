// The settings page. A view: the connector (entrypoints/options/main.tsx) supplies settings, the
// model and mic-check status and the real actions; tests supply fakes. Every change saves at once.
import type { MessageKey } from '../../lib/coaching/text';
import type { Settings } from '../../lib/settings';
import { say, t } from '../say';
import { AudioSection, type AudioActions, type MicCheck, type ModelStatus } from './audio-section';
import { DataSection, type DamagedCallInfo, type DataActions } from './data-section';
import { NudgesSection } from './nudges-section';
import { OverlaySection } from './overlay-section';
import { PeopleSection } from './people-section';
import { PrivacySection } from './privacy-section';
import { RecapSection, type RecapActions } from './recap-section';
import { SitesSection, type SitesActions } from './sites-section';
import { TargetsSection } from './targets-section';
import { WordsSection } from './words-section';
import './options.css';

export interface OptionsData {
  settings: Settings;
  model: ModelStatus;
  mic: MicCheck;
  /** Stored calls; null while counting. */
  callCount: number | null;
  /** Stored calls that cannot be read (damaged or partial): hidden from history and trends. */
  damaged?: DamagedCallInfo[];
  /** Whether Chrome lets the extension show notifications; null while asking. */
  notificationsAllowed?: boolean | null;
}

export interface OptionsActions extends SitesActions, AudioActions, DataActions, RecapActions {
  /** Saves a change to the settings (computed from the latest stored value). */
  updateSettings(change: (settings: Settings) => Settings): Promise<void>;
}

export interface OptionsAppProps {
  data: OptionsData;
  actions: OptionsActions;
}

/** Shared by the sections: the settings and the one way to change them. */
export interface SectionProps {
  settings: Settings;
  update: OptionsActions['updateSettings'];
}

const SECTIONS: [id: string, title: MessageKey][] = [
  ['sites', 'options.nav.sites'],
  ['nudges', 'options.nav.nudges'],
  ['targets', 'options.nav.targets'],
  ['overlay', 'options.nav.overlay'],
  ['recap', 'options.nav.recap'],
  ['words', 'options.nav.words'],
  ['people', 'options.nav.people'],
  ['audio', 'options.nav.audio'],
  ['data', 'options.nav.data'],
  ['privacy', 'options.nav.privacy'],
];

export function OptionsApp({ data, actions }: OptionsAppProps) {
  const section = { settings: data.settings, update: actions.updateSettings };
  return (
    <div className="options">
      <header className="options-header">
        <h1>{t('options.title')}</h1>
        <p className="muted">
          {t('options.saved')}{' '}
          <a href="welcome.html" target="_blank" rel="noopener">
            {t('options.welcome')}
          </a>
        </p>
        <nav aria-label={t('options.nav.label')}>
          <ul>
            {SECTIONS.map(([id, title]) => (
              <li key={id}>
                <a href={`#${id}`}>{say({ key: title })}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        <SitesSection {...section} actions={actions} />
        <NudgesSection {...section} />
        <TargetsSection {...section} />
        <OverlaySection {...section} />
        <RecapSection {...section} notificationsAllowed={data.notificationsAllowed ?? null} actions={actions} />
        <WordsSection {...section} />
        <PeopleSection {...section} />
        <AudioSection {...section} model={data.model} mic={data.mic} actions={actions} />
        <DataSection {...section} callCount={data.callCount} damaged={data.damaged ?? []} actions={actions} />
        <PrivacySection />
      </main>
    </div>
  );
}
