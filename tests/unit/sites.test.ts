// Site adapters against saved fixture pages (tests/fixtures/sites/<site>/*.html, reconstructions of
// the markers in docs/sites.md), plus the structure every site must keep: an adapter
// file, a fixture folder, an interactive e2e page, a place in the registry and in MEETING_MATCHES.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { createCustomAdapter } from '../../lib/sites/custom';
import { MEETING_MATCHES } from '../../lib/sites/hosts';
import { adapterFor, SITE_ADAPTERS } from '../../lib/sites/index';
import type { SiteAdapter, SiteReading } from '../../lib/sites/types';
import { webexAdapter } from '../../lib/sites/webex';
import { zoomAdapter } from '../../lib/sites/zoom';
import { CUSTOM_SITE, SITE_URLS } from './site-urls';
import { defined } from '../support/defined';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = `${ROOT}tests/fixtures/sites`;
/** Every site: its screens, and the call with its other screens kept hidden in the DOM and with chat
 *  and captions quoting its end-screen copy (only what a person sees counts). */
const REQUIRED_FIXTURES = [
  'lobby',
  'in-call',
  'in-call-muted',
  'ended',
  'markup-changed',
  'in-call-hidden-screens',
  'in-call-chat',
];
const BUILT_IN_SITES = Object.keys(DEFAULT_SETTINGS.sites);

const window = new Window();
afterAll(() => window.happyDOM.close());

function parsePage(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

function readFixture(adapter: SiteAdapter, site: string, file: string, url: string): SiteReading {
  return adapter.read(parsePage(readFileSync(`${FIXTURES}/${site}/${file}`, 'utf8')), new URL(url));
}

type Expected = Omit<SiteReading, 'matched'> & { matched?: string[] };

const NOTHING_READ: Omit<Expected, 'phase'> = {
  muted: null,
  participants: null,
  speakers: [],
  title: null,
  limited: false,
};

const adapterOf = (site: keyof typeof SITE_URLS) => adapterFor(new URL(SITE_URLS[site]), [CUSTOM_SITE])!;

/** Per site: what each fixture must read as (`matched`: markers that must be among the hits). */
const CASES: Record<keyof typeof SITE_URLS, { adapter: SiteAdapter; fixtures: Record<string, Expected> }> = {
  meet: {
    adapter: adapterOf('meet'),
    fixtures: {
      'lobby.html': { ...NOTHING_READ, phase: 'lobby', muted: false, matched: ['lobby:mic-toggle'] },
      'waiting.html': { ...NOTHING_READ, phase: 'lobby', muted: true, matched: ['lobby:waiting-text'] },
      'in-call.html': {
        phase: 'in-call',
        muted: false,
        participants: 3,
        speakers: ['Ana Lopez'],
        title: 'Weekly design review',
        limited: false,
        matched: [
          'in-call:call_end-icon',
          'unmuted:data-is-muted',
          'count:data-avatar-count',
          'speaking:class',
          'title:data-meeting-title',
        ],
      },
      'in-call-muted.html': {
        phase: 'in-call',
        muted: true,
        participants: 4,
        speakers: ['Ben Okafor'],
        title: 'Weekly design review',
        limited: false,
        matched: ['speaking:ES310d-rendered', 'count:people-label-en'],
      },
      'ended.html': { ...NOTHING_READ, phase: 'ended', matched: ['ended:screen-text'] },
      'ended-removed.html': { ...NOTHING_READ, phase: 'ended', matched: ['ended:roSPhc-message'] },
      'in-call-badge.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: false,
        participants: 5,
        matched: ['count:egzc7c-badge'],
      },
      'markup-changed.html': { ...NOTHING_READ, phase: 'none', limited: true },
    },
  },
  teams: {
    adapter: adapterOf('teams'),
    fixtures: {
      'lobby.html': {
        ...NOTHING_READ,
        phase: 'lobby',
        muted: true,
        matched: ['lobby:prejoin-join-button', 'muted:prejoin-unmute-action'],
      },
      'waiting.html': { ...NOTHING_READ, phase: 'lobby', muted: false, matched: ['lobby:waiting-text'] },
      'in-call.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: false,
        participants: 4,
        matched: ['in-call:hangup-button', 'count:in-this-meeting-en'],
      },
      'in-call-muted.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: true,
        participants: 4,
        matched: ['in-call:hangup-main-btn', 'count:roster-text'],
      },
      // The hidden mic button left behind gives neither a phase nor a mute state.
      'ended.html': { ...NOTHING_READ, phase: 'ended', matched: ['ended:retry-screen'] },
      'ended-e2ee.html': { ...NOTHING_READ, phase: 'ended', matched: ['ended:e2ee-end-screen'] },
      'ended-heading.html': { ...NOTHING_READ, phase: 'ended', matched: ['ended:heading-en'] },
      'lobby-mic-on.html': {
        ...NOTHING_READ,
        phase: 'lobby',
        muted: false,
        matched: ['lobby:prejoin-join-button', 'unmuted:prejoin-mute-action'],
      },
      'in-call-pressed.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: true,
        matched: ['in-call:hangup-button', 'muted:aria-pressed'],
      },
      'in-call-unpressed.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: false,
        matched: ['in-call:hangup-button', 'unmuted:aria-pressed'],
      },
      'markup-changed.html': { ...NOTHING_READ, phase: 'none', limited: true },
    },
  },
  zoom: {
    adapter: adapterOf('zoom'),
    fixtures: {
      'lobby.html': { ...NOTHING_READ, phase: 'lobby', muted: false, matched: ['lobby:name-input'] },
      'waiting.html': { ...NOTHING_READ, phase: 'lobby', matched: ['lobby:waiting-text'] },
      'in-call.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: false,
        participants: 3,
        speakers: ['Ana Lopez'],
        matched: ['count:footer-text-en'],
      },
      'in-call-muted.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: true,
        participants: 4,
        speakers: ['Ben Okafor'],
        matched: ['in-call:leave-container', 'count:participants-label-en', 'name:avatar-alt'],
      },
      'ended.html': { ...NOTHING_READ, phase: 'ended', matched: ['ended:modal-title'] },
      'ended-removed.html': { ...NOTHING_READ, phase: 'ended', matched: ['ended:screen-text'] },
      'lobby-muted.html': {
        ...NOTHING_READ,
        phase: 'lobby',
        muted: true,
        matched: ['lobby:name-input', 'muted:preview-label-en'],
      },
      'in-call-speaker-bar.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: false,
        speakers: ['Ana Lopez'],
        matched: ['in-call:leave-button-en', 'speaking:speaker-bar-active', 'name:avatar-name'],
      },
      'markup-changed.html': { ...NOTHING_READ, phase: 'none', limited: true },
    },
  },
  webex: {
    adapter: adapterOf('webex'),
    fixtures: {
      'lobby.html': { ...NOTHING_READ, phase: 'lobby', muted: false },
      'in-call.html': { ...NOTHING_READ, phase: 'in-call', muted: false, participants: 5, title: 'Quarterly planning' },
      'in-call-muted.html': { ...NOTHING_READ, phase: 'in-call', muted: true, title: 'Quarterly planning' },
      // No source shows Webex's end screen: after leaving, the page reads as no call at all.
      'ended.html': { ...NOTHING_READ, phase: 'none' },
      'markup-changed.html': { ...NOTHING_READ, phase: 'none', limited: true },
    },
  },
  jitsi: {
    adapter: adapterOf('jitsi'),
    fixtures: {
      'lobby.html': { ...NOTHING_READ, phase: 'lobby', muted: false },
      'waiting.html': { ...NOTHING_READ, phase: 'lobby', matched: ['lobby:joining-message'] },
      'in-call.html': { ...NOTHING_READ, phase: 'in-call', muted: false, participants: 3, speakers: ['Ana Lopez'] },
      'in-call-muted.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: true,
        participants: 4,
        matched: ['in-call:hangup-button', 'count:badge'],
      },
      'in-call-fr.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: false,
        matched: ['in-call:hangup-testid', 'unmuted:label-fr'],
      },
      'ended.html': { ...NOTHING_READ, phase: 'ended' },
      'markup-changed.html': { ...NOTHING_READ, phase: 'none', limited: true },
    },
  },
  whereby: {
    adapter: adapterOf('whereby'),
    fixtures: {
      // No source shows Whereby's pre-join: media without markers reads as limited.
      'lobby.html': { ...NOTHING_READ, phase: 'none', limited: true },
      'in-call.html': { ...NOTHING_READ, phase: 'in-call', muted: false, participants: 3 },
      'in-call-muted.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: true,
        participants: 3,
        matched: ['muted:toolbar-mic-active'],
      },
      'ended.html': { ...NOTHING_READ, phase: 'none' },
      'markup-changed.html': { ...NOTHING_READ, phase: 'none', limited: true },
    },
  },
  custom: {
    adapter: adapterOf('custom'),
    fixtures: {
      'in-call.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        limited: true,
        generic: true,
        matched: ['custom:call_end-icon'],
      },
      'in-call-titled.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: false,
        generic: true,
        matched: ['custom:hang-up-title-en', 'custom:mute-label-en'],
      },
      'lobby.html': { ...NOTHING_READ, phase: 'none', limited: true, generic: true },
      'audio-room-muted.html': {
        ...NOTHING_READ,
        phase: 'none',
        muted: true,
        limited: true,
        generic: true,
        matched: ['custom:unmute-label-en'],
      },
      'jitsi-self-hosted.html': {
        ...NOTHING_READ,
        phase: 'in-call',
        muted: true,
        participants: 2,
        speakers: ['Ana Lopez'],
        matched: ['jitsi:hangup-testid'],
      },
    },
  },
};

// The call with its other screens hidden in the DOM, or with chat and captions quoting them, reads
// exactly as the call alone.
for (const site of BUILT_IN_SITES) {
  const { fixtures } = CASES[site as keyof typeof CASES];
  const inCall = defined(fixtures['in-call.html'], `${site}: in-call.html`);
  fixtures['in-call-hidden-screens.html'] = inCall;
  fixtures['in-call-chat.html'] = inCall;
}

describe('site adapters on fixture pages', () => {
  for (const [site, { adapter, fixtures }] of Object.entries(CASES)) {
    const url = SITE_URLS[site as keyof typeof SITE_URLS];
    describe(site, () => {
      it('is the adapter the registry picks for the page', () => {
        expect(adapter.id).toBe(site);
      });
      for (const [file, { matched, ...expected }] of Object.entries(fixtures)) {
        it(`reads ${file}`, () => {
          const reading = readFixture(adapter, site, file, url);
          const { matched: hits, ...rest } = reading;
          expect(rest).toEqual(expected);
          expect(hits).toEqual(expect.arrayContaining(matched ?? []));
          expect(hits.some((line) => line.startsWith('error:'))).toBe(false);
        });
      }
    });
  }

  it('reads the same page on any other URL of the site without calling it limited', () => {
    const reading = readFixture(CASES.meet.adapter, 'meet', 'markup-changed.html', 'https://meet.google.com/landing');
    expect(reading.limited).toBe(false);
  });
});

describe('site adapters and frames', () => {
  it("reads Zoom's UI inside its same-origin iframe#webclient", async () => {
    const page = new Window({ url: SITE_URLS.zoom });
    page.document.write('<!doctype html><html><body><iframe id="webclient"></iframe></body></html>');
    const frame = page.document.getElementById('webclient') as unknown as HTMLIFrameElement;
    frame.srcdoc = readFileSync(`${FIXTURES}/zoom/in-call.html`, 'utf8');
    await page.happyDOM.waitUntilComplete();
    const reading = zoomAdapter.read(page.document as unknown as Document, new URL(SITE_URLS.zoom));
    expect(reading).toMatchObject({
      phase: 'in-call',
      muted: false,
      participants: 3,
      speakers: ['Ana Lopez'],
      limited: false,
    });
    expect(reading.matched).toContain('frame:iframe#webclient');
    await page.happyDOM.close();
  });

  it("skips Webex's cross-origin frame without throwing, and does not call the top page limited", () => {
    const top = parsePage('<!doctype html><html><body><iframe id="unified-webclient-iframe"></iframe></body></html>');
    Object.defineProperty(top.getElementById('unified-webclient-iframe')!, 'contentDocument', {
      get() {
        throw new Error('SecurityError: Blocked a frame from accessing a cross-origin frame.');
      },
    });
    const reading = webexAdapter.read(top, new URL(SITE_URLS.webex));
    expect(reading).toMatchObject({ phase: 'none', limited: false });
    expect(reading.matched).toContain('frame-unreadable:#unified-webclient-iframe');
  });
});

describe('site adapters never throw', () => {
  // A root whose elements throw on any use stands for engine quirks and half-torn-down pages.
  const hostile = new Proxy({} as Element, {
    get() {
      throw new Error('detached');
    },
  });
  const brokenRoot = { querySelectorAll: () => [hostile] } as unknown as Document;

  for (const adapter of [...SITE_ADAPTERS, createCustomAdapter([CUSTOM_SITE])]) {
    const url = new URL(SITE_URLS[adapter.id]);
    it(`${adapter.id} degrades to a limited empty reading`, () => {
      const reading = adapter.read(brokenRoot, url);
      expect(reading).toMatchObject({
        phase: 'none',
        muted: null,
        participants: null,
        speakers: [],
        title: null,
        limited: true,
      });
      expect(reading.matched.some((line) => line.startsWith('error:'))).toBe(true);
    });

    it(`${adapter.id} reads an empty page as nothing`, () => {
      const reading = adapter.read(parsePage(''), url);
      expect(reading).toEqual({
        phase: 'none',
        ...NOTHING_READ,
        matched: [],
        ...(adapter.id === 'custom' ? { generic: true } : {}),
      });
    });
  }
});

describe('site structure', () => {
  it.each(BUILT_IN_SITES)('%s has an adapter file, fixtures, an e2e page and a place in the registry', (site) => {
    expect(existsSync(`${ROOT}lib/sites/${site}.ts`)).toBe(true);
    const fixtures = readdirSync(`${FIXTURES}/${site}`).map((file) => file.replace(/\.html$/, ''));
    expect(fixtures).toEqual(expect.arrayContaining(REQUIRED_FIXTURES));
    expect(existsSync(`${ROOT}tests/e2e/sites/${site}.html`)).toBe(true);
    expect(SITE_ADAPTERS.map((adapter) => adapter.id)).toContain(site);
  });

  it('tests every fixture file', () => {
    for (const [site, { fixtures }] of Object.entries(CASES)) {
      expect(readdirSync(`${FIXTURES}/${site}`).sort()).toEqual(Object.keys(fixtures).sort());
    }
  });

  it("splits MEETING_MATCHES exactly between the built-in adapters' match patterns", () => {
    const patterns = SITE_ADAPTERS.flatMap((adapter) => adapter.matchPatterns);
    expect(new Set(patterns).size).toBe(patterns.length);
    expect([...patterns].sort()).toEqual([...MEETING_MATCHES].sort());
  });

  it.each([
    ['https://meet.google.com/abc-defg-hij', 'meet'],
    ['https://teams.live.com/meet/9312345678901', 'teams'],
    ['https://teams.cloud.microsoft/meet/123', 'teams'],
    ['https://us02web.zoom.us/wc/81234567890/join', 'zoom'],
    ['https://zoom.us/j/81234567890', 'zoom'],
    ['https://acme.webex.com/meet/ana', 'webex'],
    ['https://8x8.vc/vpaas-magic-cookie-1/room', 'jitsi'],
    ['https://acme.whereby.com/standup', 'whereby'],
    ['https://meet.example.org/room', 'custom'],
    ['https://evil.example/meet.google.com/abc-defg-hij', null],
    ['https://meet.google.com.evil.example/abc-defg-hij', null],
    ['http://meet.google.com/abc-defg-hij', null],
  ])('adapterFor(%s) is %s', (url, id) => {
    expect(adapterFor(new URL(url), [CUSTOM_SITE])?.id ?? null).toBe(id);
  });
});
