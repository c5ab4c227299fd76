// Turns a call's numbers into the five habits a person can practise (shared/docs/metrics.md,
// "Habits"): listen actively, let people finish, be concise, share the floor, and appreciation,
// which audio cannot hear and the optional self check-in answers. Each figure carries a sentence
// saying which habit it reflects; the weakest habit picks one concrete tip for next time.
import type { CallMetrics } from '../engine/types';
import { MEETING_KINDS, type CheckIn, type MeetingKind } from '../record/types';
import type { Settings } from '../settings';
import { formatDuration, formatGap, formatPercent, formatRate } from './format';
import { fairShare, shareReference } from './share';
import { pluralText, text, type MessageKey, type Text } from './text';

export type HabitId = 'listen' | 'let-finish' | 'concise' | 'share-floor' | 'appreciation';

export type FigureId =
  | 'talk-share'
  | 'backchannels'
  | 'others-longest-turn'
  | 'interruptions-by-self'
  | 'talkovers-by-self'
  | 'early-responses'
  | 'interruptions-of-self'
  | 'talkovers-of-self'
  | 'longest-monologue'
  | 'response-gap'
  | 'quick-responses'
  | 'balance'
  | 'turn-switches'
  | 'summarised'
  | 'thanked'
  | 'next-steps';

export interface HabitFigure {
  id: FigureId;
  label: Text;
  value: Text;
  /** The value at a glance (a tile): the count without its rate. */
  glance: Text;
  /** The habit this number reflects, in a sentence a person can act on. */
  explain: Text;
  /** 0..1 (1 = the habit at its best); null for figures shown for context only. */
  score: number | null;
}

export type HabitLevel = 'strong' | 'fair' | 'work-on' | 'unmeasured';

export interface HabitAssessment {
  id: HabitId;
  name: Text;
  /** 0..1, null when this call gives no evidence for the habit. */
  score: number | null;
  level: HabitLevel;
  summary: Text;
  figures: HabitFigure[];
}

export interface CallCoaching {
  habits: HabitAssessment[];
  /** The habit to practise next, null when nothing could be measured. */
  weakest: HabitId | null;
  tip: Text;
  wentWell: Text[];
}

/** What coaching needs from a call (a CallRecord or its summary both fit). */
export interface CoachedCall {
  durationSec: number;
  participants: number | null;
  meetingKind: MeetingKind;
  metrics: CallMetrics;
  checkIn?: CheckIn;
}

export type CoachingSettings = Pick<Settings, 'targetShare' | 'nudges'>;

export { MEETING_KINDS };

export const HABIT_NAMES: Record<HabitId, Text> = {
  listen: text('habit.listen'),
  'let-finish': text('habit.letFinish'),
  concise: text('habit.concise'),
  'share-floor': text('habit.shareFloor'),
  appreciation: text('habit.appreciation'),
};

export const MEETING_KIND_NAMES: Record<MeetingKind, Text> = {
  'one-on-one': text('kind.oneOnOne'),
  team: text('kind.team'),
  interview: text('kind.interview'),
  sales: text('kind.sales'),
};

/** A figure shown as it is in every language (a percentage, a duration, a count). */
const plain = (value: string): Text => text('common.plain', value);
const NONE = text('common.none');

/** Below this much speech in total there is nothing fair to say about the call. */
const MIN_SPEECH_SEC = 30;
/**
 * Rates per hour use at least this much call time, so one interruption in a five-minute call
 * does not read as twelve an hour.
 */
const MIN_RATE_WINDOW_SEC = 15 * 60;
const STRONG_FROM = 0.75;
const FAIR_FROM = 0.45;

// Scoring ramps: 1 at the first value, 0 at the second, linear between. Where a number comes from
// metrics.md it is cited; the rest are coaching judgement, kept here so they are tuned in one place.
const RAMPS = {
  /** Talk share ÷ my target: a little over is fine, double the target is poor. */
  shareOverTarget: [1.1, 2] as const,
  /** My backchannels per minute of others' speech: about one a minute shows listening. */
  backchannelsPerMin: [0.8, 0] as const,
  /** Interruptions by me per hour ("fewer is better"). */
  interruptionsPerHour: [1, 8] as const,
  talkoversPerHour: [2, 12] as const,
  earlyResponsesPerHour: [4, 20] as const,
  /** Longest monologue, seconds: under a minute is concise; metrics.md nudges at 75 s and 120 s. */
  monologueSec: [60, 180] as const,
  /** Median response gap, seconds: starting before others finish is the concern (metrics.md). */
  responseGapSec: [0.2, -0.5] as const,
  /** Talk share ÷ reference, on each side of balanced. */
  balanceLow: [0.5, 0.1] as const,
  balanceHigh: [1.5, 2.5] as const,
  turnSwitchesPerMin: [1, 0.2] as const,
};

/** metrics.md: "praise when ≥ 2 min". */
const LONG_STORY_SEC = 120;

function ramp(x: number, [good, bad]: readonly [number, number]): number {
  const t = (x - good) / (bad - good);
  return Math.min(1, Math.max(0, 1 - t));
}

function levelOf(score: number | null): HabitLevel {
  if (score === null) return 'unmeasured';
  if (score >= STRONG_FROM) return 'strong';
  return score >= FAIR_FROM ? 'fair' : 'work-on';
}

/** Mean of the scored figures, weighted; null when none is scored. */
function weightedScore(parts: [score: number | null, weight: number][]): number | null {
  let sum = 0;
  let weights = 0;
  for (const [score, weight] of parts) {
    if (score === null) continue;
    sum += score * weight;
    weights += weight;
  }
  return weights === 0 ? null : sum / weights;
}

function habit(id: HabitId, score: number | null, summary: Text, figures: HabitFigure[]): HabitAssessment {
  return { id, name: HABIT_NAMES[id], score, level: levelOf(score), summary, figures };
}

interface CallContext {
  call: CoachedCall;
  m: CallMetrics;
  target: number;
  fair: number | null;
  reference: number;
  rateHours: number;
  monologueNudgeSec: number;
  measured: boolean;
}

function assessListen({ m, target, call, measured }: CallContext): HabitAssessment {
  const share: HabitFigure = {
    id: 'talk-share',
    label: text('figure.talkShare.label'),
    value: plain(formatPercent(m.talkShare)),
    glance: plain(formatPercent(m.talkShare)),
    explain: text('figure.talkShare.explain', MEETING_KIND_NAMES[call.meetingKind], formatPercent(target)),
    score: measured ? ramp(m.talkShare / target, RAMPS.shareOverTarget) : null,
  };
  const perMin = m.backchannelsPerOthersMin;
  const backchannels: HabitFigure = {
    id: 'backchannels',
    label: text('figure.backchannels.label'),
    value: perMin === null ? plain(String(m.backchannelsBySelf)) : text('figure.backchannels.value', m.backchannelsBySelf, formatRate(perMin)),
    glance: plain(String(m.backchannelsBySelf)),
    explain: text('figure.backchannels.explain'),
    score: measured && perMin !== null ? ramp(perMin, RAMPS.backchannelsPerMin) : null,
  };
  const othersLongest: HabitFigure = {
    id: 'others-longest-turn',
    label: text('figure.othersLongestTurn.label'),
    value: plain(formatDuration(m.othersLongestTurnSec)),
    glance: plain(formatDuration(m.othersLongestTurnSec)),
    explain:
      m.othersLongestTurnSec >= LONG_STORY_SEC ? text('figure.othersLongestTurn.explainStory') : text('figure.othersLongestTurn.explain'),
    score: null,
  };
  const score = weightedScore([
    [share.score, 0.6],
    [backchannels.score, 0.4],
  ]);
  const summary = !measured
    ? text('habitSummary.tooLittle')
    : m.talkShare > target * RAMPS.shareOverTarget[0]
      ? text('habitSummary.listenAbove', formatPercent(m.talkShare), formatPercent(target))
      : text('habitSummary.listenWithin', formatPercent(m.talkShare), formatPercent(target));
  return habit('listen', score, summary, [share, backchannels, othersLongest]);
}

function assessLetFinish({ m, rateHours, measured }: CallContext): HabitAssessment {
  const perHour = (count: number) => count / rateHours;
  const rated = (count: number) => text('figure.perHour', count, formatRate(perHour(count)));
  const count = (n: number) => plain(String(n));
  const interruptions: HabitFigure = {
    id: 'interruptions-by-self',
    label: text('figure.interruptionsBySelf.label'),
    value: rated(m.interruptionsBySelf),
    glance: count(m.interruptionsBySelf),
    explain: text('figure.interruptionsBySelf.explain'),
    score: measured ? ramp(perHour(m.interruptionsBySelf), RAMPS.interruptionsPerHour) : null,
  };
  const talkovers: HabitFigure = {
    id: 'talkovers-by-self',
    label: text('figure.talkoversBySelf.label'),
    value: rated(m.talkoversBySelf),
    glance: count(m.talkoversBySelf),
    explain: text('figure.talkoversBySelf.explain'),
    score: measured ? ramp(perHour(m.talkoversBySelf), RAMPS.talkoversPerHour) : null,
  };
  const early: HabitFigure = {
    id: 'early-responses',
    label: text('figure.earlyResponses.label'),
    value: count(m.earlyResponsesBySelf),
    glance: count(m.earlyResponsesBySelf),
    explain: text('figure.earlyResponses.explain'),
    score: measured ? ramp(perHour(m.earlyResponsesBySelf), RAMPS.earlyResponsesPerHour) : null,
  };
  const ofSelf: HabitFigure = {
    id: 'interruptions-of-self',
    label: text('figure.interruptionsOfSelf.label'),
    value: count(m.interruptionsOfSelf),
    glance: count(m.interruptionsOfSelf),
    explain: text('figure.interruptionsOfSelf.explain'),
    score: null,
  };
  const talkoversOfSelf: HabitFigure = {
    id: 'talkovers-of-self',
    label: text('figure.talkoversOfSelf.label'),
    value: count(m.talkoversOfSelf),
    glance: count(m.talkoversOfSelf),
    explain: text('figure.talkoversOfSelf.explain'),
    score: null,
  };
  const score = weightedScore([
    [interruptions.score, 0.6],
    [talkovers.score, 0.25],
    [early.score, 0.15],
  ]);
  const summary = !measured
    ? text('habitSummary.tooLittle')
    : m.interruptionsBySelf === 0
      ? text('habitSummary.noInterruptions')
      : pluralText('habitSummary.interrupted', m.interruptionsBySelf);
  return habit('let-finish', score, summary, [interruptions, talkovers, early, ofSelf, talkoversOfSelf]);
}

function assessConcise({ m, measured, monologueNudgeSec }: CallContext): HabitAssessment {
  const monologue: HabitFigure = {
    id: 'longest-monologue',
    label: text('figure.longestMonologue.label'),
    value: plain(formatDuration(m.longestMonologueSec)),
    glance: plain(formatDuration(m.longestMonologueSec)),
    explain: text('figure.longestMonologue.explain', formatDuration(monologueNudgeSec)),
    score: measured && m.selfSpeechSec > 0 ? ramp(m.longestMonologueSec, RAMPS.monologueSec) : null,
  };
  const gap = m.medianResponseGapSec;
  const responseGap: HabitFigure = {
    id: 'response-gap',
    label: text('figure.responseGap.label'),
    value: gap === null ? NONE : plain(formatGap(gap)),
    glance: gap === null ? NONE : plain(formatGap(gap)),
    explain: text('figure.responseGap.explain'),
    score: measured && gap !== null ? ramp(gap, RAMPS.responseGapSec) : null,
  };
  const quick: HabitFigure = {
    id: 'quick-responses',
    label: text('figure.quickResponses.label'),
    value: plain(String(m.quickResponses)),
    glance: plain(String(m.quickResponses)),
    explain: text('figure.quickResponses.explain'),
    score: null,
  };
  const score = weightedScore([
    [monologue.score, 0.7],
    [responseGap.score, 0.3],
  ]);
  const summary =
    monologue.score === null
      ? text('habitSummary.hardlySpoke')
      : text('habitSummary.longestMonologue', formatDuration(m.longestMonologueSec));
  return habit('concise', score, summary, [monologue, responseGap, quick]);
}

function assessShareFloor({ m, fair, reference, call, measured }: CallContext): HabitAssessment {
  const ratio = m.talkShare / reference;
  const balanceScore = ratio < 1 ? ramp(ratio, RAMPS.balanceLow) : ramp(ratio, RAMPS.balanceHigh);
  const balance: HabitFigure = {
    id: 'balance',
    label: text('figure.balance.label'),
    value:
      fair === null
        ? text('figure.balance.valueUnknown', formatPercent(m.talkShare))
        : text('figure.balance.value', formatPercent(m.talkShare), formatPercent(fair)),
    glance: plain(formatPercent(m.talkShare)),
    explain:
      fair === null
        ? text('figure.balance.explainUnknown')
        : text('figure.balance.explain', call.participants ?? 0, formatPercent(fair)),
    score: measured ? balanceScore : null,
  };
  const switches: HabitFigure = {
    id: 'turn-switches',
    label: text('figure.turnSwitches.label'),
    value: text('figure.turnSwitches.value', formatRate(m.turnSwitchesPerMin)),
    glance: text('figure.turnSwitches.glance', formatRate(m.turnSwitchesPerMin)),
    explain: text('figure.turnSwitches.explain'),
    score: measured ? ramp(m.turnSwitchesPerMin, RAMPS.turnSwitchesPerMin) : null,
  };
  const score = weightedScore([
    [balance.score, 0.7],
    [switches.score, 0.3],
  ]);
  const summary = !measured
    ? text('habitSummary.tooLittle')
    : ratio > RAMPS.balanceHigh[0]
      ? text('habitSummary.heldFloor')
      : ratio < RAMPS.balanceLow[0]
        ? text('habitSummary.spokeLess')
        : text('habitSummary.sharedEvenly');
  return habit('share-floor', score, summary, [balance, switches]);
}

type CheckInQuestion = keyof Pick<CheckIn, 'summarised' | 'thankedSomeone' | 'agreedNextSteps'>;

const CHECK_IN_FIGURES: [FigureId, CheckInQuestion, label: MessageKey, explain: MessageKey][] = [
  ['summarised', 'summarised', 'figure.summarised.label', 'figure.summarised.explain'],
  ['thanked', 'thankedSomeone', 'figure.thanked.label', 'figure.thanked.explain'],
  ['next-steps', 'agreedNextSteps', 'figure.nextSteps.label', 'figure.nextSteps.explain'],
];

function assessAppreciation({ call }: CallContext): HabitAssessment {
  const checkIn = call.checkIn;
  const figures: HabitFigure[] = CHECK_IN_FIGURES.map(([id, key, label, explain]) => {
    const answer = checkIn?.[key] ?? null;
    const value = answer === null ? NONE : text(answer ? 'common.yes' : 'common.no');
    return { id, label: text(label), value, glance: value, explain: text(explain), score: answer === null ? null : answer ? 1 : 0 };
  });
  const score = weightedScore(figures.map((f) => [f.score, 1]));
  const summary =
    score === null
      ? text('habitSummary.takeCheckIn')
      : text('habitSummary.checkIn', figures.filter((f) => f.score === 1).length, figures.filter((f) => f.score !== null).length);
  return habit('appreciation', score, summary, figures);
}

/** Tip for the weakest figure of the weakest habit: concrete, for the next call. */
function tipFor(figure: FigureId, ctx: CallContext): Text {
  const { m, target, reference } = ctx;
  switch (figure) {
    case 'talk-share':
      return text('tip.talkShare', formatPercent(target));
    case 'backchannels':
      return text('tip.backchannels');
    case 'interruptions-by-self':
      return text('tip.interruptions');
    case 'talkovers-by-self':
      return text('tip.talkovers');
    case 'early-responses':
      return text('tip.earlyResponses');
    case 'longest-monologue':
      return text('tip.longestMonologue', formatDuration(m.longestMonologueSec), formatDuration(ctx.monologueNudgeSec));
    case 'response-gap':
      return text('tip.responseGap');
    case 'balance':
      return m.talkShare < reference ? text('tip.balanceLow', formatPercent(m.talkShare)) : text('tip.balanceHigh');
    case 'turn-switches':
      return text('tip.turnSwitches');
    case 'summarised':
      return text('tip.summarised');
    case 'thanked':
      return text('tip.thanked');
    case 'next-steps':
      return text('tip.nextSteps');
    default:
      return text('tip.any');
  }
}

/** What went well, in the person's own figures; at most three, strongest evidence first. */
function wentWell(ctx: CallContext, habits: HabitAssessment[]): Text[] {
  const { m, call, target } = ctx;
  const notes: Text[] = [];
  if (!ctx.measured) return notes;
  if (m.othersLongestTurnSec >= LONG_STORY_SEC) {
    notes.push(text('wentWell.story', formatDuration(m.othersLongestTurnSec)));
  }
  if (m.interruptionsBySelf === 0 && call.durationSec >= 300) {
    notes.push(text('wentWell.noInterruptions', formatDuration(call.durationSec)));
  }
  if (m.backchannelsPerOthersMin !== null && m.backchannelsPerOthersMin >= RAMPS.backchannelsPerMin[0]) {
    notes.push(pluralText('wentWell.backchannels', m.backchannelsBySelf));
  }
  if (m.talkShare <= target * RAMPS.shareOverTarget[0] && m.talkShare >= target * RAMPS.balanceLow[0]) {
    notes.push(text('wentWell.share', formatPercent(m.talkShare), formatPercent(target)));
  }
  if (m.selfSpeechSec > 0 && m.longestMonologueSec <= RAMPS.monologueSec[0]) {
    notes.push(text('wentWell.short', formatDuration(m.longestMonologueSec)));
  }
  if (m.medianResponseGapSec !== null && m.medianResponseGapSec >= RAMPS.responseGapSec[0]) {
    notes.push(text('wentWell.pause', formatGap(m.medianResponseGapSec)));
  }
  if (call.checkIn?.thankedSomeone) notes.push(text('wentWell.thanked'));
  if (notes.length > 0) return notes.slice(0, 3);
  // Nothing stood out: name the relatively best habit rather than say nothing.
  const best = habits
    .filter((h) => h.score !== null)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  return best ? [text(STRONGEST[best.id])] : [];
}

const STRONGEST: Record<HabitId, MessageKey> = {
  listen: 'wentWell.strongest.listen',
  'let-finish': 'wentWell.strongest.letFinish',
  concise: 'wentWell.strongest.concise',
  'share-floor': 'wentWell.strongest.shareFloor',
  appreciation: 'wentWell.strongest.appreciation',
};

export function assessCall(call: CoachedCall, settings: CoachingSettings): CallCoaching {
  const m = call.metrics;
  const target = settings.targetShare[call.meetingKind];
  const ctx: CallContext = {
    call,
    m,
    target,
    fair: fairShare(call.participants),
    reference: shareReference(call.participants, target),
    rateHours: Math.max(call.durationSec, MIN_RATE_WINDOW_SEC) / 3600,
    monologueNudgeSec: settings.nudges.monologue.threshold,
    measured: m.selfSpeechSec + m.othersSpeechSec >= MIN_SPEECH_SEC,
  };
  const habits = [
    assessListen(ctx),
    assessLetFinish(ctx),
    assessConcise(ctx),
    assessShareFloor(ctx),
    assessAppreciation(ctx),
  ];
  // Lowest score wins; on a tie the earlier habit (the order above is the order of importance).
  let weakest: HabitAssessment | null = null;
  for (const h of habits) {
    if (h.score !== null && (weakest === null || h.score < (weakest.score ?? 1))) weakest = h;
  }
  let tip = text('tip.tooLittle');
  if (weakest) {
    const weakestFigure = weakest.figures
      .filter((f) => f.score !== null)
      .reduce((a, b) => ((b.score ?? 1) < (a.score ?? 1) ? b : a));
    tip = tipFor(weakestFigure.id, ctx);
  }
  return { habits, weakest: weakest?.id ?? null, tip, wentWell: wentWell(ctx, habits) };
}
