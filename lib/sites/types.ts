// One adapter per meeting site, behind this interface. Adapters read the page's DOM through the
// root they are given (never the global `document`), so Node tests run them on saved fixture pages.

export type SiteId = 'meet' | 'teams' | 'zoom' | 'webex' | 'jitsi' | 'whereby' | 'custom';

/** How remote audio reaches the page, which decides the capture path (docs/capture.md). */
export type RemoteAudioSource =
  /** `<audio>`/`<video>` elements with a live `srcObject` (Meet, Jitsi, Whereby). */
  | 'media-elements'
  /** Only through RTCPeerConnection tracks, no element plays them (Teams' mixed main track). */
  | 'rtc-hook'
  /** Not reachable in-page: use tab capture (Zoom's web client). */
  | 'tab-capture';

export type CallPhase = 'none' | 'lobby' | 'in-call' | 'ended';

export interface SiteReading {
  phase: CallPhase;
  /** null when the page shows no mute control the adapter recognises. */
  muted: boolean | null;
  /** Participants including me; null when the page does not show it. */
  participants: number | null;
  /** Display names of who is speaking now, where the page marks it. */
  speakers: string[];
  /** Meeting title where the page shows one. */
  title: string | null;
  /**
   * True when the markers the adapter relies on were not found in a page that looks like a call
   * (markup changed): the product degrades to audio-only and shows "limited".
   */
  limited: boolean;
  /** Names of the markers that matched, for the debug log ("which selector hit"). */
  matched: string[];
  /**
   * Read by the generic rules for a site the person added (no lobby or end-screen markers): its
   * 'none' says nothing, and the call is known from the page's WebRTC layer (lib/call/lifecycle.ts).
   */
  generic?: true;
}

export interface SiteAdapter {
  id: SiteId;
  /** Human name shown in the UI. */
  name: string;
  /** Chrome match patterns of the pages it handles; the built-in ones together make MEETING_MATCHES (hosts.ts). */
  matchPatterns: readonly string[];
  /** Whether this adapter handles the page at `url` (one of `matchPatterns` matches it). */
  matches(url: URL): boolean;
  remoteAudio: RemoteAudioSource;
  /**
   * Reads the page. Pure (only `root` and the same-origin frames under it are read) and never
   * throws: a missing marker yields nulls and `limited`.
   */
  read(root: Document, url: URL): SiteReading;
}
