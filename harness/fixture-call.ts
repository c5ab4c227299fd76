// Opening a fixture meeting page and driving its call (tests/e2e/sites/fixture-site.js and
// fixture-call.js run in the page).
import type { Page } from 'playwright-core';
import type { CoachBrowser } from './browser';

/** Each fixture page is served at a URL its site adapter takes for a meeting. */
export const FIXTURE_URLS = {
  meet: 'https://meet.google.com/abc-defg-hij',
  teams: 'https://teams.microsoft.com/v2/#/meet/19:meeting_abc@thread.v2',
  zoom: 'https://app.zoom.us/wc/81234567890/join',
  webex: 'https://acme.webex.com/meet/ana.lopez',
  jitsi: 'https://meet.jit.si/ListeningCoachDemo',
  whereby: 'https://whereby.com/listening-coach',
} as const;

export type FixtureSite = keyof typeof FIXTURE_URLS;

export interface FixtureCallOptions {
  /** Path of the remote voices on the fixture server (FixtureServer.addAudio), on one stream. */
  others?: string;
  /** Instead: one path per remote person, each sent on a stream of its own (as an SFU does), the
   *  n-th the page's n-th remote tile, whose dominant-speaker mark follows their levels. */
  people?: readonly string[];
  remote?: 'element' | 'detached' | 'none';
  /** Teams-style server mix plus a redundant copy. */
  mixed?: boolean;
  strictCsp?: boolean;
  /** Every marker the site adapters read is gone (fixture-site.js: ?markup=changed). */
  markupChanged?: boolean;
  /** A single-page app that keeps every screen in the DOM, hidden (fixture-site.js: ?screens=kept). */
  keptScreens?: boolean;
}

export function fixtureUrl(site: FixtureSite, options: FixtureCallOptions = {}): string {
  const url = new URL(FIXTURE_URLS[site]);
  if (options.others) url.searchParams.set('others', options.others);
  if (options.people?.length) url.searchParams.set('people', options.people.join(','));
  if (options.remote) url.searchParams.set('remote', options.remote);
  if (options.mixed) url.searchParams.set('mixed', '1');
  if (options.strictCsp) url.searchParams.set('csp', 'strict');
  if (options.markupChanged) url.searchParams.set('markup', 'changed');
  if (options.keptScreens) url.searchParams.set('screens', 'kept');
  return url.href;
}

export async function openFixtureCall(
  browser: CoachBrowser,
  site: FixtureSite,
  options: FixtureCallOptions = {},
): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => console.warn(`[${site} page error]`, error.message));
  await page.goto(fixtureUrl(site, options));
  return page;
}

/** Clicks the fixture's own join button: a real user gesture, as a person joining gives. */
export const join = (page: Page) => page.click('#fixture-join');
export const leave = (page: Page) => page.click('#fixture-leave');
export const setMuted = (page: Page, muted: boolean) =>
  page.evaluate((m) => (window as unknown as { fixture: { setMuted(m: boolean): void } }).fixture.setMuted(m), muted);
