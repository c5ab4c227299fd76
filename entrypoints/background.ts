import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // Sessions, storage and tab-capture stream ids live here (docs/architecture.md).
});
