// Meeting sites the person added in the settings (settings.customSites, each granted through an
// optional host permission): the manifest cannot list them, so the background registers the content
// scripts for them at run time, and again whenever the list or the granted permissions change.
import { browser } from 'wxt/browser';

/** The two manifest content scripts, as WXT builds them. */
const SCRIPTS = {
  rtcHook: { id: 'custom-sites-rtc-hook', file: 'content-scripts/rtc-hook.js' },
  coach: { id: 'custom-sites-coach', file: 'content-scripts/content.js' },
} as const;

export async function syncCustomSiteScripts(customSites: readonly string[]): Promise<void> {
  const granted: string[] = [];
  for (const origin of customSites) {
    const pattern = `${origin}/*`;
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const ids = Object.values(SCRIPTS).map((s) => s.id);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids });
  if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
  if (granted.length === 0) return;
  await browser.scripting.registerContentScripts([
    // As the manifest's: the hook before the page's scripts, in every frame, in the page's world.
    {
      id: SCRIPTS.rtcHook.id,
      js: [SCRIPTS.rtcHook.file],
      matches: granted,
      runAt: 'document_start',
      allFrames: true,
      world: 'MAIN',
      persistAcrossSessions: true,
    },
    {
      id: SCRIPTS.coach.id,
      js: [SCRIPTS.coach.file],
      matches: granted,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}
