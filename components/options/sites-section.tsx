// Built-in meeting sites on/off, and sites the person adds (each through an optional host
// permission that Chrome asks for at that moment).
import { useState, type FormEvent } from 'react';
import { SITE_ADAPTERS } from '../../lib/sites';
import { parseSiteOrigin, type Settings } from '../../lib/settings';
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
      setMessage({ text: parsed.message, error: true });
      return;
    }
    const builtIn = SITE_ADAPTERS.find((adapter) => adapter.matches(new URL(`${parsed.origin}/`)));
    if (builtIn) {
      setMessage({ text: `${builtIn.name} is built in: switch it on above.`, error: true });
      return;
    }
    if (settings.customSites.includes(parsed.origin)) {
      setMessage({ text: `${parsed.origin} is already on the list.`, error: true });
      return;
    }
    // No await before this call: Chrome grants permission prompts only inside the user's click.
    void actions.addCustomSite(parsed.origin).then((result) => {
      if (result.ok) {
        setInput('');
        setMessage({ text: `Added ${parsed.origin}. Reload its meeting tabs for the coach to start there.`, error: false });
      } else {
        setMessage({ text: result.message, error: true });
      }
    });
  }

  return (
    <section id="sites" className="options-section" aria-labelledby="sites-title">
      <h2 id="sites-title">Meeting sites</h2>
      <p className="muted">The coach starts by itself when you join a call on these sites.</p>
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

      <h3>Sites you added</h3>
      {settings.customSites.length === 0 ? (
        <p className="muted small">None yet. Add your organisation’s own meeting site (Jitsi, BigBlueButton, …).</p>
      ) : (
        <ul className="plain-list">
          {settings.customSites.map((origin) => (
            <li key={origin}>
              <span>{origin}</span>
              <button type="button" className="button" onClick={() => void actions.removeCustomSite(origin)} aria-label={`Remove ${origin}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={add}>
        <label htmlFor="custom-site">Add a meeting site</label>
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
          Add site
        </button>
        <p id="custom-site-help" className="small muted">
          Chrome will ask you to allow Listening Coach on that site.
        </p>
        <p id="custom-site-message" role="status" className={`small${message?.error ? ' error' : ''}`}>
          {message?.text}
        </p>
      </form>
    </section>
  );
}
