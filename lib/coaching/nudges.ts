// The in-meeting nudge policy: a pure state machine, stepped with each live update.
// Input: the live picture, events the engine finalised since the last step, settings, the time.
// Output: at most one nudge at a time. Nudges are rare and gentle (a cooldown between any two,
// nothing in quiet mode or while muted), and some are praise: a coach that only scolds gets hidden.
// Thresholds: shared/docs/metrics.md (monologue ~75 s gentle, 120 s stronger; over-share above
// 1.5 × fair share; praise when someone else's turn reaches 2 min); users tune them in settings.
import type { ConversationEvent, LiveState } from '../engine/types';
import type { Settings } from '../settings';
import { formatDuration, formatPercent } from './format';
import { fairShare, shareReference } from './share';
import { pluralText, text, type Text } from './text';

export type NudgeKind =
  'monologue' | 'monologue-strong' | 'interruption' | 'over-share' | 'let-finish' | 'backchannel' | 'inclusion';

export interface Nudge {
  kind: NudgeKind;
  /** 'praise' for the positive ones; 'firm' only for the second monologue step. */
  tone: 'gentle' | 'firm' | 'praise';
  /** Said by the overlay in the browser's language (components/say.ts). */
  text: Text;
  shownAtMs: number;
}

export type NudgeSettings = Pick<Settings, 'nudges' | 'quiet' | 'nudgeCooldownSec'>;

export interface NudgeInput {
  live: LiveState;
  /** Events finalised since the previous step (Engine.takeEvents()). */
  events: ConversationEvent[];
  settings: NudgeSettings;
  /** Participants including me, null when unknown. */
  participants: number | null;
  /** My target talk share for this meeting kind: the yardstick when the participant count is unknown. */
  targetShare: number;
  /** People in the call who have not spoken within the inclusion threshold (lib/people); null
   *  when the call's audio cannot tell people apart. */
  quietPeople?: number | null;
  nowMs: number;
}

export interface NudgeState {
  current: Nudge | null;
  /** When the last nudge appeared (cooldown runs from here), null before the first. */
  lastShownAtMs: number | null;
  /** Monologue steps already shown in my current turn: 0 none, 1 gentle, 2 strong. */
  monologueStep: 0 | 1 | 2;
  selfTurnSec: number;
  /** The other side's current (or just ended) turn, and what I did during it. */
  othersTurnSec: number;
  interruptedOthersTurn: boolean;
  backchannelsThisOthersTurn: number;
  /** Their turn that just ended uninterrupted, waiting for confirmation before praise. */
  finishedStory: { sec: number; endedAtMs: number } | null;
  /** My interruptions not yet answered by a nudge (the 'interruption' threshold counts these). */
  interruptionsPending: number;
  lastOverShareAtMs: number | null;
  lastBackchannelPraiseAtMs: number | null;
  lastInclusionAtMs: number | null;
}

/** How long a nudge stays before it leaves by itself. */
export const NUDGE_VISIBLE_MS = 20_000;
/** The stronger monologue step, relative to the gentle threshold: 75 s → 120 s (metrics.md). */
export const MONOLOGUE_STRONG_FACTOR = 1.6;
/** Talk share is noise early on: judge it only after this much call time and this much speech. */
export const OVER_SHARE_MIN_CALL_SEC = 5 * 60;
export const OVER_SHARE_MIN_SPEECH_SEC = 2 * 60;
/** The same reminder at most this often, however long the call. */
export const OVER_SHARE_REPEAT_MS = 15 * 60_000;
export const BACKCHANNEL_PRAISE_REPEAT_MS = 30 * 60_000;
/** Someone left out is pointed at once per this long at most (and once per threshold). */
export const INCLUSION_REPEAT_MS = 20 * 60_000;
/** Interruption events arrive up to 2 s after their onset (metrics.md): wait a little longer. */
export const STORY_CONFIRM_MS = 3_000;
/** A turn shorter than the one before by more than this is a new turn (live figures jitter). */
const NEW_TURN_DROP_SEC = 0.5;

export function initialNudgeState(): NudgeState {
  return {
    current: null,
    lastShownAtMs: null,
    monologueStep: 0,
    selfTurnSec: 0,
    othersTurnSec: 0,
    interruptedOthersTurn: false,
    backchannelsThisOthersTurn: 0,
    finishedStory: null,
    interruptionsPending: 0,
    lastOverShareAtMs: null,
    lastBackchannelPraiseAtMs: null,
    lastInclusionAtMs: null,
  };
}

/** The person closed the nudge: it goes, and the cooldown keeps running from when it appeared. */
export function dismissNudge(state: NudgeState): NudgeState {
  return { ...state, current: null };
}

type Candidate = Omit<Nudge, 'shownAtMs'>;

export function stepNudges(prev: NudgeState, input: NudgeInput): NudgeState {
  const { live, events, settings, nowMs } = input;
  const s: NudgeState = { ...prev };

  // 1. Follow the turns, whatever is shown: memory must be right when quiet mode ends.
  const selfHolds = live.floor === 'self';
  const othersHold = live.floor === 'others';
  const selfTurn = selfHolds ? live.selfTurnSec : 0;
  if (selfTurn < s.selfTurnSec - NEW_TURN_DROP_SEC || !selfHolds) s.monologueStep = 0;
  s.selfTurnSec = selfTurn;

  const othersTurn = othersHold ? live.floorTurnSec : 0;
  if (s.othersTurnSec > 0 && othersTurn < s.othersTurnSec - NEW_TURN_DROP_SEC) {
    // Their turn ended. Praise waits for confirmation: the engine finalises an interruption only
    // after the floor has changed, so the event that shows I cut in may still be on its way.
    if (!s.interruptedOthersTurn) s.finishedStory = { sec: s.othersTurnSec, endedAtMs: nowMs };
    s.interruptedOthersTurn = false;
    s.backchannelsThisOthersTurn = 0;
  }
  s.othersTurnSec = othersTurn;
  let newInterruptions = 0;
  for (const e of events) {
    if (e.by !== 'self') continue;
    if (e.type === 'backchannel') {
      s.backchannelsThisOthersTurn++;
      continue;
    }
    if (e.type === 'interruption') newInterruptions++;
    // A talk-over leaves them the floor (their turn goes on); an interruption ended it.
    if (othersHold) s.interruptedOthersTurn = true;
    s.finishedStory = null;
  }
  s.interruptionsPending += newInterruptions;
  let storyPraiseSec = 0;
  if (s.finishedStory && nowMs - s.finishedStory.endedAtMs >= STORY_CONFIRM_MS) {
    storyPraiseSec = s.finishedStory.sec;
    s.finishedStory = null;
  }

  // 2. The shown nudge leaves after a while, and a monologue nudge as soon as I hand over.
  if (s.current && nowMs - s.current.shownAtMs >= NUDGE_VISIBLE_MS) s.current = null;
  if (s.current && s.current.kind.startsWith('monologue') && !selfHolds) s.current = null;

  if (settings.quiet || live.muted) {
    // Nothing new while quiet or muted; stale event counts must not fire later.
    s.current = settings.quiet ? null : s.current;
    s.interruptionsPending = 0;
    s.finishedStory = null;
    return s;
  }

  // 3. Pick the most important candidate.
  const n = settings.nudges;
  const candidates: Candidate[] = [];
  if (n.interruption.enabled && newInterruptions > 0 && s.interruptionsPending >= n.interruption.threshold) {
    candidates.push({
      kind: 'interruption',
      tone: 'gentle',
      text: text('nudge.interruption'),
    });
  }
  const strongSec = n.monologue.threshold * MONOLOGUE_STRONG_FACTOR;
  if (n.monologue.enabled && selfHolds && selfTurn >= strongSec && s.monologueStep < 2) {
    candidates.push({
      kind: 'monologue-strong',
      tone: 'firm',
      text: text('nudge.monologueStrong', formatDuration(selfTurn)),
    });
  } else if (n.monologue.enabled && selfHolds && selfTurn >= n.monologue.threshold && s.monologueStep < 1) {
    candidates.push({
      kind: 'monologue',
      tone: 'gentle',
      text: text('nudge.monologue', formatDuration(selfTurn)),
    });
  }
  const reference = shareReference(input.participants, input.targetShare);
  if (
    n['over-share'].enabled &&
    live.timeSec >= OVER_SHARE_MIN_CALL_SEC &&
    live.selfSpeechSec + live.othersSpeechSec >= OVER_SHARE_MIN_SPEECH_SEC &&
    live.talkShare > n['over-share'].threshold * reference &&
    (s.lastOverShareAtMs === null || nowMs - s.lastOverShareAtMs >= OVER_SHARE_REPEAT_MS)
  ) {
    candidates.push({
      kind: 'over-share',
      tone: 'gentle',
      text: text(
        fairShare(input.participants) === null ? 'nudge.overShareTarget' : 'nudge.overShare',
        formatPercent(live.talkShare),
        formatPercent(reference),
      ),
    });
  }
  if (n['let-finish'].enabled && storyPraiseSec >= n['let-finish'].threshold) {
    candidates.push({
      kind: 'let-finish',
      tone: 'praise',
      text: text('nudge.letFinish', formatDuration(storyPraiseSec)),
    });
  }
  if (
    n.backchannel.enabled &&
    othersHold &&
    s.backchannelsThisOthersTurn >= n.backchannel.threshold &&
    (s.lastBackchannelPraiseAtMs === null || nowMs - s.lastBackchannelPraiseAtMs >= BACKCHANNEL_PRAISE_REPEAT_MS)
  ) {
    candidates.push({
      kind: 'backchannel',
      tone: 'praise',
      text: text('nudge.backchannel'),
    });
  }

  const quiet = input.quietPeople ?? 0;
  const inclusionSec = n.inclusion.threshold;
  if (
    n.inclusion.enabled &&
    quiet > 0 &&
    live.timeSec >= inclusionSec &&
    (s.lastInclusionAtMs === null || nowMs - s.lastInclusionAtMs >= Math.max(INCLUSION_REPEAT_MS, inclusionSec * 1000))
  ) {
    candidates.push({
      kind: 'inclusion',
      tone: 'gentle',
      text: pluralText('nudge.inclusion', quiet, formatDuration(inclusionSec)),
    });
  }

  // 4. One at a time, with a cooldown. The one exception: a shown gentle monologue nudge may
  // step up to the stronger one in the same turn, replacing it (the person is still talking).
  const chosen = candidates[0];
  if (!chosen) return s;
  const escalation = chosen.kind === 'monologue-strong' && s.monologueStep === 1;
  const cooling = s.lastShownAtMs !== null && nowMs - s.lastShownAtMs < settings.nudgeCooldownSec * 1000;
  if (!escalation && (s.current !== null || cooling)) {
    // Event nudges are only useful in the moment: drop them rather than show them late.
    if (chosen.kind === 'interruption') s.interruptionsPending = 0;
    return s;
  }

  s.current = { ...chosen, shownAtMs: nowMs };
  s.lastShownAtMs = nowMs;
  if (chosen.kind === 'interruption') s.interruptionsPending = 0;
  if (chosen.kind === 'monologue') s.monologueStep = 1;
  if (chosen.kind === 'monologue-strong') s.monologueStep = 2;
  if (chosen.kind === 'over-share') s.lastOverShareAtMs = nowMs;
  if (chosen.kind === 'backchannel') s.lastBackchannelPraiseAtMs = nowMs;
  if (chosen.kind === 'inclusion') s.lastInclusionAtMs = nowMs;
  return s;
}
