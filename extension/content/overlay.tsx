// Mounts the overlay view (components/overlay) in a shadow root on the meeting page and feeds it.
// The view stays a pure function of its props; this file turns the coach's picture and settings
// into those props and shows the overlay only during a call, where the person has not hidden it.
import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
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

/** The content script's stylesheet (entrypoints/content.ts, `cssInjectionMode: 'ui'`): WXT builds
 *  it and makes it readable by meeting pages' content scripts; it goes into the shadow root only. */
const OVERLAY_CSS_PATH = 'content-scripts/content.css';

/** The overlay's corner of the page: a custom element for the end of `<html>` whose open shadow
 *  root (end-to-end tests and assistive tooling read the view's data attributes) holds the
 *  stylesheet and the element the view renders into. WXT's shadow-root UI does the same with 8 kB
 *  more script in every meeting tab. */
async function createShadowHost(): Promise<{ host: HTMLElement; container: HTMLElement }> {
  const host = document.createElement(OVERLAY_HOST_TAG);
  const style = document.createElement('style');
  // Nothing of the page's styles reaches in; the view's own come after the reset.
  style.textContent = `:host{all:initial !important;}\n${await overlayCss()}`;
  const head = document.createElement('head');
  head.append(style);
  const container = document.createElement('body');
  // Key presses in the overlay (arrow keys move it) must not reach the meeting's shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress']) container.addEventListener(type, (e) => e.stopPropagation());
  const html = document.createElement('html');
  html.append(head, container);
  host.attachShadow({ mode: 'open' }).append(html);
  return { host, container };
}

async function overlayCss(): Promise<string> {
  try {
    return await (await fetch(new URL(OVERLAY_CSS_PATH, browser.runtime.getURL('/')))).text();
  } catch (error) {
    // Unstyled, the overlay still shows its figures and the call is still measured.
    console.warn('[listening-coach] overlay styles did not load', error);
    return '';
  }
}

export async function mountOverlay(ctx: ContentScriptContext, actions: OverlayActions): Promise<OverlayController> {
  let lastAnalysed = '';
  let lastDiscrete = '';
  let lastContinuous = '';
  let lastRenderMs = 0;
  const { host: overlayHost, container } = await createShadowHost();
  let root: Root | null = null;
  const shown = () => root !== null && overlayHost.isConnected;
  const remove = () => {
    root?.unmount();
    root = null;
    overlayHost.remove();
  };
  ctx.onInvalidated(remove);

  const controller: OverlayController = {
    update(picture) {
      const { status, settings, host } = picture;
      const inCall = status.state !== 'idle' && status.state !== 'unsupported';
      const visible = inCall && settings.overlay.visible && !settings.overlay.hiddenOn.includes(host);
      showAnalysed(picture.analysedSec);
      if (!visible) {
        if (root) remove();
        lastDiscrete = '';
        return;
      }
      const data = toOverlayData(picture);
      const discrete = discreteKey(data);
      const continuous = continuousKey(data);
      const nowMs = Date.now();
      if (shown() && discrete === lastDiscrete) {
        if (continuous === lastContinuous || nowMs - lastRenderMs < CONTINUOUS_RENDER_INTERVAL_MS) return;
      }
      lastDiscrete = discrete;
      lastContinuous = continuous;
      lastRenderMs = nowMs;
      try {
        // Appended again should the page have taken it out (a page that rebuilds its document).
        if (!overlayHost.isConnected) document.documentElement.append(overlayHost);
        root ??= createRoot(container);
        root.render(<Overlay data={data} actions={actions} />);
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
    const viewRoot = shown() ? container.querySelector('[data-state]') : null;
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
