import { defineContentScript } from 'wxt/utils/define-content-script';
import { installRtcHook } from '../extension/capture/rtc-hook';
import { MEETING_MATCHES } from '../lib/sites/hosts';

// Before the page makes its first RTCPeerConnection, in every frame (Zoom and Webex run the call
// in iframes): see extension/capture/rtc-hook.ts.
export default defineContentScript({
  matches: MEETING_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    installRtcHook(window);
  },
});
