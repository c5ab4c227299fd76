// Sites the user adds (settings.customSites). Their markers are unknown, so this adapter is
// deliberately conservative:
// - a self-hosted Jitsi (the common case, recognised by JITSI_SIGNATURE) is read as Jitsi;
// - otherwise the reading is `generic`: the call itself is known from the page's WebRTC layer
//   (lib/call/lifecycle.ts). The page reads 'in-call' while it shows both media elements and a
//   rendered hang-up control (a `call_end` icon ligature, or an English "hang up / leave call /
//   end call" label), and 'none' else; a mic button labelled "Mute" / "Unmute" (English) gives a
//   second opinion on mute beside what the page sends (a server-side mute sends on: Janus'
//   AudioBridge).
// - it never claims 'lobby' or 'ended', counts, speakers or a title.
import { defineSiteAdapter, readMuted, type MuteMarker, type PageReading } from './adapter';
import type { Marker, MarkerProbe } from './dom';
import { JITSI_SIGNATURE, readJitsiPage } from './jitsi';
import type { SiteAdapter } from './types';

const HANG_UP_LABEL = /\b(?:hang ?up|leave (?:the )?(?:call|meeting)|end (?:the )?call)\b/i;

export const HANG_UP: readonly Marker[] = [
  // Material icon fonts render the hang-up icon from the ligature `call_end` (as Meet does: T1).
  {
    name: 'custom:call_end-icon',
    selector: '.material-icons, [class*="material-symbols"], .google-symbols',
    pattern: /^call_end$/,
  },
  {
    name: 'custom:hang-up-label-en',
    selector: 'button[aria-label], [role="button"][aria-label]',
    attribute: 'aria-label',
    pattern: HANG_UP_LABEL,
  },
  {
    name: 'custom:hang-up-title-en',
    selector: 'button[title], [role="button"][title]',
    attribute: 'title',
    pattern: HANG_UP_LABEL,
  },
];

/** A button that names the action: "Unmute" while muted (as Meet, Zoom and Jitsi label theirs). */
const MIC_BUTTON = 'button, [role="button"]';
export const MUTE: readonly MuteMarker[] = [
  // Own rule: the English action label Meet (A1), Zoom (L3) and Jitsi (J2) put on their mic buttons.
  {
    name: 'custom:unmute-label-en',
    selector: MIC_BUTTON,
    pattern: /^unmute(?: (?:my )?(?:mic|microphone|audio))?$/i,
    muted: true,
  },
  {
    name: 'custom:unmute-aria-label-en',
    selector: MIC_BUTTON,
    attribute: 'aria-label',
    pattern: /^unmute(?: (?:my )?(?:mic|microphone|audio))?\b/i,
    muted: true,
  },
  {
    name: 'custom:mute-label-en',
    selector: MIC_BUTTON,
    pattern: /^mute(?: (?:my )?(?:mic|microphone|audio))?$/i,
    muted: false,
  },
  {
    name: 'custom:mute-aria-label-en',
    selector: MIC_BUTTON,
    attribute: 'aria-label',
    pattern: /^mute(?: (?:my )?(?:mic|microphone|audio))?\b/i,
    muted: false,
  },
];

function readUnknownPage(probe: MarkerProbe): PageReading {
  const inCall = probe.hasMediaElements() && probe.first(HANG_UP) !== null;
  return {
    phase: inCall ? 'in-call' : 'none',
    muted: readMuted(probe, MUTE),
    participants: null,
    speakers: [],
    title: null,
    generic: true,
  };
}

/** Origins such as "https://meet.example.org" become match patterns; malformed entries are skipped. */
function originPatterns(origins: readonly string[]): string[] {
  return origins.flatMap((origin) => {
    try {
      return [`${new URL(origin).origin}/*`];
    } catch {
      return [];
    }
  });
}

export function createCustomAdapter(origins: readonly string[]): SiteAdapter {
  return defineSiteAdapter({
    id: 'custom',
    name: 'Custom site',
    matchPatterns: originPatterns(origins),
    // Nothing is known of how the page plays audio: tab capture works everywhere.
    remoteAudio: 'tab-capture',
    // The user added the site to hold meetings: any page on it may be one.
    isMeetingUrl: () => true,
    readPage: (probe) => (probe.first(JITSI_SIGNATURE) ? readJitsiPage(probe) : readUnknownPage(probe)),
  });
}
