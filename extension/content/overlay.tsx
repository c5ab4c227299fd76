// Mounts the overlay view (components/overlay) in a shadow root on the meeting page and feeds it.
// The view stays a pure function of its props; this file turns the coach's picture and settings
// into those props and shows the overlay only during a call, where the person has not hidden it.
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Overlay, type OverlayActions, type OverlayData } from '../../components/overlay/overlay';
import type { Nudge } from '../../lib/coaching/nudges';
import type { LiveState } from '../../lib/engine/types';
import { meetingKindFor } from '../../lib/record/call-record';
import type { Settings } from '../../lib/settings';
import type { TabStatus } from '../messages';

/** Custom element hosting the shadow root (kebab-case, unlikely to clash with a page's). */
export const OVERLAY_HOST_TAG = 'listening-coach-overlay';

/** Live figures arrive ten times a second; repainting the overlay that often cost more than all
 *  the rest of the coach together. What must show at once (state, floor holder, counts, nudge,
 *  message, placement) renders at once; the share bar and the turn clock at most this often. */
const MIN_RENDER_INTERVAL_MS = 500;

export interface OverlayPicture {
  status: TabStatus;
  live: LiveState | null;
  nudge: Nudge | null;
  participants: number | null;
  settings: Settings;
  host: string;
}

export interface OverlayController {
  update(picture: OverlayPicture): void;
}

export async function mountOverlay(ctx: ContentScriptContext, actions: OverlayActions): Promise<OverlayController> {
  let root: Root | null = null;
  let lastKey = '';
  let lastRenderMs = 0;
  const ui = await createShadowRootUi(ctx, {
    name: OVERLAY_HOST_TAG,
    position: 'inline',
    anchor: 'html',
    // Open: end-to-end tests (and assistive tech tooling) read the overlay's data attributes.
    mode: 'open',
    // Key presses in the overlay (arrow keys move it) must not reach the meeting's shortcuts.
    isolateEvents: true,
    onMount(container) {
      root = createRoot(container);
      return root;
    },
    onRemove(mounted) {
      mounted?.unmount();
      root = null;
    },
  });

  return {
    update(picture) {
      const { status, settings, host } = picture;
      const inCall = status.state !== 'idle' && status.state !== 'unsupported';
      const visible = inCall && settings.overlay.visible && !settings.overlay.hiddenOn.includes(host);
      if (!visible) {
        if (ui.mounted) ui.remove();
        lastKey = '';
        return;
      }
      const { live, nudge, participants } = picture;
      const key = JSON.stringify([
        status.state,
        status.message,
        live?.floor,
        live?.interruptionsBySelf,
        live?.interruptionsOfSelf,
        live?.backchannelsBySelf,
        nudge?.text,
        participants,
        settings.overlay,
      ]);
      const nowMs = Date.now();
      if (key === lastKey && nowMs - lastRenderMs < MIN_RENDER_INTERVAL_MS) return;
      lastKey = key;
      lastRenderMs = nowMs;
      try {
        if (!ui.mounted) ui.mount();
        root?.render(<Overlay data={toOverlayData(picture)} actions={actions} />);
      } catch (error) {
        // The overlay is a view: if it breaks, the call is still measured and saved.
        console.warn('[listening-coach] overlay failed', error);
      }
    },
  };
}

function toOverlayData({ status, live, nudge, participants, settings, host }: OverlayPicture): OverlayData {
  return {
    state: status.state,
    live,
    participants,
    targetShare: settings.targetShare[meetingKindFor(participants)],
    thresholds: {
      monologueSec: settings.nudges.monologue.threshold,
      overShareFactor: settings.nudges['over-share'].threshold,
    },
    nudge,
    collapsed: settings.overlay.collapsed,
    position: settings.overlay.position,
    message: status.message,
    host,
  };
}
