// Meeting tabs that were open before this version of the extension started. Chrome runs manifest
// content scripts only in pages loaded after an install, update or reload; the scripts of before are
// cut off ("extension context invalidated"). Without this, a meeting open during an update would
// lose its coach until the person reloaded the page. Their calls were saved up to the last save and
// are recovered (calls.ts); the scripts put in here start the next call clean.
import { browser } from 'wxt/browser';
import { MEETING_MATCHES } from '../../lib/sites/hosts';
import { LIVE_COACH_GLOBAL } from '../messages';

/** The manifest's two content scripts, as WXT builds them (custom-sites.ts registers the same). */
const RTC_HOOK_FILE = 'content-scripts/rtc-hook.js';
const COACH_FILE = 'content-scripts/content.js';

export async function injectIntoOpenMeetingTabs(customSites: readonly string[]): Promise<number[]> {
  const tabs = await browser.tabs
    .query({ url: [...MEETING_MATCHES, ...customSites.map((origin) => `${origin}/*`)] })
    // A custom origin Chrome cannot read as a pattern must not cost the built-in sites their coach.
    .catch(() => browser.tabs.query({ url: [...MEETING_MATCHES] }));
  const injected: number[] = [];
  for (const tab of tabs) {
    // A page still loading gets the manifest's scripts when it is ready.
    if (tab.id === undefined || tab.discarded || tab.status === 'loading') continue;
    try {
      if (await hasLiveCoach(tab.id)) continue;
      // The hook sees only peer connections made from now on; media elements still carry the rest.
      await browser.scripting.executeScript({
        target: { tabId: tab.id, allFrames: true },
        world: 'MAIN',
        files: [RTC_HOOK_FILE],
      });
      await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [COACH_FILE] });
      injected.push(tab.id);
    } catch {
      // A tab Chrome will not script (an error page, a crashed renderer, a custom site not granted).
    }
  }
  return injected;
}

/** A coach of this extension's current run already works in the tab (the manifest put it there). */
async function hasLiveCoach(tabId: number): Promise<boolean> {
  const [probe] = await browser.scripting.executeScript({
    target: { tabId },
    args: [LIVE_COACH_GLOBAL],
    func: (key: string) => {
      const alive = (globalThis as Record<string, unknown>)[key];
      return typeof alive === 'function' && alive() === true;
    },
  });
  return probe?.result === true;
}
