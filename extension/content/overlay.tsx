// Mounts the overlay view (components/overlay) in a shadow root on the meeting page and feeds it.
// The view stays a pure function of its props; this file turns the coach's picture and settings
// into those props and shows the overlay only during a call, where the person has not hidden it.
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Overlay, type OverlayActions, type OverlayData } from '../../components/overlay/overlay';
import type { Nudge } from '../../lib/coaching/nudges';
import { fairShare } from '../../lib/coaching/share';
import type { LiveState } from '../../lib/engine/types';
import type { PeopleView } from '../../lib/people/tracker';
import { meetingKindFor } from '../../lib/record/call-record';
import type { Settings } from '../../lib/settings';
import type { TabStatus } from '../messages';

/** Custom element hosting the shadow root (kebab-case, unlikely to clash with a page's). */
export const OVERLAY_HOST_TAG = 'listening-coach-overlay';

/** Live figures arrive ten times a second, but what the overlay shows changes far less often, and
 *  every repaint costs the page a frame (style, layout, paint, raster, compositing: more CPU than
 *  the whole engine). What must show at once — state, floor holder, counts, nudge, message,
 *  placement, a warning colour — renders at once; the share in whole percent and the turn clocks in
 *  whole seconds render when they change, at most once per this interval. Nothing renders in a
 *  silence that changes nothing. */
const CONTINUOUS_RENDER_INTERVAL_MS = 1000;

/** What the view shows that must appear without delay. */
function discreteKey(d: OverlayData): string {
  const live = d.live;
  const share = live?.talkShare ?? 0;
  const fair = fairShare(d.participants);
  return JSON.stringify([
    d.state,
    d.message,
    d.nudge,
    d.participants,
    d.targetShare,
    d.thresholds,
    d.collapsed,
    d.position,
    d.host,
    live === null,
    live?.floor,
    (live?.selfTurnSec ?? 0) >= d.thresholds.monologueSec,
    fair !== null && share > fair * d.thresholds.overShareFactor,
    live?.interruptionsBySelf,
    live?.interruptionsOfSelf,
    live?.backchannelsBySelf,
    d.people?.split ? [d.people.people.map((p) => p.name ?? p.label), d.people.notHeard] : (d.people?.reason ?? null),
  ]);
}

/** What the view shows that moves on its own: the share and the turn clocks, as displayed. */
function continuousKey(d: OverlayData): string {
  const live = d.live;
  const people = d.people?.split ? d.people.people.map((p) => Math.round(p.shareOfOthers * 100)).join(',') : '';
  return `${Math.round((live?.talkShare ?? 0) * 100)} ${Math.floor(live?.floorTurnSec ?? 0)} ${Math.floor(live?.selfTurnSec ?? 0)} ${people}`;
}

export interface OverlayPicture {
  status: TabStatus;
  live: LiveState | null;
  nudge: Nudge | null;
  people: PeopleView | null;
  participants: number | null;
  /** Seconds of call audio the engine has analysed so far (null: no call). */
  analysedSec: number | null;
  settings: Settings;
  host: string;
}

export interface OverlayController {
  update(picture: OverlayPicture): void;
}

export async function mountOverlay(ctx: ContentScriptContext, actions: OverlayActions): Promise<OverlayController> {
  let root: Root | null = null;
  let lastAnalysed = '';
  let lastDiscrete = '';
  let lastContinuous = '';
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

  const controller: OverlayController = {
    update(picture) {
      const { status, settings, host } = picture;
      const inCall = status.state !== 'idle' && status.state !== 'unsupported';
      const visible = inCall && settings.overlay.visible && !settings.overlay.hiddenOn.includes(host);
      showAnalysed(picture.analysedSec);
      if (!visible) {
        if (ui.mounted) ui.remove();
        lastDiscrete = '';
        return;
      }
      const data = toOverlayData(picture);
      const discrete = discreteKey(data);
      const continuous = continuousKey(data);
      const nowMs = Date.now();
      if (ui.mounted && discrete === lastDiscrete) {
        if (continuous === lastContinuous || nowMs - lastRenderMs < CONTINUOUS_RENDER_INTERVAL_MS) return;
      }
      lastDiscrete = discrete;
      lastContinuous = continuous;
      lastRenderMs = nowMs;
      try {
        if (!ui.mounted) ui.mount();
        root?.render(<Overlay data={data} actions={actions} />);
      } catch (error) {
        // The overlay is a view: if it breaks, the call is still measured and saved.
        console.warn('[listening-coach] overlay failed', error);
      }
    },
  };
  return controller;

  /** How much of the call the engine has heard, on the view's root element for tests and tools
   *  (whole seconds). Written straight to the element: no re-render for a number nobody reads. */
  function showAnalysed(analysedSec: number | null): void {
    const value = String(Math.floor(analysedSec ?? 0));
    const viewRoot = ui.mounted ? ui.uiContainer.querySelector('[data-state]') : null;
    if (!viewRoot || (value === lastAnalysed && viewRoot.getAttribute('data-analysed-sec') === value)) return;
    lastAnalysed = value;
    viewRoot.setAttribute('data-analysed-sec', value);
  }
}

function toOverlayData({ status, live, nudge, people, participants, settings, host }: OverlayPicture): OverlayData {
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
    people,
    collapsed: settings.overlay.collapsed,
    position: settings.overlay.position,
    message: status.message,
    host,
  };
}
