// Microsoft Teams (web, v2 and the "light" guest UI). Its Fluent class names churn, so only ids,
// `data-tid` and `data-state` are used, then English labels as a last resort.
// Sources and dates: docs/sites.md, "Sources" ("last seen" = newest commit still using a marker).
import {
  defineSiteAdapter,
  readCount,
  readMuted,
  readPhase,
  SCREEN_COPY,
  type MuteMarker,
  type PhaseMarkers,
} from './adapter';
import type { Marker } from './dom';

export const MARKERS = {
  phase: {
    ended: [
      // A4, V4 2026-08: the post-call screens ("You’ve been removed…", live copy has ’: V4).
      { name: 'ended:retry-screen', selector: '#calling-retry-screen-title' },
      { name: 'ended:e2ee-end-screen', selector: '[data-tid="calling-e2ee-end-screen"]' },
      { name: 'ended:removed-text', selector: SCREEN_COPY, pattern: /^you've been removed from this meeting\W*$/i },
      // A4 2026-08: "Meeting ended" as a heading; chat lists also say "Meeting ended: 45m", hence the anchors.
      { name: 'ended:heading-en', selector: 'h1, h2, h3, [role="heading"]', pattern: /^meeting ended$/i },
    ],
    lobby: [
      // T2, A3 2026-08: the pre-join screen's Join button.
      { name: 'lobby:prejoin-join-button', selector: '#prejoin-join-button' },
      // A3 ("…soon"), V4 ("…shortly") 2026-08: the waiting lobby (EN).
      { name: 'lobby:waiting-text', selector: SCREEN_COPY, pattern: /someone will let you in (?:soon|shortly)/i },
    ],
    inCall: [
      // T2, V4, TC 2026-07. Teams leaves a hidden mic button after the call (TC): only rendered ones count.
      { name: 'in-call:hangup-button', selector: '#hangup-button' },
      { name: 'in-call:hangup-main-btn', selector: '[data-tid="hangup-main-btn"]' },
      { name: 'in-call:microphone-button', selector: '#microphone-button' },
    ],
    lobbyControls: [
      // A3, TC 2026-08: pre-join mic toggles.
      { name: 'lobby:toggle-mute', selector: '[data-tid="toggle-mute"]' },
      {
        name: 'lobby:prejoin-mic',
        selector: '[data-track-action-scenario="preJoinMute"], [data-track-action-scenario="preJoinUnmute"]',
      },
    ],
  } satisfies PhaseMarkers,
  muted: [
    // TC 2026-08: the call's mic button state, locale-free.
    { name: 'muted:data-state', selector: '#microphone-button[data-state="mic-off"]', muted: true },
    { name: 'unmuted:data-state', selector: '#microphone-button[data-state="mic"]', muted: false },
    // TC 2026-08: pre-join buttons name the action ("preJoinUnmute" = currently muted; the other is unverified).
    { name: 'muted:prejoin-unmute-action', selector: '[data-track-action-scenario="preJoinUnmute"]', muted: true },
    { name: 'unmuted:prejoin-mute-action', selector: '[data-track-action-scenario="preJoinMute"]', muted: false },
    // A3 2026-08: the pre-join toggle is checked while the mic is on.
    {
      name: 'unmuted:toggle-mute-on',
      selector: '[data-tid="toggle-mute"]:checked, [data-tid="toggle-mute"][aria-checked="true"]',
      muted: false,
    },
    {
      name: 'muted:toggle-mute-off',
      selector: 'input[data-tid="toggle-mute"]:not(:checked), [data-tid="toggle-mute"][aria-checked="false"]',
      muted: true,
    },
    // MM 2026-04 reads a pressed mic button as muted; L2 (EN) reads the "Unmute" label.
    { name: 'muted:aria-pressed', selector: '#microphone-button[aria-pressed="true"]', muted: true },
    { name: 'unmuted:aria-pressed', selector: '#microphone-button[aria-pressed="false"]', muted: false },
    { name: 'muted:label-en', selector: '#microphone-button[aria-label^="Unmute" i]', muted: true },
    { name: 'unmuted:label-en', selector: '#microphone-button[aria-label^="Mute" i]', muted: false },
  ] satisfies MuteMarker[],
  participants: [
    // L2 2026-06 (EN): the roster section title "In this meeting (N)"; S2: roster text with the count.
    {
      name: 'count:in-this-meeting-en',
      selector: '[aria-label^="In this meeting" i]',
      attribute: 'aria-label',
      pattern: /\((\d+)\)/,
    },
    { name: 'count:roster-text', selector: '[data-tid*="roster"]', pattern: /\((\d+)\)/ },
  ] satisfies Marker[],
};

export const teamsAdapter = defineSiteAdapter({
  id: 'teams',
  name: 'Microsoft Teams',
  matchPatterns: ['https://teams.microsoft.com/*', 'https://teams.live.com/*', 'https://teams.cloud.microsoft/*'],
  // One server-side mixed track (`mainAudio`), played by no DOM element (A4, V7).
  remoteAudio: 'rtc-hook',
  // `/v2/#/meet/<id>`, `/meet/<id>`, `/l/meetup-join/…` (V8, A3, TC): path or hash.
  isMeetingUrl: (url) => /\/meet(?:up-join)?\//i.test(url.pathname + url.hash),
  readPage: (probe) => ({
    phase: readPhase(probe, MARKERS.phase),
    muted: readMuted(probe, MARKERS.muted),
    participants: readCount(probe, MARKERS.participants),
    // No confirmed speaking marker: the voice-level outline is on every tile, and the class L2
    // reads as speaking never fired in V5's live run. Reporting none beats naming the wrong person.
    speakers: [],
    // No source shows the meeting title in the call UI.
    title: null,
  }),
});
