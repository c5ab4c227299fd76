// The in-meeting overlay: my live talk share against the fair share, who holds the floor, my
// current turn, the coach's state and the current nudge. A view: everything comes in as props
// (the content script mounts it in a shadow root of its own, extension/content/overlay.tsx, and
// supplies real data and actions; tests supply fakes). Its styles live in overlay.css, injected into the same shadow root.
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { LiveState } from '../../lib/engine/types';
import type { Nudge } from '../../lib/coaching/nudges';
import { formatClock, formatPercent } from '../../lib/coaching/format';
import { fairShare } from '../../lib/coaching/share';
import type { MessageKey } from '../../lib/coaching/text';
import type { PeopleView } from '../../lib/people/tracker';
import type { CoachState } from '../../extension/messages';
import { stateLabel } from '../coach-state-labels';
import { noSplitText, notHeardText, personName } from '../people-labels';
import { say, t } from '../say';
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
  /** Who else spoke (lib/people): per person, or why this call gives no split; null before a call. */
  people: PeopleView | null;
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
const STATE_HELP: Partial<Record<CoachState, MessageKey>> = {
  'mic-denied': 'overlay.help.micDenied',
  unsupported: 'overlay.help.unsupported',
  limited: 'overlay.help.limited',
  paused: 'overlay.help.paused',
  muted: 'overlay.help.muted',
};

function stateHelp(state: CoachState): string | null {
  const key = STATE_HELP[state];
  return key ? say({ key }) : null;
}

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
  if (!live || live.floor === null) return t('floor.nobody');
  return live.floor === 'self'
    ? t('floor.self', [formatClock(live.floorTurnSec)])
    : t('floor.others', [formatClock(live.floorTurnSec)]);
}

/** `data-people` on the root: each person's share of the others' talk, and their name where the
 *  page showed it (as the bars do), for tests and tools. */
function peopleAttribute(people: PeopleView | null): string {
  return JSON.stringify(
    people?.split
      ? people.people.map((p) => ({ label: p.label, ...(p.name ? { name: p.name } : {}), talkShare: p.shareOfOthers }))
      : [],
  );
}

/** One small bar per person who spoke (share of the others' talk), then who has not spoken yet. In
 *  a group call without a split, one plain line says why. */
function PeopleBars({ people, participants }: { people: PeopleView | null; participants: number | null }) {
  if (!people) return null;
  if (!people.split) {
    return participants !== null && participants > 2 ? (
      <p className="lc-line lc-muted">{noSplitText(people.reason)}</p>
    ) : null;
  }
  const { notHeard } = people;
  if (people.people.length === 0 && notHeard.count === 0) return null;
  return (
    <div className="lc-people" role="group" aria-label={t('overlay.people.title')}>
      <ul>
        {people.people.map((person, i) => {
          const who = personName(person, i);
          return (
            <li
              key={person.label}
              aria-label={t('overlay.people.personShare', [who, formatPercent(person.shareOfOthers)])}
            >
              <span className="lc-person-name" aria-hidden="true">
                {who}
              </span>
              <span className="lc-person-bar" aria-hidden="true">
                <span style={{ width: `${Math.min(100, person.shareOfOthers * 100)}%` }} />
              </span>
              <span className="lc-person-share" aria-hidden="true">
                {formatPercent(person.shareOfOthers)}
              </span>
            </li>
          );
        })}
      </ul>
      {notHeard.count > 0 && <p className="lc-line lc-muted">{notHeardText(notHeard.count)}</p>}
    </div>
  );
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
  const help = data.message ?? stateHelp(state);
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

  const shareLabel =
    fair === null
      ? t('overlay.shareLabelTarget', [formatPercent(share), formatPercent(data.targetShare)])
      : t('overlay.shareLabelFair', [formatPercent(share), formatPercent(fair)]);

  return (
    <div
      ref={rootRef}
      className={`lc-overlay${data.collapsed ? ' lc-collapsed' : ''}`}
      style={position ? { left: position.x, top: position.y } : undefined}
      role="region"
      aria-label={t('extName')}
      data-state={state}
      data-talk-share={share.toFixed(3)}
      data-interruptions-by-self={live?.interruptionsBySelf ?? 0}
      data-interruptions-of-self={live?.interruptionsOfSelf ?? 0}
      data-backchannels-by-self={live?.backchannelsBySelf ?? 0}
      data-people={peopleAttribute(data.people)}
      data-people-split={data.people ? (data.people.split ? 'people' : data.people.reason) : undefined}
    >
      <div className="lc-header">
        <button
          type="button"
          className="lc-handle"
          aria-label={t('overlay.move')}
          title={t('overlay.moveTitle')}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onHandleKey}
        >
          <span aria-hidden="true" className="lc-grip">
            ⠿
          </span>
        </button>
        <span className={`lc-dot lc-dot-${state}`} aria-hidden="true" />
        <span className="lc-state">{data.collapsed && measuring ? formatPercent(share) : stateLabel(state)}</span>
        <button
          type="button"
          className="lc-icon-button"
          aria-expanded={!data.collapsed}
          aria-label={data.collapsed ? t('overlay.expand') : t('overlay.collapse')}
          onClick={() => actions.setCollapsed(!data.collapsed)}
        >
          <span aria-hidden="true">{data.collapsed ? '▴' : '▾'}</span>
        </button>
        <button
          type="button"
          className="lc-icon-button"
          aria-label={t('overlay.hideOn', [data.host])}
          title={t('overlay.hideOnTitle', [data.host])}
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
                    {t('share.you')} <strong>{formatPercent(share)}</strong>
                  </span>
                  <span className="lc-muted">
                    {fair === null
                      ? t('share.targetShort', [formatPercent(data.targetShare)])
                      : t('share.fairShort', [formatPercent(fair)])}
                  </span>
                </div>
                <div className="lc-bar" aria-hidden="true">
                  <div
                    className={`lc-bar-fill${overShare ? ' lc-warn' : ''}`}
                    style={{ width: `${Math.min(100, share * 100)}%` }}
                  />
                  <div className="lc-bar-mark" style={{ left: `${(fair ?? data.targetShare) * 100}%` }} />
                </div>
              </div>
              <p className="lc-line">{floorText(live)}</p>
              <PeopleBars people={data.people} participants={data.participants} />
              {live?.floor === 'self' && (
                <p className={`lc-line${longTurn ? ' lc-warn-text' : ''}`}>
                  {t('floor.yourTurn', [formatClock(live.selfTurnSec)])}
                </p>
              )}
              <dl className="lc-counts">
                <div>
                  <dt>{t('figure.interruptionsBySelf.label')}</dt>
                  <dd>{live?.interruptionsBySelf ?? 0}</dd>
                </div>
                <div>
                  <dt>{t('figure.interruptionsOfSelf.label')}</dt>
                  <dd>{live?.interruptionsOfSelf ?? 0}</dd>
                </div>
                <div>
                  <dt>{t('figure.backchannels.label')}</dt>
                  <dd>{live?.backchannelsBySelf ?? 0}</dd>
                </div>
              </dl>
            </>
          )}
          {help && <p className={`lc-help${state === 'mic-denied' ? ' lc-help-alert' : ''}`}>{help}</p>}
          {(measuring || state === 'paused') && (
            <button type="button" className="lc-text-button" onClick={() => actions.setPaused(!paused)}>
              {paused ? t('coach.resume') : t('coach.pause')}
            </button>
          )}
        </div>
      )}

      {/* Always present so screen readers announce a nudge when it appears. */}
      <div className="lc-nudge-region" role="status" aria-live="polite">
        {data.nudge && (
          <div className={`lc-nudge lc-nudge-${data.nudge.tone}`}>
            <p>{say(data.nudge.text)}</p>
            <button
              type="button"
              className="lc-icon-button"
              aria-label={t('overlay.dismissNudge')}
              onClick={actions.dismissNudge}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
