// Google Meet. Lobby and call share one URL (a single-page app), and the lobby has call-like
// controls, `<audio>` elements and an effects tile (V2, S1): only the markers below decide the phase.
// Sources and dates: docs/sites.md, "Sources" ("last seen" = newest commit still using a marker).
import {
  defineSiteAdapter,
  distinctNames,
  SCREEN_COPY,
  readCount,
  readMuted,
  readPhase,
  readValue,
  type MuteMarker,
  type PhaseMarkers,
} from './adapter';
import type { Marker, MarkerProbe } from './dom';

// Meet's own self-preview "Backgrounds and effects" tile also carries `data-participant-id`, in the
// lobby and in the call; its label leads with the `visual_effects` ligature (V2 2026-07).
const EFFECTS_TILE = /visual_effects|backgrounds and effects/i;
// V1 2026-08, A2 2026-08: the end screen's copy (EN).
const ENDED_COPY = "you've been removed from the meeting|your host ended the meeting for everyone|you left the meeting";
const ENDED_TEXT = new RegExp(ENDED_COPY, 'i');

export const MARKERS = {
  phase: {
    ended: [
      // A2: the end screen's message box (class churns), then the same copy as a heading or line of its own.
      { name: 'ended:roSPhc-message', selector: '.roSPhc', pattern: ENDED_TEXT },
      { name: 'ended:screen-text', selector: SCREEN_COPY, pattern: new RegExp(`^(?:${ENDED_COPY})\\W*$`, 'i') },
    ],
    lobby: [
      // V1 2026-08, A1: the waiting screen after "Ask to join". "Return to home screen" is listed
      // by V1 as a waiting sign (vexa#471); the end screen has it too, but ended is tried first.
      {
        name: 'lobby:waiting-text',
        selector: SCREEN_COPY,
        pattern: /^(?:asking to be let in|you'll join the call when someone lets you in)\W*$/i,
      },
      { name: 'lobby:return-home-button', selector: 'button', pattern: /^return to home screen$/i },
    ],
    inCall: [
      // T1 2026-04: the Leave call icon, a locale-free Material Symbols ligature.
      { name: 'in-call:call_end-icon', selector: '.google-symbols', pattern: /^call_end$/ },
      // V2 2026-07: a participant tile other than the effects tile.
      { name: 'in-call:participant-tile', selector: '[data-participant-id]', exclude: EFFECTS_TILE },
    ],
    lobbyControls: [
      // L1, MM 2026-08: the mic toggle is on the pre-join screen too; so is the effects tile (V2).
      { name: 'lobby:mic-toggle', selector: 'button[data-mute-button], [data-is-muted]' },
      { name: 'lobby:effects-tile', selector: '[data-participant-id]', pattern: EFFECTS_TILE },
    ],
  } satisfies PhaseMarkers,
  muted: [
    // L1, MM 2026-08: locale-free. The camera button has `data-is-muted` too, hence `data-mute-button`.
    { name: 'muted:data-is-muted', selector: 'button[data-mute-button][data-is-muted="true"]', muted: true },
    { name: 'unmuted:data-is-muted', selector: 'button[data-mute-button][data-is-muted="false"]', muted: false },
    // A1 2026-08 (EN only): the button names the action, so "Turn on microphone" means muted.
    { name: 'muted:label-en', selector: 'button[aria-label*="Turn on microphone" i]', muted: true },
    { name: 'unmuted:label-en', selector: 'button[aria-label*="Turn off microphone" i]', muted: false },
  ] satisfies MuteMarker[],
  participants: [
    // S1 2026-06: the avatar stack on the People button; then its EN label; then the badge (class churns).
    {
      name: 'count:data-avatar-count',
      selector: '[data-avatar-count]',
      attribute: 'data-avatar-count',
      pattern: /^(\d+)$/,
    },
    {
      name: 'count:people-label-en',
      selector: '[aria-label^="People"]',
      attribute: 'aria-label',
      pattern: /(\d+) joined/i,
    },
    { name: 'count:egzc7c-badge', selector: 'div.egzc7c', pattern: /^(\d{1,3})$/ },
  ] satisfies Marker[],
  // V2 2026-07: a participant tile, the effects tile aside.
  tile: { name: 'tile', selector: '[data-participant-id]', exclude: EFFECTS_TILE } satisfies Marker,
  speaking: [
    // V3 2026-07, MST: classes the speaking indicator takes (they churn; silent is `gjg47c`).
    { name: 'speaking:class', selector: '.Oaajhc, .HX2H7, .wEsLMd, .OgVli' },
    // L1 2026-08: the indicator `[jscontroller="ES310d"]` is rendered only while its tile speaks.
    { name: 'speaking:ES310d-rendered', selector: '[jscontroller="ES310d"]' },
  ] satisfies Marker[],
  // V3, L1 2026-08: the name under each tile.
  tileName: [{ name: 'name:notranslate', selector: 'span.notranslate', pattern: /^(.+)$/ }] satisfies Marker[],
  // L1 2026-08: the meeting title is an attribute on a container.
  title: [
    { name: 'title:data-meeting-title', selector: '[data-meeting-title]', attribute: 'data-meeting-title' },
  ] satisfies Marker[],
};

function readSpeakers(probe: MarkerProbe): string[] {
  const speaking = probe
    .findAll(MARKERS.tile)
    .map((hit) => probe.within(hit.element))
    .filter((tile) => tile.first(MARKERS.speaking));
  return distinctNames(speaking.map((tile) => tile.first(MARKERS.tileName)?.value));
}

export const meetAdapter = defineSiteAdapter({
  id: 'meet',
  name: 'Google Meet',
  matchPatterns: ['https://meet.google.com/*'],
  // A rotating pool of `<audio>` elements with live `srcObject` (V3, A2); see docs/sites.md.
  remoteAudio: 'media-elements',
  // Meeting codes look like abc-defg-hij (V8, MM).
  isMeetingUrl: (url) => /^\/[a-z]{3}-[a-z]{4}-[a-z]{3}\/?$/i.test(url.pathname),
  readPage: (probe) => ({
    phase: readPhase(probe, MARKERS.phase),
    muted: readMuted(probe, MARKERS.muted),
    participants: readCount(probe, MARKERS.participants),
    speakers: readSpeakers(probe),
    title: readValue(probe, MARKERS.title),
  }),
});
