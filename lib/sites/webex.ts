// Webex. The meeting UI lives in `#unified-webclient-iframe`, cross-origin per M1 (then this adapter
// runs inside that frame, as the content script is injected into all frames) but read from the top
// document when reachable (L4). Few markers are confirmed: no end-of-call or speaking marker has a
// source, so after leaving the page reads as 'none' and speakers stay empty.
// Sources and dates: docs/sites.md, "Sources" ("last seen" = newest commit still using a marker).
import {
  defineSiteAdapter,
  readCount,
  readMuted,
  readPhase,
  readValue,
  type MuteMarker,
  type PhaseMarkers,
} from './adapter';
import type { Marker } from './dom';

export const MARKERS = {
  phase: {
    ended: [],
    lobby: [
      // M1 2026-04: the pre-join form (name field, Join button).
      { name: 'lobby:join-button', selector: '#join-button' },
      { name: 'lobby:name-input', selector: 'input[autocomplete="name"]' },
    ],
    inCall: [
      // M2, L4 2026-04: unverified against the lobby, hence tried after the pre-join form.
      { name: 'in-call:participants-toggle', selector: '[data-test="participants-toggle-button"]' },
      { name: 'in-call:microphone-button', selector: '[data-test="microphone-button"]' },
    ],
    lobbyControls: [
      // M1 2026-04: the pre-join camera toggle.
      { name: 'lobby:camera-button', selector: '[data-test="camera-button"]' },
    ],
  } satisfies PhaseMarkers,
  muted: [
    // L4 2026-04 (EN): "…currently muted…" / "…currently unmuted…"; the enterprise build's button.
    {
      name: 'muted:label-en',
      selector: '[data-test="microphone-button"], #audioControlButton',
      attribute: 'aria-label',
      pattern: /currently muted/i,
      muted: true,
    },
    {
      name: 'unmuted:label-en',
      selector: '[data-test="microphone-button"], #audioControlButton',
      attribute: 'aria-label',
      pattern: /currently unmuted/i,
      muted: false,
    },
  ] satisfies MuteMarker[],
  participants: [
    // M2 2026-04 (EN): the participants panel heading "Participants (N)", present while the panel is open.
    { name: 'count:panel-heading-en', selector: 'mdc-text[tagname="h2"]', pattern: /participants \((\d+)\)/i },
  ] satisfies Marker[],
  // L4 2026-04: the meeting topic heading.
  title: [{ name: 'title:body-secondary-h1', selector: 'h1[data-type="body-secondary"]' }] satisfies Marker[],
};

export const webexAdapter = defineSiteAdapter({
  id: 'webex',
  name: 'Webex',
  matchPatterns: ['https://*.webex.com/*'],
  // WebRTC inside the frame; whether tracks are mixed or per person is unconfirmed (M3).
  remoteAudio: 'rtc-hook',
  // `<site>.webex.com/…` has no documented meeting path: any page but the root (M1).
  isMeetingUrl: (url) => url.pathname !== '/',
  uiFrames: ['#unified-webclient-iframe'],
  readPage: (probe) => ({
    phase: readPhase(probe, MARKERS.phase),
    muted: readMuted(probe, MARKERS.muted),
    participants: readCount(probe, MARKERS.participants),
    // L4's "speaking" rule reads aria-label "Unmuted…", which only says a mic is open: not used.
    speakers: [],
    title: readValue(probe, MARKERS.title),
  }),
});
