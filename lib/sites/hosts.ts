// Meeting hosts the content script is registered for. Narrow on purpose: no <all_urls>; other
// sites are added by the user at run time through optional host permissions.
export const MEETING_MATCHES = [
  'https://meet.google.com/*',
  'https://teams.microsoft.com/*',
  'https://teams.live.com/*',
  'https://teams.cloud.microsoft/*',
  'https://*.zoom.us/*',
  'https://*.webex.com/*',
  'https://meet.jit.si/*',
  'https://8x8.vc/*',
  'https://whereby.com/*',
  'https://*.whereby.com/*',
];
