// The registry of site adapters: the content script asks it which adapter reads the current page.
import { createCustomAdapter } from './custom';
import { jitsiAdapter } from './jitsi';
import { meetAdapter } from './meet';
import { teamsAdapter } from './teams';
import type { SiteAdapter } from './types';
import { webexAdapter } from './webex';
import { wherebyAdapter } from './whereby';
import { zoomAdapter } from './zoom';

/** The built-in adapters; their match patterns together are MEETING_MATCHES (hosts.ts). */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  meetAdapter,
  teamsAdapter,
  zoomAdapter,
  webexAdapter,
  jitsiAdapter,
  wherebyAdapter,
];

/**
 * The adapter for the page at `url`: a built-in one, else the custom adapter when the page is on
 * one of the origins the user added (settings.customSites), else null.
 */
export function adapterFor(url: URL, customSites: readonly string[] = []): SiteAdapter | null {
  const builtIn = SITE_ADAPTERS.find((adapter) => adapter.matches(url));
  if (builtIn) return builtIn;
  const custom = createCustomAdapter(customSites);
  return custom.matches(url) ? custom : null;
}
