// Whereby. The newest public sources for its DOM are from 2020 (W2, W4): this adapter is the least
// certain. Its `jstest-` classes are test hooks, which tend to outlive styling classes. No source
// shows the lobby, the end of a call or who is speaking: the pre-join and post-call pages read as
// 'none' (limited while they show media), and speakers stay empty.
// Sources and dates: docs/sites.md, "Sources" ("last seen" = newest commit still using a marker).
import { defineSiteAdapter, readMuted, readPhase, type MuteMarker, type PhaseMarkers } from './adapter';
import type { Marker, MarkerProbe } from './dom';

export const MARKERS = {
  phase: {
    ended: [],
    lobby: [],
    inCall: [
      // W2 2020-05: another client's video tile (self: `.jstest-local-client-video`, maybe a preview).
      { name: 'in-call:remote-tile', selector: '.jstest-client-video:not(.jstest-local-client-video)' },
      // W4 2020-05: the room toolbar's mic button, there when alone in the room too.
      { name: 'in-call:toolbar-mic', selector: '.VideoToolbar-item--mic' },
    ],
    lobbyControls: [],
  } satisfies PhaseMarkers,
  muted: [
    // W4 2020-05: the toolbar mic is "active" while muted.
    { name: 'muted:toolbar-mic-active', selector: '.VideoToolbar-item--mic.is-active', muted: true },
    { name: 'unmuted:toolbar-mic', selector: '.VideoToolbar-item--mic:not(.is-active)', muted: false },
    // W2 2020-05: my own tile shows a mute icon while muted.
    { name: 'muted:self-tile-icon', selector: '.jstest-local-client-video .jstest-mute-icon', muted: true },
    { name: 'unmuted:self-tile', selector: '.jstest-local-client-video:not(:has(.jstest-mute-icon))', muted: false },
  ] satisfies MuteMarker[],
  // W2 2020-05: one tile per client, screenshares aside (`local-screenshare`, or "Screenshare" in the name).
  clientTile: {
    name: 'count:client-tiles',
    selector: '.jstest-client-video:not([data-clientid="local-screenshare"])',
    exclude: /screenshare/i,
  } satisfies Marker,
};

/** Whereby's grid shows every client, so tiles count participants (me included). */
function readParticipants(probe: MarkerProbe): number | null {
  const tiles = probe.findAll(MARKERS.clientTile);
  if (tiles.length === 0) return null;
  probe.note(MARKERS.clientTile.name);
  return tiles.length;
}

export const wherebyAdapter = defineSiteAdapter({
  id: 'whereby',
  name: 'Whereby',
  matchPatterns: ['https://whereby.com/*', 'https://*.whereby.com/*'],
  // jslib-media: per-person tracks over P2P or its SFU (W1).
  remoteAudio: 'media-elements',
  // `whereby.com/<room>`, `<team>.whereby.com/<room>` (W3): any page but the home page.
  isMeetingUrl: (url) => url.pathname !== '/',
  readPage: (probe) => ({
    phase: readPhase(probe, MARKERS.phase),
    muted: readMuted(probe, MARKERS.muted),
    participants: readParticipants(probe),
    speakers: [],
    title: null,
  }),
});
