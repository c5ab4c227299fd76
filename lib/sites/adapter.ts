// The reading pipeline every site adapter shares: which documents to read, the order in which call
// phases are decided, how mute and counts are read from marker tables, when a reading is
// "limited", and the guarantee that `read` never throws. Site files only supply markers and the
// few site-specific reads (speakers, names).
import { documentsWithFrames, MarkerProbe, type Marker } from './dom';
import type { CallPhase, RemoteAudioSource, SiteAdapter, SiteId, SiteReading } from './types';

/** What a site's own code reads; `limited` and `matched` are added by the pipeline. */
export type PageReading = Omit<SiteReading, 'limited' | 'matched'>;

/**
 * Where a screen shows its copy ("You left the meeting", "Asking to be let in"): its headings and
 * paragraphs. Copy patterns are read there, never from the whole page, and MarkerProbe skips chat
 * logs and captions (dom.ts, TRANSCRIPT): people write and say arbitrary words.
 */
export const SCREEN_COPY = 'h1, h2, h3, h4, p, [role="heading"]';

export interface SiteSpec {
  id: SiteId;
  name: string;
  /** Chrome match patterns of the pages the adapter handles: a subset of MEETING_MATCHES (hosts.ts). */
  matchPatterns: readonly string[];
  remoteAudio: RemoteAudioSource;
  /**
   * Whether the URL is a meeting page (not a home page or a launcher). Only there can missing
   * markers mean "markup changed" and make the reading `limited`.
   */
  isMeetingUrl(url: URL): boolean;
  /** Selectors of same-origin frames that may hold the meeting UI, read along with the page. */
  uiFrames?: readonly string[];
  readPage(probe: MarkerProbe, url: URL): PageReading;
}

/**
 * Markers per call phase, tried in this order: ended, lobby, in call, lobby controls. Ended comes
 * first because end screens can keep parts of the call UI behind them (Teams, TC); the lobby comes
 * before the call because lobbies show call-like controls (Meet's Leave call and mic toggles, Zoom's
 * waiting room inside `.meeting-app`: V2, S1, V10).
 */
export interface PhaseMarkers {
  ended: readonly Marker[];
  /** Only ever shown before admission (waiting-room text, join forms): they beat in-call markers. */
  lobby: readonly Marker[];
  inCall: readonly Marker[];
  /** Controls the lobby shares with the call (mic toggles): they mean "lobby" only when no in-call marker hits. */
  lobbyControls: readonly Marker[];
}

export function readPhase(probe: MarkerProbe, markers: PhaseMarkers): CallPhase {
  if (probe.first(markers.ended)) return 'ended';
  if (probe.first(markers.lobby)) return 'lobby';
  if (probe.first(markers.inCall)) return 'in-call';
  if (probe.first(markers.lobbyControls)) return 'lobby';
  return 'none';
}

/** A marker whose hit tells the mute state, e.g. Meet's `[data-is-muted="true"]` means muted. */
export interface MuteMarker extends Marker {
  muted: boolean;
}

export function readMuted(probe: MarkerProbe, markers: readonly MuteMarker[]): boolean | null {
  return probe.first(markers)?.marker.muted ?? null;
}

/** A count read from the first marker whose value is a whole number ≥ 1 ("3+" and "" are skipped). */
export function readCount(probe: MarkerProbe, markers: readonly Marker[]): number | null {
  for (const marker of markers) {
    const count = probe
      .findAll(marker)
      .map((hit) => Number(hit.value))
      .find((n) => Number.isInteger(n) && n >= 1);
    if (count !== undefined) {
      probe.note(marker.name);
      return count;
    }
  }
  return null;
}

/** The first non-empty value the markers read (a title). */
export function readValue(probe: MarkerProbe, markers: readonly Marker[]): string | null {
  for (const marker of markers) {
    const value = probe.findAll(marker).find((hit) => hit.value !== '')?.value;
    if (value !== undefined) {
      probe.note(marker.name);
      return value;
    }
  }
  return null;
}

/** Display names in the order found, without repeats or blanks (one person can have two tiles). */
export function distinctNames(names: readonly (string | null | undefined)[]): string[] {
  return [...new Set(names.filter((name): name is string => !!name))];
}

/**
 * A page that looks like a call (a meeting URL with media elements) but whose markers could not say
 * where we are, or say we are in a call without a readable mute state (needed so muted speech is
 * not counted as talk): the markup probably changed, and the product degrades to audio-only.
 */
export function isLimited(looksLikeCall: boolean, page: Pick<PageReading, 'phase' | 'muted'>): boolean {
  return looksLikeCall && (page.phase === 'none' || (page.phase === 'in-call' && page.muted === null));
}

const NOTHING_READ: PageReading = { phase: 'none', muted: null, participants: null, speakers: [], title: null };

export function defineSiteAdapter(spec: SiteSpec): SiteAdapter {
  return {
    id: spec.id,
    name: spec.name,
    matchPatterns: spec.matchPatterns,
    remoteAudio: spec.remoteAudio,
    matches: (url) => spec.matchPatterns.some((pattern) => matchesPattern(pattern, url)),
    read(root, url) {
      const matched: string[] = [];
      try {
        const documents = documentsWithFrames(root, spec.uiFrames ?? [], (line) => matched.push(line));
        const probe = new MarkerProbe(documents, matched);
        const page = spec.readPage(probe, url);
        const looksLikeCall = spec.isMeetingUrl(url) && probe.hasMediaElements();
        return { ...page, limited: isLimited(looksLikeCall, page), matched };
      } catch (error) {
        // A bug or an engine quirk must not break the content script: report "can't read" instead.
        matched.push(`error:${error instanceof Error ? error.message : String(error)}`);
        return { ...NOTHING_READ, limited: true, matched };
      }
    },
  };
}

/**
 * Chrome match-pattern test for the patterns used here (`https://host/*`, `https://*.host/*`):
 * `*.` matches the host itself and any subdomain, as in Chrome.
 */
export function matchesPattern(pattern: string, url: URL): boolean {
  const parsed = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!parsed) return false;
  const [, scheme, host = '', path = ''] = parsed;
  if (url.protocol !== `${scheme}:`) return false;
  const hostname = url.hostname.toLowerCase();
  const hostMatches = host.startsWith('*.')
    ? hostname === host.slice(2) || hostname.endsWith(host.slice(1))
    : hostname === host;
  const pathPattern = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
  return hostMatches && pathPattern.test(url.pathname + url.search);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
