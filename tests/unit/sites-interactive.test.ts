// The interactive fixture meeting pages (tests/e2e/sites/<site>.html + fixture-site.js) must behave
// like their site at the marker level: here each page runs in happy-dom, is clicked through
// lobby → join → mute → leave, and the site's adapter must follow. A spy stands in for the audio
// part (fixture-call.js), which needs WebRTC.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import { adapterFor } from '../../lib/sites/index';
import type { CallPhase } from '../../lib/sites/types';
import { SITE_URLS } from './site-urls';

const PAGES = fileURLToPath(new URL('../e2e/sites/', import.meta.url));
const FIXTURE_SCRIPT = readFileSync(`${PAGES}fixture-site.js`, 'utf8');

/** How each site's page reads where it differs: sites without lobby/end/speaking markers read 'none'/[]. */
const FLOWS: Record<
  string,
  { lobby: CallPhase; lobbyLimited: boolean; showsSpeakers: boolean; afterLeave: CallPhase }
> = {
  meet: { lobby: 'lobby', lobbyLimited: false, showsSpeakers: true, afterLeave: 'ended' },
  teams: { lobby: 'lobby', lobbyLimited: false, showsSpeakers: false, afterLeave: 'ended' },
  zoom: { lobby: 'lobby', lobbyLimited: false, showsSpeakers: true, afterLeave: 'ended' },
  webex: { lobby: 'lobby', lobbyLimited: false, showsSpeakers: false, afterLeave: 'none' },
  jitsi: { lobby: 'lobby', lobbyLimited: false, showsSpeakers: true, afterLeave: 'ended' },
  whereby: { lobby: 'none', lobbyLimited: true, showsSpeakers: false, afterLeave: 'none' },
};

interface FixtureApi {
  join(): void;
  leave(): void;
  setMuted(muted: boolean): void;
  setParticipants(count: number): void;
  setSpeakers(names: string[]): void;
  state: { phase: string; muted: boolean; participants: number; speakers: string[] };
}

function openPage(site: keyof typeof FLOWS, query = '') {
  const url = new URL(SITE_URLS[site as keyof typeof SITE_URLS]);
  url.search = query;
  // Scripts in the page are not run by happy-dom (evaluation is off); fixture-site.js is run below.
  const page = new Window({
    url: url.href,
    settings: { disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: true },
  });
  const call = { onJoin: vi.fn(), onLeave: vi.fn(), onMute: vi.fn() };
  Object.assign(page, { fixtureCall: call });
  page.document.write(readFileSync(`${PAGES}${site}.html`, 'utf8'));
  new Function('window', 'document', FIXTURE_SCRIPT)(page, page.document);
  const document = page.document as unknown as Document;
  const adapter = adapterFor(url)!;
  return {
    call,
    fixture: (page as unknown as { fixture: FixtureApi }).fixture,
    read: () => adapter.read(document, url),
    click: (selector: string) => (document.querySelector(selector) as HTMLElement).click(),
    close: () => page.happyDOM.close(),
  };
}

describe('interactive fixture meeting pages', () => {
  // Also as single-page apps that keep every screen in the DOM, the inactive ones hidden: the
  // adapter must read exactly what is shown.
  for (const [site, flow, query] of Object.entries(FLOWS).flatMap(
    ([s, f]) =>
      [
        [s, f, ''],
        [s, f, '?screens=kept'],
      ] as const,
  )) {
    it(`${site}${query ? ' (screens kept)' : ''}: the adapter follows lobby → in call → muted → unmuted → left`, async () => {
      const page = openPage(site, query);

      expect(page.read()).toMatchObject({ phase: flow.lobby, limited: flow.lobbyLimited });

      page.click('#fixture-join');
      expect(page.read()).toMatchObject({
        phase: 'in-call',
        muted: false,
        participants: 3,
        speakers: flow.showsSpeakers ? ['Ana Lopez'] : [],
        limited: false,
      });
      expect(page.call.onJoin).toHaveBeenCalledTimes(1);

      page.click('#fixture-mute');
      expect(page.read()).toMatchObject({ phase: 'in-call', muted: true });
      // The site's own mic button works too.
      page.click('#fixture-stage [data-fixture-action="toggle-mute"]');
      expect(page.read()).toMatchObject({ phase: 'in-call', muted: false });
      expect(page.call.onMute.mock.calls).toEqual([[true], [false]]);

      page.fixture.setParticipants(5);
      page.fixture.setSpeakers(['Ben Okafor']);
      expect(page.read()).toMatchObject({ participants: 5, speakers: flow.showsSpeakers ? ['Ben Okafor'] : [] });

      page.click('#fixture-leave');
      expect(page.read()).toMatchObject({ phase: flow.afterLeave, muted: null, limited: false });
      expect(page.call.onLeave).toHaveBeenCalledTimes(1);
      expect(page.fixture.state).toEqual({ phase: 'ended', muted: false, participants: 5, speakers: ['Ben Okafor'] });

      await page.close();
    });
  }

  it('has a page for every site it tests, and only those', () => {
    // fixture-peer.html is no site: the far end of every fixture call (fixture-call.js).
    const pages = readdirSync(PAGES)
      .filter((file) => file.endsWith('.html') && file !== 'fixture-peer.html')
      .map((file) => file.replace(/\.html$/, ''));
    expect(pages.sort()).toEqual(Object.keys(FLOWS).sort());
  });

  it.each(Object.keys(FLOWS))(
    '%s page works under a strict CSP: no inline script or handler, shared scripts in order',
    (site) => {
      const html = readFileSync(`${PAGES}${site}.html`, 'utf8');
      const document = new Window().document;
      document.write(html);
      const scripts = [...document.querySelectorAll('script')];
      expect(scripts.map((script) => script.getAttribute('src'))).toEqual(['fixture-site.js', 'fixture-call.js']);
      expect(scripts.every((script) => script.textContent?.trim() === '')).toBe(true);
      const inline = /<[^>]+\s(on[a-z]+|style)\s*=/i.exec(html);
      expect(inline?.[0] ?? null).toBeNull();
      expect(document.documentElement.getAttribute('data-site')).toBe(site);
      for (const id of ['fixture-join', 'fixture-mute', 'fixture-leave', 'fixture-stage']) {
        expect(document.getElementById(id), id).not.toBeNull();
      }
    },
  );
});
