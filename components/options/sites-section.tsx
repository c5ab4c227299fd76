// Built-in meeting sites on/off, and sites the person adds (each through an optional host
// permission that Chrome asks for at that moment).
import { useState, type FormEvent } from 'react';
import { SITE_ADAPTERS } from '../../lib/sites';
import { parseSiteOrigin, type Settings } from '../../lib/settings';
import { say, t } from '../say';
import { Toggle } from './fields';
import type { SectionProps } from './options-app';

export interface SitesActions {
  /** Asks Chrome for access to `origin` and, if granted, adds it. Must run inside the click. */
  addCustomSite(origin: string): Promise<{ ok: true } | { ok: false; message: string }>;
  removeCustomSite(origin: string): Promise<void>;
}

type BuiltInSite = keyof Settings['sites'];

export function SitesSection({ settings, update, actions }: SectionProps & { actions: SitesActions }) {
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  function add(event: FormEvent) {
    event.preventDefault();
    const parsed = parseSiteOrigin(input);
    if (!parsed.ok) {
      setMessage({ text: say(parsed.message), error: true });
      return;
    }
    const builtIn = SITE_ADAPTERS.find((adapter) => adapter.matches(new URL(`${parsed.origin}/`)));
    if (builtIn) {
      setMessage({ text: t('options.sites.builtIn', [builtIn.name]), error: true });
      return;
    }
    if (settings.customSites.includes(parsed.origin)) {
      setMessage({ text: t('options.sites.already', [parsed.origin]), error: true });
      return;
    }
    // No await before this call: Chrome grants permission prompts only inside the user's click.
    void actions.addCustomSite(parsed.origin).then((result) => {
      if (result.ok) {
        setInput('');
        setMessage({ text: t('options.sites.added', [parsed.origin]), error: false });
      } else {
        setMessage({ text: result.message, error: true });
      }
    });
  }

  return (
    <section id="sites" className="options-section" aria-labelledby="sites-title">
      <h2 id="sites-title">{t('options.sites.title')}</h2>
      <p className="muted">{t('options.sites.intro')}</p>
      <div className="field-grid">
        {SITE_ADAPTERS.map((adapter) => {
          const id = adapter.id as BuiltInSite;
          return (
            <Toggle
              key={id}
              label={adapter.name}
              checked={settings.sites[id]}
              onChange={(on) => void update((s) => ({ ...s, sites: { ...s.sites, [id]: on } }))}
            />
          );
        })}
      </div>

      <h3>{t('options.sites.yours')}</h3>
      {settings.customSites.length === 0 ? (
        <p className="muted small">{t('options.sites.yoursNone')}</p>
      ) : (
        <ul className="plain-list">
          {settings.customSites.map((origin) => (
            <li key={origin}>
              <span>{origin}</span>
              <button
                type="button"
                className="button"
                onClick={() => void actions.removeCustomSite(origin)}
                aria-label={t('options.sites.removeLabel', [origin])}
              >
                {t('options.sites.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={add}>
        <label htmlFor="custom-site">{t('options.sites.add')}</label>
        <input
          id="custom-site"
          type="text"
          inputMode="url"
          placeholder="meet.example.org"
          value={input}
          aria-describedby="custom-site-help custom-site-message"
          onChange={(event) => setInput(event.target.value)}
        />
        <button type="submit" className="button">
          {t('options.sites.addButton')}
        </button>
        <p id="custom-site-help" className="small muted">
          {t('options.sites.addHelp')}
        </p>
        <p id="custom-site-message" role="status" className={`small${message?.error ? ' error' : ''}`}>
          {message?.text}
        </p>
      </form>
    </section>
  );
}
