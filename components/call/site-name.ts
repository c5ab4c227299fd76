// Display names of meeting sites come from the adapters themselves (lib/sites), one source of truth.
import { SITE_ADAPTERS } from '../../lib/sites';
import type { SiteId } from '../../lib/sites/types';
import { t } from '../say';

const NAMES = new Map<SiteId, string>(SITE_ADAPTERS.map((adapter) => [adapter.id, adapter.name]));

/** "Google Meet"; for a site the user added, its host (when known). */
export function siteName(site: SiteId, host: string | null): string {
  return NAMES.get(site) ?? (host || t('site.added'));
}
