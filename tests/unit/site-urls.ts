// A meeting page URL per site, shared by the site tests: fixture pages are read as if served there.
export const SITE_URLS = {
  meet: 'https://meet.google.com/abc-defg-hij',
  teams: 'https://teams.microsoft.com/v2/#/meet/19:meeting_abc@thread.v2',
  zoom: 'https://app.zoom.us/wc/81234567890/join',
  webex: 'https://acme.webex.com/meet/ana.lopez',
  jitsi: 'https://meet.jit.si/ListeningCoachDemo',
  whereby: 'https://whereby.com/listening-coach',
  custom: 'https://meet.example.org/room/42',
} as const;

/** The origin the tests add as a custom site. */
export const CUSTOM_SITE = 'https://meet.example.org';
