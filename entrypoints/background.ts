import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../extension/background';

export default defineBackground(() => {
  // Sessions, storage and tab-capture stream ids (extension/background/).
  startBackground();
});
