import { defineContentScript } from 'wxt/utils/define-content-script';
import { MeetingCoach } from '../extension/content/meeting-coach';
import { MEETING_MATCHES } from '../lib/sites/hosts';

export default defineContentScript({
  matches: MEETING_MATCHES,
  // The overlay's CSS goes into its shadow root, never into the meeting page.
  cssInjectionMode: 'ui',
  main(ctx) {
    return MeetingCoach.run(ctx);
  },
});
