// Jitsi Meet (meet.jit.si, 8x8.vc; self-hosted deployments are read through the custom adapter,
// which recognises Jitsi by the markers in JITSI_SIGNATURE). Its `data-testid`s come from
// jitsi-meet's own tests, so they are the most stable markers on any site.
// Sources and dates: docs/sites.md, "Sources" ("last seen" = newest commit still using a marker).
import {
  distinctNames,
  defineSiteAdapter,
  readCount,
  readMuted,
  readPhase,
  SCREEN_COPY,
  type MuteMarker,
  type PageReading,
  type PhaseMarkers,
} from './adapter';
import type { Marker, MarkerProbe } from './dom';

export const MARKERS = {
  phase: {
    ended: [
      // V13 2026-07 (EN): end and kick copy, on a screen or in its dialog. "You have been
      // disconnected" is left out: often transient.
      {
        name: 'ended:text',
        selector: `${SCREEN_COPY}, [role="dialog"], [role="alertdialog"]`,
        pattern: /the conference has ended|you have been kicked|kicked out of the meeting|meeting has been terminated/i,
      },
      // V13 2026-07: the post-meeting page offers "Rejoin".
      { name: 'ended:rejoin-button', selector: 'button, [role="button"], a', pattern: /^rejoin$/i },
    ],
    lobby: [
      // V14, V13 2026-07: knocking at a lobby-enabled room (`#largeVideoContainer` can sit behind it).
      { name: 'lobby:joining-message', selector: '[data-testid="lobby.joiningMessage"]' },
      { name: 'lobby:lobby-screen', selector: '.lobby-screen' },
      // V13 2026-07: the pre-join screen.
      { name: 'lobby:prejoin-name-input', selector: '#premeeting-name-input' },
      { name: 'lobby:prejoin-join-button', selector: '[data-testid="prejoin.joinMeeting"]' },
      { name: 'lobby:premeeting-screen', selector: '.premeeting-screen' },
    ],
    inCall: [
      // V13, V14 2026-07: the hang-up button renders only inside the conference; J2's label (EN) last.
      { name: 'in-call:hangup-testid', selector: '[data-testid="toolbox.hangup"]' },
      { name: 'in-call:hangup-button', selector: '.hangup-button' },
      { name: 'in-call:hangup-label-en', selector: '[aria-label="Leave the meeting"]' },
    ],
    lobbyControls: [],
  } satisfies PhaseMarkers,
  muted: [
    // J2 2026-02 (EN): the toolbar button names the action. M4 (FR): "Couper votre micro" = mute action.
    { name: 'muted:label-en', selector: '[aria-label="Unmute microphone" i]', muted: true },
    { name: 'unmuted:label-en', selector: '[aria-label="Mute microphone" i]', muted: false },
    { name: 'unmuted:label-fr', selector: '[aria-label^="Couper votre micro" i]', muted: false },
  ] satisfies MuteMarker[],
  participants: [
    // J2, M4 2026-04: the participants button's label carries the count, then its badge.
    {
      name: 'count:participants-label',
      selector: '[aria-label^="Open participants pane" i]',
      attribute: 'aria-label',
      pattern: /(\d+)/,
    },
    { name: 'count:badge', selector: '[class$="-badge"]', pattern: /^(\d+)$/ },
  ] satisfies Marker[],
  // V15 2026-07: the dominant speaker's tile and the name on it.
  dominantSpeakerTile: { name: 'speaking:dominant-speaker', selector: '.dominant-speaker' } satisfies Marker,
  tileName: [{ name: 'name:displayname', selector: '.displayname', pattern: /^(.+)$/ }] satisfies Marker[],
};

/** Markers only Jitsi's web app renders: how the custom adapter recognises a self-hosted Jitsi (V13). */
export const JITSI_SIGNATURE: readonly Marker[] = [
  { name: 'jitsi:prejoin-name-input', selector: '#premeeting-name-input' },
  { name: 'jitsi:hangup-testid', selector: '[data-testid="toolbox.hangup"]' },
  { name: 'jitsi:lobby-joining-message', selector: '[data-testid="lobby.joiningMessage"]' },
];

function readSpeakers(probe: MarkerProbe): string[] {
  const tiles = probe.findAll(MARKERS.dominantSpeakerTile);
  if (tiles.length > 0) probe.note(MARKERS.dominantSpeakerTile.name);
  return distinctNames(tiles.map((tile) => probe.within(tile.element).first(MARKERS.tileName)?.value));
}

export function readJitsiPage(probe: MarkerProbe): PageReading {
  return {
    phase: readPhase(probe, MARKERS.phase),
    muted: readMuted(probe, MARKERS.muted),
    participants: readCount(probe, MARKERS.participants),
    speakers: readSpeakers(probe),
    // The room subject is not in any source's markers.
    title: null,
  };
}

export const jitsiAdapter = defineSiteAdapter({
  id: 'jitsi',
  name: 'Jitsi Meet',
  matchPatterns: ['https://meet.jit.si/*', 'https://8x8.vc/*'],
  // One `<audio id="remoteAudio_<trackId>">` per remote track (J1).
  remoteAudio: 'media-elements',
  // `meet.jit.si/<room>`, `8x8.vc/<tenant>/<room>` (V13): any page but the home page.
  isMeetingUrl: (url) => url.pathname !== '/',
  readPage: readJitsiPage,
});
