// Turns a call's numbers into the five habits a person can practise (shared/docs/metrics.md,
// "Habits"): listen actively, let people finish, be concise, share the floor, and appreciation,
// which audio cannot hear and the optional self check-in answers. Each figure carries a sentence
// saying which habit it reflects; the weakest habit picks one concrete tip for next time.
import type { CallMetrics } from '../engine/types';
import type { CheckIn, MeetingKind } from '../record/types';
import type { Settings } from '../settings';
import { formatDuration, formatGap, formatPercent, formatRate, plural } from './format';
import { fairShare, shareReference } from './share';

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
  label: string;
  value: string;
  /** The value at a glance (a tile): the count without its rate. */
  glance: string;
  /** The habit this number reflects, in a sentence a person can act on. */
  explain: string;
  /** 0..1 (1 = the habit at its best); null for figures shown for context only. */
  score: number | null;
}

export type HabitLevel = 'strong' | 'fair' | 'work-on' | 'unmeasured';

export interface HabitAssessment {
  id: HabitId;
  name: string;
  /** 0..1, null when this call gives no evidence for the habit. */
  score: number | null;
  level: HabitLevel;
  summary: string;
  figures: HabitFigure[];
}

export interface CallCoaching {
  habits: HabitAssessment[];
  /** The habit to practise next, null when nothing could be measured. */
  weakest: HabitId | null;
  tip: string;
  wentWell: string[];
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

export const HABIT_NAMES: Record<HabitId, string> = {
  listen: 'Listen actively',
  'let-finish': 'Let people finish',
  concise: 'Be clear and concise',
  'share-floor': 'Share the floor',
  appreciation: 'Show appreciation',
};

export const MEETING_KIND_NAMES: Record<MeetingKind, string> = {
  'one-on-one': 'one-on-one',
  team: 'team meeting',
  interview: 'interview',
  sales: 'sales call',
};

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

function habit(id: HabitId, score: number | null, summary: string, figures: HabitFigure[]): HabitAssessment {
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
  const kind = MEETING_KIND_NAMES[call.meetingKind];
  const share: HabitFigure = {
    id: 'talk-share',
    label: 'Your talk share',
    value: formatPercent(m.talkShare),
    glance: formatPercent(m.talkShare),
    explain: `Listening more than you talk leaves room for others. Your target for a ${kind} is ${formatPercent(target)}.`,
    score: measured ? ramp(m.talkShare / target, RAMPS.shareOverTarget) : null,
  };
  const perMin = m.backchannelsPerOthersMin;
  const backchannels: HabitFigure = {
    id: 'backchannels',
    label: 'Your backchannels',
    value: perMin === null ? String(m.backchannelsBySelf) : `${m.backchannelsBySelf} (${formatRate(perMin)} per min)`,
    glance: String(m.backchannelsBySelf),
    explain: 'Short "mm-hm", "right" while others speak show them you are following.',
    score: measured && perMin !== null ? ramp(perMin, RAMPS.backchannelsPerMin) : null,
  };
  const othersLongest: HabitFigure = {
    id: 'others-longest-turn',
    label: "Others' longest turn",
    value: formatDuration(m.othersLongestTurnSec),
    glance: formatDuration(m.othersLongestTurnSec),
    explain:
      m.othersLongestTurnSec >= LONG_STORY_SEC
        ? 'Someone had room to tell a whole story: a sign you listened.'
        : 'How long anyone else could speak without losing the floor.',
    score: null,
  };
  const score = weightedScore([
    [share.score, 0.6],
    [backchannels.score, 0.4],
  ]);
  const summary = !measured
    ? 'Too little speech in this call to judge.'
    : m.talkShare > target * RAMPS.shareOverTarget[0]
      ? `You talked ${formatPercent(m.talkShare)} of the time, above your ${formatPercent(target)} target.`
      : `You talked ${formatPercent(m.talkShare)} of the time, within your ${formatPercent(target)} target.`;
  return habit('listen', score, summary, [share, backchannels, othersLongest]);
}

function assessLetFinish({ m, rateHours, measured }: CallContext): HabitAssessment {
  const perHour = (count: number) => count / rateHours;
  const rated = (count: number) => `${count} (${formatRate(perHour(count))} per hour)`;
  const interruptions: HabitFigure = {
    id: 'interruptions-by-self',
    label: 'Your interruptions',
    value: rated(m.interruptionsBySelf),
    glance: String(m.interruptionsBySelf),
    explain: 'Times you took the floor while someone was still speaking. Fewer is better.',
    score: measured ? ramp(perHour(m.interruptionsBySelf), RAMPS.interruptionsPerHour) : null,
  };
  const talkovers: HabitFigure = {
    id: 'talkovers-by-self',
    label: 'Your talk-overs',
    value: rated(m.talkoversBySelf),
    glance: String(m.talkoversBySelf),
    explain: 'Times you spoke over someone who kept going: attempted interruptions.',
    score: measured ? ramp(perHour(m.talkoversBySelf), RAMPS.talkoversPerHour) : null,
  };
  const early: HabitFigure = {
    id: 'early-responses',
    label: 'Early starts',
    value: String(m.earlyResponsesBySelf),
    glance: String(m.earlyResponsesBySelf),
    explain: 'Replies that began in the last half second of someone else’s sentence.',
    score: measured ? ramp(perHour(m.earlyResponsesBySelf), RAMPS.earlyResponsesPerHour) : null,
  };
  const ofSelf: HabitFigure = {
    id: 'interruptions-of-self',
    label: 'Interruptions of you',
    value: String(m.interruptionsOfSelf),
    glance: String(m.interruptionsOfSelf),
    explain: 'Others cutting in on you. Not your habit, but worth noticing in the room.',
    score: null,
  };
  const talkoversOfSelf: HabitFigure = {
    id: 'talkovers-of-self',
    label: 'Talk-overs of you',
    value: String(m.talkoversOfSelf),
    glance: String(m.talkoversOfSelf),
    explain: 'Others speaking over you while you kept going.',
    score: null,
  };
  const score = weightedScore([
    [interruptions.score, 0.6],
    [talkovers.score, 0.25],
    [early.score, 0.15],
  ]);
  const summary = !measured
    ? 'Too little speech in this call to judge.'
    : m.interruptionsBySelf === 0
      ? 'You did not interrupt anyone.'
      : `You interrupted ${plural(m.interruptionsBySelf, 'time')}.`;
  return habit('let-finish', score, summary, [interruptions, talkovers, early, ofSelf, talkoversOfSelf]);
}

function assessConcise({ m, measured, monologueNudgeSec }: CallContext): HabitAssessment {
  const monologue: HabitFigure = {
    id: 'longest-monologue',
    label: 'Your longest monologue',
    value: formatDuration(m.longestMonologueSec),
    glance: formatDuration(m.longestMonologueSec),
    explain: `Your longest turn without handing over. Past ${formatDuration(monologueNudgeSec)} people stop following.`,
    score: measured && m.selfSpeechSec > 0 ? ramp(m.longestMonologueSec, RAMPS.monologueSec) : null,
  };
  const gap = m.medianResponseGapSec;
  const responseGap: HabitFigure = {
    id: 'response-gap',
    label: 'Your response gap',
    value: gap === null ? '—' : formatGap(gap),
    glance: gap === null ? '—' : formatGap(gap),
    explain: 'Typical pause before you reply (negative: you started before they finished). About a second after a long turn is ideal.',
    score: measured && gap !== null ? ramp(gap, RAMPS.responseGapSec) : null,
  };
  const quick: HabitFigure = {
    id: 'quick-responses',
    label: 'Quick replies',
    value: String(m.quickResponses),
    glance: String(m.quickResponses),
    explain: 'Replies within 0.2 s: quick is fine in banter, less so after a long or difficult point.',
    score: null,
  };
  const score = weightedScore([
    [monologue.score, 0.7],
    [responseGap.score, 0.3],
  ]);
  const summary =
    monologue.score === null
      ? 'You hardly spoke in this call.'
      : `Your longest stretch was ${formatDuration(m.longestMonologueSec)}.`;
  return habit('concise', score, summary, [monologue, responseGap, quick]);
}

function assessShareFloor({ m, fair, reference, call, measured }: CallContext): HabitAssessment {
  const ratio = m.talkShare / reference;
  const balanceScore = ratio < 1 ? ramp(ratio, RAMPS.balanceLow) : ramp(ratio, RAMPS.balanceHigh);
  const balance: HabitFigure = {
    id: 'balance',
    label: 'Balance',
    value:
      fair === null
        ? `${formatPercent(m.talkShare)} (group size unknown)`
        : `${formatPercent(m.talkShare)} vs fair ${formatPercent(fair)}`,
    glance: formatPercent(m.talkShare),
    explain:
      fair === null
        ? 'How your share compares with an even split; the page did not show how many took part.'
        : `With ${call.participants} people an even split is ${formatPercent(fair)} each. Far above crowds others out; far below, your view goes missing.`,
    score: measured ? balanceScore : null,
  };
  const switches: HabitFigure = {
    id: 'turn-switches',
    label: 'Turn switches',
    value: `${formatRate(m.turnSwitchesPerMin)} per min`,
    glance: `${formatRate(m.turnSwitchesPerMin)}/min`,
    explain: 'How often the floor changed hands: a conversation rather than a series of speeches.',
    score: measured ? ramp(m.turnSwitchesPerMin, RAMPS.turnSwitchesPerMin) : null,
  };
  const score = weightedScore([
    [balance.score, 0.7],
    [switches.score, 0.3],
  ]);
  const summary = !measured
    ? 'Too little speech in this call to judge.'
    : ratio > RAMPS.balanceHigh[0]
      ? 'You held the floor more than an even split.'
      : ratio < RAMPS.balanceLow[0]
        ? 'You spoke much less than an even split.'
        : 'The floor was shared fairly evenly.';
  return habit('share-floor', score, summary, [balance, switches]);
}

const CHECK_IN_FIGURES: [FigureId, keyof Pick<CheckIn, 'summarised' | 'thankedSomeone' | 'agreedNextSteps'>, string, string][] = [
  ['summarised', 'summarised', 'Summarised what you heard', 'Saying back what you heard shows people they were understood.'],
  ['thanked', 'thankedSomeone', 'Thanked someone specifically', 'Specific thanks (for what, not just "thanks all") builds trust.'],
  ['next-steps', 'agreedNextSteps', 'Agreed next steps', 'Clear next steps, and keeping them, make you someone people rely on.'],
];

function assessAppreciation({ call }: CallContext): HabitAssessment {
  const checkIn = call.checkIn;
  const figures: HabitFigure[] = CHECK_IN_FIGURES.map(([id, key, label, explain]) => {
    const answer = checkIn?.[key] ?? null;
    const value = answer === null ? '—' : answer ? 'Yes' : 'No';
    return { id, label, value, glance: value, explain, score: answer === null ? null : answer ? 1 : 0 };
  });
  const score = weightedScore(figures.map((f) => [f.score, 1]));
  const summary =
    score === null
      ? 'Audio cannot measure this. Take the 20-second check-in below.'
      : `From your check-in: ${figures.filter((f) => f.score === 1).length} of ${figures.filter((f) => f.score !== null).length} done.`;
  return habit('appreciation', score, summary, figures);
}

/** Tip for the weakest figure of the weakest habit: concrete, for the next call. */
function tipFor(figure: FigureId, ctx: CallContext): string {
  const { m, target, reference } = ctx;
  switch (figure) {
    case 'talk-share':
      return `Aim for about ${formatPercent(target)} of the talking: after you make a point, ask an open question ("How do you see it?") and let the answer run.`;
    case 'backchannels':
      return 'Let people hear you listening: a short "mm-hm" or "right" while they talk, especially when your camera is off.';
    case 'interruptions-by-self':
      return 'When you want to jump in, jot the thought down and wait until they finish, then take a breath before you start.';
    case 'talkovers-by-self':
      return 'If you start at the same moment as someone else, stop and say "go ahead": your turn will come.';
    case 'early-responses':
      return 'Wait for the end of the sentence: video adds delay, so count "one" silently before you answer.';
    case 'longest-monologue':
      return `Your longest stretch was ${formatDuration(m.longestMonologueSec)}. Make one point in under ${formatDuration(ctx.monologueNudgeSec)}, then hand over with a question.`;
    case 'response-gap':
      return 'Leave a beat after others finish (about a second after a long turn) before you reply.';
    case 'balance':
      return m.talkShare < reference
        ? `Your view counts: plan one point to bring in early next time (you spoke ${formatPercent(m.talkShare)}).`
        : 'Share the floor: invite a quieter person in by name ("Sam, what do you think?").';
    case 'turn-switches':
      return 'Make it a conversation: check in with the group every few minutes ("Does that match what you see?").';
    case 'summarised':
      return 'Before the call ends, sum up what you heard in a sentence or two: it shows you listened.';
    case 'thanked':
      return 'Thank one person for something specific they said or did.';
    case 'next-steps':
      return 'Close by agreeing who does what next, and by when.';
    default:
      return 'Pick one habit to practise next time, and take the check-in after the call.';
  }
}

/** What went well, in the person's own figures; at most three, strongest evidence first. */
function wentWell(ctx: CallContext, habits: HabitAssessment[]): string[] {
  const { m, call, target } = ctx;
  const notes: string[] = [];
  if (!ctx.measured) return notes;
  if (m.othersLongestTurnSec >= LONG_STORY_SEC) {
    notes.push(`Someone spoke for ${formatDuration(m.othersLongestTurnSec)} and got to finish.`);
  }
  if (m.interruptionsBySelf === 0 && call.durationSec >= 300) {
    notes.push(`You let people finish: no interruptions in ${formatDuration(call.durationSec)}.`);
  }
  if (m.backchannelsPerOthersMin !== null && m.backchannelsPerOthersMin >= RAMPS.backchannelsPerMin[0]) {
    notes.push(`You showed you were listening: ${m.backchannelsBySelf} backchannels.`);
  }
  if (m.talkShare <= target * RAMPS.shareOverTarget[0] && m.talkShare >= target * RAMPS.balanceLow[0]) {
    notes.push(`Your talk share (${formatPercent(m.talkShare)}) stayed near your ${formatPercent(target)} target.`);
  }
  if (m.selfSpeechSec > 0 && m.longestMonologueSec <= RAMPS.monologueSec[0]) {
    notes.push(`You kept your points short: longest stretch ${formatDuration(m.longestMonologueSec)}.`);
  }
  if (m.medianResponseGapSec !== null && m.medianResponseGapSec >= RAMPS.responseGapSec[0]) {
    notes.push(`You left room before replying (typical gap ${formatGap(m.medianResponseGapSec)}).`);
  }
  if (call.checkIn?.thankedSomeone) notes.push('You thanked someone specifically.');
  if (notes.length > 0) return notes.slice(0, 3);
  // Nothing stood out: name the relatively best habit rather than say nothing.
  const best = habits
    .filter((h) => h.score !== null)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  return best ? [`Your strongest habit this time: ${best.name.toLowerCase()}. ${best.summary}`] : [];
}

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
  let tip = 'Too little speech in this call for a tip. After your next call, take the 20-second check-in.';
  if (weakest) {
    const weakestFigure = weakest.figures
      .filter((f) => f.score !== null)
      .reduce((a, b) => ((b.score ?? 1) < (a.score ?? 1) ? b : a));
    tip = tipFor(weakestFigure.id, ctx);
  }
  return { habits, weakest: weakest?.id ?? null, tip, wentWell: wentWell(ctx, habits) };
}
