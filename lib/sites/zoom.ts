// Zoom web client (app.zoom.us and company subdomains). The UI is either in the top document or in a
// same-origin `iframe#webclient` (T3, S3): both are read. Its markers are mostly English labels.
// Sources and dates: docs/sites.md, "Sources" ("last seen" = newest commit still using a marker).
import {
  defineSiteAdapter,
  distinctNames,
  readCount,
  readMuted,
  readPhase,
  SCREEN_COPY,
  type MuteMarker,
  type PhaseMarkers,
} from './adapter';
import type { Marker, MarkerProbe } from './dom';

export const MARKERS = {
  phase: {
    ended: [
      // V9, V10 2026-06: the end-of-meeting modal, then the removal copy on a screen (EN).
      {
        name: 'ended:modal-title',
        selector: '.zm-modal-body-title',
        pattern: /meeting has been ended by host|removed from the meeting/i,
      },
      {
        name: 'ended:screen-text',
        selector: SCREEN_COPY,
        pattern: /this meeting has been ended by host|you have been removed/i,
      },
    ],
    lobby: [
      // V9, V10 2026-07: the waiting room is text only, inside `.meeting-app` like the call (EN).
      {
        name: 'lobby:waiting-text',
        selector: `.meeting-app :is(${SCREEN_COPY})`,
        pattern: /the meeting host will let you in soon|host has joined\. we've let them know you're here/i,
      },
      // V9 2026-06: the pre-join form, React client then classic client.
      { name: 'lobby:name-input', selector: '#input-for-name, #inputname' },
      { name: 'lobby:join-button', selector: 'button.preview-join-button, #joinBtn' },
    ],
    inCall: [
      // V9, T3 2026-07: the footer's Leave button and its container, the audio options menu. The
      // idle footer gets `.footer__hidden` (whether that takes it out of the layout is unknown)…
      { name: 'in-call:leave-button-en', selector: 'button[aria-label="Leave"]' },
      { name: 'in-call:leave-container', selector: '.footer__leave-btn-container' },
      { name: 'in-call:audio-menu', selector: '#audioOptionMenu' },
      // …so the call's video frames too (V12, L3 2026-06), which only the meeting view shows.
      {
        name: 'in-call:video-frame',
        selector:
          '.speaker-active-container__video-frame, .speaker-bar-container__video-frame, .gallery-video-container__video-frame',
      },
    ],
    lobbyControls: [],
  } satisfies PhaseMarkers,
  muted: [
    // L3 2026-04 (EN): the footer mic button's label names the action.
    { name: 'muted:footer-label-en', selector: '.footer-button-base__button-label', pattern: /^unmute$/i, muted: true },
    {
      name: 'unmuted:footer-label-en',
      selector: '.footer-button-base__button-label',
      pattern: /^mute$/i,
      muted: false,
    },
    // V9 2026-06 (EN): the preview's mic button on the pre-join screen.
    { name: 'muted:preview-label-en', selector: '#preview-audio-control-button[aria-label="Unmute" i]', muted: true },
    { name: 'unmuted:preview-label-en', selector: '#preview-audio-control-button[aria-label="Mute" i]', muted: false },
  ] satisfies MuteMarker[],
  participants: [
    // S3 2026-06 (EN): the footer shows "N Participants"; V11: the participants button's label.
    { name: 'count:footer-text-en', selector: '#wc-footer', pattern: /(\d+)\s*participants?\b/i },
    {
      name: 'count:participants-label-en',
      selector: '[aria-label*="participants list" i]',
      attribute: 'aria-label',
      pattern: /(\d+)/,
    },
  ] satisfies Marker[],
  // V12, L3 2026-06: the frame of the active speaker in speaker, speaker-bar and gallery views.
  speakingFrame: [
    { name: 'speaking:active-speaker-frame', selector: '.speaker-active-container__video-frame' },
    { name: 'speaking:speaker-bar-active', selector: '.speaker-bar-container__video-frame--active' },
    { name: 'speaking:gallery-active', selector: '.gallery-video-container__video-frame--active' },
  ] satisfies Marker[],
  // V12, L3 2026-06: the name on a tile, then the avatar's alt text.
  tileName: [
    { name: 'name:avatar-footer', selector: '.video-avatar__avatar-footer span', pattern: /^(.+)$/ },
    { name: 'name:avatar-name', selector: '.video-avatar__avatar-name', pattern: /^(.+)$/ },
    { name: 'name:avatar-alt', selector: 'img.video-avatar__avatar-img[alt]', attribute: 'alt', pattern: /^(.+)$/ },
  ] satisfies Marker[],
};

function readSpeakers(probe: MarkerProbe): string[] {
  const frames = MARKERS.speakingFrame.flatMap((marker) => probe.findAll(marker));
  for (const frame of frames) probe.note(frame.marker.name);
  return distinctNames(frames.map((frame) => probe.within(frame.element).first(MARKERS.tileName)?.value));
}

export const zoomAdapter = defineSiteAdapter({
  id: 'zoom',
  name: 'Zoom',
  matchPatterns: ['https://*.zoom.us/*'],
  // Unconfirmed whether app.zoom.us has per-participant WebRTC audio (sites.md conflict): tab capture.
  remoteAudio: 'tab-capture',
  // `/wc/<id>/join` (React), `/wc/join/<id>` (classic), `/wc/<id>/start`; `/j/<id>` is only a launcher (V9, V10, T3).
  isMeetingUrl: (url) => /^\/wc\/(?:join\/)?\d+/.test(url.pathname),
  uiFrames: ['iframe#webclient'],
  readPage: (probe) => ({
    phase: readPhase(probe, MARKERS.phase),
    muted: readMuted(probe, MARKERS.muted),
    participants: readCount(probe, MARKERS.participants),
    speakers: readSpeakers(probe),
    // No source shows the meeting topic in the web client's DOM (L3 reads it from MAIN-world MeetingConfig).
    title: null,
  }),
});
