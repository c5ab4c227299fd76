import { defineContentScript } from 'wxt/utils/define-content-script';
import { MEETING_MATCHES } from '../lib/sites/hosts';

export default defineContentScript({
  matches: MEETING_MATCHES,
  main() {},
});
