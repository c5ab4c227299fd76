// The settings page. A view: the connector (entrypoints/options/main.tsx) supplies settings, the
// model and mic-check status and the real actions; tests supply fakes. Every change saves at once.
import type { Settings } from '../../lib/settings';
import { AudioSection, type AudioActions, type MicCheck, type ModelStatus } from './audio-section';
import { DataSection, type DamagedCallInfo, type DataActions } from './data-section';
import { NudgesSection } from './nudges-section';
import { OverlaySection } from './overlay-section';
import { PrivacySection } from './privacy-section';
import { SitesSection, type SitesActions } from './sites-section';
import { TargetsSection } from './targets-section';
import './options.css';

export interface OptionsData {
  settings: Settings;
  model: ModelStatus;
  mic: MicCheck;
  /** Stored calls; null while counting. */
  callCount: number | null;
  /** Stored calls that cannot be read (damaged or partial): hidden from history and trends. */
  damaged?: DamagedCallInfo[];
}

export interface OptionsActions extends SitesActions, AudioActions, DataActions {
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

const SECTIONS: [id: string, title: string][] = [
  ['sites', 'Meeting sites'],
  ['nudges', 'Nudges'],
  ['targets', 'Targets'],
  ['overlay', 'Overlay'],
  ['audio', 'Audio'],
  ['data', 'Your data'],
  ['privacy', 'Privacy'],
];

export function OptionsApp({ data, actions }: OptionsAppProps) {
  const section = { settings: data.settings, update: actions.updateSettings };
  return (
    <div className="options">
      <header className="options-header">
        <h1>Listening Coach settings</h1>
        <p className="muted">Changes are saved as you make them.</p>
        <nav aria-label="Sections">
          <ul>
            {SECTIONS.map(([id, title]) => (
              <li key={id}>
                <a href={`#${id}`}>{title}</a>
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
        <AudioSection {...section} model={data.model} mic={data.mic} actions={actions} />
        <DataSection {...section} callCount={data.callCount} damaged={data.damaged ?? []} actions={actions} />
        <PrivacySection />
      </main>
    </div>
  );
}
