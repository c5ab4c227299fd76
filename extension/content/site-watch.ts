// Reads the site adapter whenever the page changes (DOM mutations, at most a few times a second)
// and once a second regardless, stopping with the content script's context.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** Mutations on a meeting page come in bursts of hundreds: read at most this often. */
const MIN_READ_INTERVAL_MS = 500;
/** A fallback for changes no mutation shows (a frame's content, a class flip the observer misses). */
const POLL_INTERVAL_MS = 1000;

export function watchPage(ctx: ContentScriptContext, read: () => void): void {
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    ctx.setTimeout(() => {
      scheduled = false;
      read();
    }, MIN_READ_INTERVAL_MS);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  ctx.onInvalidated(() => observer.disconnect());
  ctx.setInterval(read, POLL_INTERVAL_MS);
  ctx.addEventListener(window, 'wxt:locationchange', read);
  read();
}
