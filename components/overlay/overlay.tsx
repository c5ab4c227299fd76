// The in-meeting overlay: my live talk share against the fair share, who holds the floor, my
// current turn, the coach's state and the current nudge. A view: everything comes in as props
// (the content script mounts it in a shadow root with createShadowRootUi and supplies real data and
// actions; tests supply fakes). Its styles live in overlay.css, injected into the same shadow root.
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { LiveState } from '../../lib/engine/types';
import type { Nudge } from '../../lib/coaching/nudges';
import { formatClock, formatPercent } from '../../lib/coaching/format';
import { fairShare } from '../../lib/coaching/share';
import type { CoachState } from '../../extension/messages';
import { STATE_LABELS } from '../coach-state-labels';
import './overlay.css';

export interface OverlayPosition {
  x: number;
  y: number;
}

export interface OverlayData {
  state: CoachState;
  /** null before the first live update. */
  live: LiveState | null;
  /** Participants including me, null when the page does not show it. */
  participants: number | null;
  /** My target talk share for this kind of meeting. */
  targetShare: number;
  /** From the nudge settings: the turn counter warns from `monologueSec`, the share bar above
   *  `overShareFactor` × the fair share. */
  thresholds: { monologueSec: number; overShareFactor: number };
  nudge: Nudge | null;
  collapsed: boolean;
  /** Top-left corner in CSS pixels; null = the default corner (bottom right). */
  position: OverlayPosition | null;
  /** A plain sentence when something needs the person's action (TabStatus.message). */
  message: string | null;
  /** This page's host, for "Hide on meet.google.com". */
  host: string;
}

export interface OverlayActions {
  dismissNudge(): void;
  setCollapsed(collapsed: boolean): void;
  /** The person moved the overlay (drag or arrow keys): remember the place. */
  move(position: OverlayPosition): void;
  hideOnThisSite(): void;
  setPaused(paused: boolean): void;
}

export interface OverlayProps {
  data: OverlayData;
  actions: OverlayActions;
}

/** What to tell the person in each state when the pipeline sent no message of its own. */
const STATE_HELP: Partial<Record<CoachState, string>> = {
  'mic-denied':
    'Allow the microphone for this site: click the icon at the left of the address bar, turn Microphone on, then reload the page.',
  unsupported: 'Listening Coach is not on for this site. You can add it in the settings.',
  limited: 'This page could not be read, so mute state and participants are unknown. Figures come from audio alone.',
  paused: 'Coaching is paused: nothing is measured until you resume.',
  muted: 'You are muted: what you say now does not count as talk.',
};

/** Arrow keys move the overlay by this much; with Shift, by the larger step. */
const KEY_STEP_PX = 10;
const KEY_STEP_LARGE_PX = 50;
/** Keep at least this much of the overlay on screen. */
const EDGE_PX = 8;

function clampToViewport(pos: OverlayPosition, el: HTMLElement | null): OverlayPosition {
  const width = el?.offsetWidth ?? 0;
  const height = el?.offsetHeight ?? 0;
  const maxX = Math.max(EDGE_PX, window.innerWidth - width - EDGE_PX);
  const maxY = Math.max(EDGE_PX, window.innerHeight - height - EDGE_PX);
  return {
    x: Math.round(Math.min(maxX, Math.max(EDGE_PX, pos.x))),
    y: Math.round(Math.min(maxY, Math.max(EDGE_PX, pos.y))),
  };
}

function floorText(live: LiveState | null): string {
  if (!live || live.floor === null) return 'Nobody has the floor';
  return live.floor === 'self'
    ? `You have the floor · ${formatClock(live.floorTurnSec)}`
    : `Others have the floor · ${formatClock(live.floorTurnSec)}`;
}

export function Overlay({ data, actions }: OverlayProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  // While dragging, the position lives here (smooth), and is saved once on release.
  const [dragPosition, setDragPosition] = useState<OverlayPosition | null>(null);
  const dragOffset = useRef<OverlayPosition | null>(null);

  const { live, state } = data;
  const share = live?.talkShare ?? 0;
  const fair = fairShare(data.participants);
  const position = dragPosition ?? data.position;
  const measuring = state === 'listening' || state === 'muted' || state === 'limited';
  const help = data.message ?? STATE_HELP[state] ?? null;
  const overShare = fair !== null && share > fair * data.thresholds.overShareFactor;
  const longTurn = (live?.selfTurnSec ?? 0) >= data.thresholds.monologueSec;
  const paused = state === 'paused';

  function currentTopLeft(): OverlayPosition {
    const rect = rootRef.current?.getBoundingClientRect();
    return { x: rect?.left ?? 0, y: rect?.top ?? 0 };
  }

  function onPointerDown(event: PointerEvent<HTMLButtonElement>) {
    if (event.button !== 0) return;
    const topLeft = currentTopLeft();
    dragOffset.current = { x: event.clientX - topLeft.x, y: event.clientY - topLeft.y };
    event.currentTarget.setPointerCapture(event.pointerId);
  }

  function onPointerMove(event: PointerEvent<HTMLButtonElement>) {
    const offset = dragOffset.current;
    if (!offset) return;
    setDragPosition(clampToViewport({ x: event.clientX - offset.x, y: event.clientY - offset.y }, rootRef.current));
  }

  function onPointerUp(event: PointerEvent<HTMLButtonElement>) {
    if (!dragOffset.current) return;
    dragOffset.current = null;
    event.currentTarget.releasePointerCapture(event.pointerId);
    if (dragPosition) actions.move(dragPosition);
    setDragPosition(null);
  }

  function onHandleKey(event: KeyboardEvent<HTMLButtonElement>) {
    const step = event.shiftKey ? KEY_STEP_LARGE_PX : KEY_STEP_PX;
    const delta: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = delta[event.key];
    if (!move) return;
    event.preventDefault();
    const from = position ?? currentTopLeft();
    actions.move(clampToViewport({ x: from.x + move[0], y: from.y + move[1] }, rootRef.current));
  }

  const shareLabel = fair === null
    ? `Your talk share ${formatPercent(share)}; your target ${formatPercent(data.targetShare)}`
    : `Your talk share ${formatPercent(share)}; fair share ${formatPercent(fair)}`;

  return (
    <div
      ref={rootRef}
      className={`lc-overlay${data.collapsed ? ' lc-collapsed' : ''}`}
      style={position ? { left: position.x, top: position.y } : undefined}
      role="region"
      aria-label="Listening Coach"
      data-state={state}
      data-talk-share={share.toFixed(3)}
      data-interruptions-by-self={live?.interruptionsBySelf ?? 0}
      data-interruptions-of-self={live?.interruptionsOfSelf ?? 0}
      data-backchannels-by-self={live?.backchannelsBySelf ?? 0}
    >
      <div className="lc-header">
        <button
          type="button"
          className="lc-handle"
          aria-label="Move Listening Coach (arrow keys)"
          title="Drag to move, or use the arrow keys"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onHandleKey}
        >
          <span aria-hidden="true" className="lc-grip">⠿</span>
        </button>
        <span className={`lc-dot lc-dot-${state}`} aria-hidden="true" />
        <span className="lc-state">{data.collapsed && measuring ? formatPercent(share) : STATE_LABELS[state]}</span>
        <button
          type="button"
          className="lc-icon-button"
          aria-expanded={!data.collapsed}
          aria-label={data.collapsed ? 'Show details' : 'Collapse'}
          onClick={() => actions.setCollapsed(!data.collapsed)}
        >
          <span aria-hidden="true">{data.collapsed ? '▴' : '▾'}</span>
        </button>
        <button
          type="button"
          className="lc-icon-button"
          aria-label={`Hide on ${data.host}`}
          title={`Hide on ${data.host} (turn it back on in the settings)`}
          onClick={actions.hideOnThisSite}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>

      {!data.collapsed && (
        <div className="lc-body">
          {measuring && (
            <>
              <div className="lc-share" role="img" aria-label={shareLabel}>
                <div className="lc-share-text" aria-hidden="true">
                  <span>
                    You <strong>{formatPercent(share)}</strong>
                  </span>
                  <span className="lc-muted">
                    {fair === null ? `target ${formatPercent(data.targetShare)}` : `fair ${formatPercent(fair)}`}
                  </span>
                </div>
                <div className="lc-bar" aria-hidden="true">
                  <div className={`lc-bar-fill${overShare ? ' lc-warn' : ''}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
                  <div className="lc-bar-mark" style={{ left: `${(fair ?? data.targetShare) * 100}%` }} />
                </div>
              </div>
              <p className="lc-line">{floorText(live)}</p>
              {live?.floor === 'self' && (
                <p className={`lc-line${longTurn ? ' lc-warn-text' : ''}`}>Your turn {formatClock(live.selfTurnSec)}</p>
              )}
              <dl className="lc-counts">
                <div>
                  <dt>I interrupted</dt>
                  <dd>{live?.interruptionsBySelf ?? 0}</dd>
                </div>
                <div>
                  <dt>Interrupted me</dt>
                  <dd>{live?.interruptionsOfSelf ?? 0}</dd>
                </div>
                <div>
                  {/* A non-breaking hyphen: "mm-" and "hms" must not part. */}
                  <dt>My mm‑hms</dt>
                  <dd>{live?.backchannelsBySelf ?? 0}</dd>
                </div>
              </dl>
            </>
          )}
          {help && <p className={`lc-help${state === 'mic-denied' ? ' lc-help-alert' : ''}`}>{help}</p>}
          {(measuring || state === 'paused') && (
            <button type="button" className="lc-text-button" onClick={() => actions.setPaused(!paused)}>
              {paused ? 'Resume coaching' : 'Pause coaching'}
            </button>
          )}
        </div>
      )}

      {/* Always present so screen readers announce a nudge when it appears. */}
      <div className="lc-nudge-region" role="status" aria-live="polite">
        {data.nudge && (
          <div className={`lc-nudge lc-nudge-${data.nudge.tone}`}>
            <p>{data.nudge.text}</p>
            <button type="button" className="lc-icon-button" aria-label="Dismiss tip" onClick={actions.dismissNudge}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
