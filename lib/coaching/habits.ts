// Turns a call's numbers into the five habits a person can practise (shared/docs/metrics.md,
// "Habits"): listen actively, let people finish, be concise, share the floor, and appreciation,
// which audio cannot hear and the optional self check-in answers. Each figure carries a sentence
// saying which habit it reflects; the weakest habit picks one concrete tip for next time.
import type { CallMetrics } from '../engine/types';
import { MEETING_KINDS, type CheckIn, type MeetingKind } from '../record/types';
import { talkEvenness, type StoredPeople } from '../people/tracker';
import type { Settings } from '../settings';
import type { FillerId, HedgeId } from '../words/ids';
import { SUPPORTED_FILLERS, SUPPORTED_HEDGES, wordRates, type StoredWords, type WordRates } from '../words/counts';
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
  // Who else spoke (docs/people.md), where the call told people apart:
  | 'people-heard'
  | 'people-balance'
  | 'summarised'
  | 'thanked'
  | 'next-steps'
  // From the words (docs/words.md), when "Understand words, on this device" was on:
  | 'clarifying-questions'
  | 'restatements'
  | 'open-questions'
  | 'questions'
  | 'pace'
  | 'fillers-hedges'
  | 'specific-thanks'
  | 'personal-questions';

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
  words?: StoredWords;
  people?: StoredPeople;
}

export type CoachingSettings = Pick<Settings, 'targetShare' | 'nudges'>;

export { MEETING_KINDS };

/** Per habit: its name, and the note when it was the call's relatively best one. */
const HABIT_TEXT: Record<HabitId, { name: MessageKey; strongest: MessageKey }> = {
  listen: { name: 'habit.listen', strongest: 'wentWell.strongest.listen' },
  'let-finish': { name: 'habit.letFinish', strongest: 'wentWell.strongest.letFinish' },
  concise: { name: 'habit.concise', strongest: 'wentWell.strongest.concise' },
  'share-floor': { name: 'habit.shareFloor', strongest: 'wentWell.strongest.shareFloor' },
  appreciation: { name: 'habit.appreciation', strongest: 'wentWell.strongest.appreciation' },
};

export const HABIT_NAMES = Object.fromEntries(
  Object.entries(HABIT_TEXT).map(([id, { name }]) => [id, text(name)]),
) as Record<HabitId, Text>;

export const MEETING_KIND_NAMES: Record<MeetingKind, Text> = {
  'one-on-one': text('kind.oneOnOne'),
  team: text('kind.team'),
  interview: text('kind.interview'),
  sales: text('kind.sales'),
};

/** A figure shown as it is in every language (a percentage, a duration, a count). */
const plain = (value: string): Text => text('common.plain', value);
const count = (n: number): Text => plain(String(n));
const NONE = text('common.none');

/**
 * Per figure: its label, the sentence on the habit it reflects (when that takes no figures), and
 * the tip when it is the weakest figure of the weakest habit (when that takes no figures; the
 * others are in `tipFor`).
 */
const FIGURE_TEXT: Record<FigureId, { label: MessageKey; explain?: MessageKey; tip?: MessageKey }> = {
  'talk-share': { label: 'figure.talkShare.label' },
  backchannels: { label: 'figure.backchannels.label', explain: 'figure.backchannels.explain', tip: 'tip.backchannels' },
  'others-longest-turn': { label: 'figure.othersLongestTurn.label' },
  'interruptions-by-self': {
    label: 'figure.interruptionsBySelf.label',
    explain: 'figure.interruptionsBySelf.explain',
    tip: 'tip.interruptions',
  },
  'talkovers-by-self': {
    label: 'figure.talkoversBySelf.label',
    explain: 'figure.talkoversBySelf.explain',
    tip: 'tip.talkovers',
  },
  'early-responses': {
    label: 'figure.earlyResponses.label',
    explain: 'figure.earlyResponses.explain',
    tip: 'tip.earlyResponses',
  },
  'interruptions-of-self': { label: 'figure.interruptionsOfSelf.label', explain: 'figure.interruptionsOfSelf.explain' },
  'talkovers-of-self': { label: 'figure.talkoversOfSelf.label', explain: 'figure.talkoversOfSelf.explain' },
  'longest-monologue': { label: 'figure.longestMonologue.label' },
  'response-gap': { label: 'figure.responseGap.label', explain: 'figure.responseGap.explain', tip: 'tip.responseGap' },
  'quick-responses': { label: 'figure.quickResponses.label', explain: 'figure.quickResponses.explain' },
  balance: { label: 'figure.balance.label' },
  'turn-switches': {
    label: 'figure.turnSwitches.label',
    explain: 'figure.turnSwitches.explain',
    tip: 'tip.turnSwitches',
  },
  'people-heard': { label: 'figure.peopleHeard.label', explain: 'figure.peopleHeard.explain', tip: 'tip.inclusion' },
  'people-balance': {
    label: 'figure.peopleBalance.label',
    explain: 'figure.peopleBalance.explain',
    tip: 'tip.inclusion',
  },
  summarised: { label: 'figure.summarised.label', explain: 'figure.summarised.explain', tip: 'tip.summarised' },
  thanked: { label: 'figure.thanked.label', explain: 'figure.thanked.explain', tip: 'tip.thanked' },
  'next-steps': { label: 'figure.nextSteps.label', explain: 'figure.nextSteps.explain', tip: 'tip.nextSteps' },
  'clarifying-questions': {
    label: 'figure.clarifying.label',
    explain: 'figure.clarifying.explain',
    tip: 'tip.clarifying',
  },
  restatements: { label: 'figure.restatements.label', explain: 'figure.restatements.explain', tip: 'tip.summarised' },
  'open-questions': {
    label: 'figure.openQuestions.label',
    explain: 'figure.openQuestions.explain',
    tip: 'tip.openQuestions',
  },
  questions: { label: 'figure.questions.label', explain: 'figure.questions.explain' },
  pace: { label: 'figure.pace.label', explain: 'figure.pace.explain' },
  'fillers-hedges': { label: 'figure.fillersHedges.label' },
  // A specific thanks serves the same habit as the check-in's "thanked someone".
  'specific-thanks': { label: 'figure.specificThanks.label', explain: 'figure.thanked.explain', tip: 'tip.thanked' },
  'personal-questions': { label: 'figure.personal.label', explain: 'figure.personal.explain', tip: 'tip.personal' },
};

/** A figure from the table: `glance` defaults to the value, `explain` to the table's sentence. */
function figure(
  id: FigureId,
  parts: { value: Text; glance?: Text; explain?: Text; score: number | null },
): HabitFigure {
  const texts = FIGURE_TEXT[id];
  const explain = parts.explain ?? (texts.explain ? text(texts.explain) : undefined);
  if (!explain) throw new Error(`figure ${id} needs an explanation`);
  return {
    id,
    label: text(texts.label),
    value: parts.value,
    glance: parts.glance ?? parts.value,
    explain,
    score: parts.score,
  };
}

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
  /** Questions per 10 minutes of my speech: a question every couple of minutes hands the floor
   *  over; one in ten minutes is a speech. */
  questionsPer10Min: [5, 1] as const,
  /** Share of my questions that are open (what, how, why): half or more invites people in. */
  openShare: [0.5, 0.1] as const,
  /** A restatement, a clarifying question, a specific thanks, asking after someone: once a call
   *  is the habit, none is the gap. */
  once: [1, 0] as const,
  /** Words per minute: about 110–170 is easy to follow (a common range for presenting). */
  paceFast: [170, 210] as const,
  paceSlow: [100, 70] as const,
};

const WORD_NAMES: Record<FillerId | HedgeId, MessageKey> = {
  um: 'words.um',
  uh: 'words.uh',
  'you-know': 'words.youKnow',
  'sort-of': 'words.sortOf',
  'kind-of': 'words.kindOf',
  maybe: 'words.maybe',
  perhaps: 'words.perhaps',
  just: 'words.just',
  'i-guess': 'words.iGuess',
};

/** Word figures need this many questions before the share of open ones means anything. */
const MIN_QUESTIONS_FOR_SHARE = 3;

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
  /** The words' rates, when words were on and enough of my speech was read (else null). */
  words: { counts: StoredWords; rates: WordRates } | null;
  target: number;
  fair: number | null;
  reference: number;
  rateHours: number;
  monologueNudgeSec: number;
  measured: boolean;
}

function assessListen(ctx: CallContext): HabitAssessment {
  const { m, target, call, measured } = ctx;
  const share = figure('talk-share', {
    value: plain(formatPercent(m.talkShare)),
    explain: text('figure.talkShare.explain', MEETING_KIND_NAMES[call.meetingKind], formatPercent(target)),
    score: measured ? ramp(m.talkShare / target, RAMPS.shareOverTarget) : null,
  });
  const perMin = m.backchannelsPerOthersMin;
  const backchannels = figure('backchannels', {
    value:
      perMin === null
        ? count(m.backchannelsBySelf)
        : text('figure.backchannels.value', m.backchannelsBySelf, formatRate(perMin)),
    glance: count(m.backchannelsBySelf),
    score: measured && perMin !== null ? ramp(perMin, RAMPS.backchannelsPerMin) : null,
  });
  const othersLongest = figure('others-longest-turn', {
    value: plain(formatDuration(m.othersLongestTurnSec)),
    explain:
      m.othersLongestTurnSec >= LONG_STORY_SEC
        ? text('figure.othersLongestTurn.explainStory')
        : text('figure.othersLongestTurn.explain'),
    score: null,
  });
  const words = wordFiguresForListen(ctx);
  const score = weightedScore([
    [share.score, 0.6],
    [backchannels.score, 0.4],
    ...words.map((f): [number | null, number] => [f.score, 0.2]),
  ]);
  const summary = !measured
    ? text('habitSummary.tooLittle')
    : m.talkShare > target * RAMPS.shareOverTarget[0]
      ? text('habitSummary.listenAbove', formatPercent(m.talkShare), formatPercent(target))
      : text('habitSummary.listenWithin', formatPercent(m.talkShare), formatPercent(target));
  return habit('listen', score, summary, [share, backchannels, othersLongest, ...words]);
}

/** Listening shown in words: asking what they meant, saying back what I heard, open questions. */
function wordFiguresForListen({ words }: CallContext): HabitFigure[] {
  if (!words) return [];
  const c = words.counts;
  const figures: HabitFigure[] = [
    figure('clarifying-questions', {
      value: count(c.clarifyingQuestions),
      score: ramp(c.clarifyingQuestions, RAMPS.once),
    }),
    figure('restatements', { value: count(c.summaries), score: ramp(c.summaries, RAMPS.once) }),
  ];
  if (c.questions > 0) {
    figures.push(
      figure('open-questions', {
        value: text('figure.openQuestions.value', c.openQuestions, c.questions),
        glance: text('figure.openQuestions.glance', c.openQuestions, c.questions),
        score: c.questions >= MIN_QUESTIONS_FOR_SHARE ? ramp(c.openQuestions / c.questions, RAMPS.openShare) : null,
      }),
    );
  }
  return figures;
}

function assessLetFinish({ m, rateHours, measured }: CallContext): HabitAssessment {
  const perHour = (count: number) => count / rateHours;
  const rated = (count: number) => text('figure.perHour', count, formatRate(perHour(count)));
  const interruptions = figure('interruptions-by-self', {
    value: rated(m.interruptionsBySelf),
    glance: count(m.interruptionsBySelf),
    score: measured ? ramp(perHour(m.interruptionsBySelf), RAMPS.interruptionsPerHour) : null,
  });
  const talkovers = figure('talkovers-by-self', {
    value: rated(m.talkoversBySelf),
    glance: count(m.talkoversBySelf),
    score: measured ? ramp(perHour(m.talkoversBySelf), RAMPS.talkoversPerHour) : null,
  });
  const early = figure('early-responses', {
    value: count(m.earlyResponsesBySelf),
    score: measured ? ramp(perHour(m.earlyResponsesBySelf), RAMPS.earlyResponsesPerHour) : null,
  });
  const ofSelf = figure('interruptions-of-self', { value: count(m.interruptionsOfSelf), score: null });
  const talkoversOfSelf = figure('talkovers-of-self', { value: count(m.talkoversOfSelf), score: null });
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

function assessConcise(ctx: CallContext): HabitAssessment {
  const { m, measured, monologueNudgeSec } = ctx;
  const monologue = figure('longest-monologue', {
    value: plain(formatDuration(m.longestMonologueSec)),
    explain: text('figure.longestMonologue.explain', formatDuration(monologueNudgeSec)),
    score: measured && m.selfSpeechSec > 0 ? ramp(m.longestMonologueSec, RAMPS.monologueSec) : null,
  });
  const gap = m.medianResponseGapSec;
  const responseGap = figure('response-gap', {
    value: gap === null ? NONE : plain(formatGap(gap)),
    score: measured && gap !== null ? ramp(gap, RAMPS.responseGapSec) : null,
  });
  const quick = figure('quick-responses', { value: count(m.quickResponses), score: null });
  const words = wordFiguresForConcise(ctx);
  const score = weightedScore([
    [monologue.score, 0.7],
    [responseGap.score, 0.3],
    ...words.map((f): [number | null, number] => [f.score, 0.2]),
  ]);
  const summary =
    monologue.score === null
      ? text('habitSummary.hardlySpoke')
      : text('habitSummary.longestMonologue', formatDuration(m.longestMonologueSec));
  return habit('concise', score, summary, [monologue, responseGap, quick, ...words]);
}

/** Pace, and the fillers and hedges the recogniser keeps (shown, not scored: a "just" is not a
 *  fault, a habit of them is worth noticing). */
function wordFiguresForConcise({ words }: CallContext): HabitFigure[] {
  if (!words) return [];
  const wpm = words.rates.wordsPerMin;
  const pace = Math.round(wpm);
  const counted = [...SUPPORTED_FILLERS, ...SUPPORTED_HEDGES].map((id) => text(WORD_NAMES[id]));
  return [
    figure('pace', {
      value: text('figure.pace.value', pace),
      glance: text('figure.pace.glance', pace),
      score: wpm > RAMPS.paceFast[0] ? ramp(wpm, RAMPS.paceFast) : ramp(wpm, RAMPS.paceSlow),
    }),
    figure('fillers-hedges', {
      value: text('figure.fillersHedges.value', formatRate(words.rates.fillersPerMin + words.rates.hedgesPerMin)),
      glance: plain(formatRate(words.rates.fillersPerMin + words.rates.hedgesPerMin)),
      explain: text('figure.fillersHedges.explain', joinList(counted)),
      score: null,
    }),
  ];
}

/** "you know, kind of, maybe, just and I guess" as one Text: the list's words said in turn. */
function joinList(items: Text[]): Text {
  const [first, ...rest] = items;
  if (!first) return plain('');
  return rest.reduce<Text>(
    (list, item, n) => text(n === rest.length - 1 ? 'common.listLast' : 'common.list', list, item),
    first,
  );
}

function assessShareFloor(ctx: CallContext): HabitAssessment {
  const { m, fair, reference, call, measured } = ctx;
  const ratio = m.talkShare / reference;
  const balanceScore = ratio < 1 ? ramp(ratio, RAMPS.balanceLow) : ramp(ratio, RAMPS.balanceHigh);
  const balance = figure('balance', {
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
  });
  const switches = figure('turn-switches', {
    value: text('figure.turnSwitches.value', formatRate(m.turnSwitchesPerMin)),
    glance: text('figure.turnSwitches.glance', formatRate(m.turnSwitchesPerMin)),
    score: measured ? ramp(m.turnSwitchesPerMin, RAMPS.turnSwitchesPerMin) : null,
  });
  const questions: HabitFigure[] = ctx.words
    ? [
        figure('questions', {
          value: text(
            'figure.questions.value',
            ctx.words.counts.questions,
            formatRate(ctx.words.rates.questionsPer10Min),
          ),
          glance: count(ctx.words.counts.questions),
          score: ramp(ctx.words.rates.questionsPer10Min, RAMPS.questionsPer10Min),
        }),
      ]
    : [];
  const inclusion = inclusionFigures(call.people);
  const score = weightedScore([
    [balance.score, 0.7],
    [switches.score, 0.3],
    ...questions.map((f): [number | null, number] => [f.score, 0.3]),
    ...inclusion.map((f): [number | null, number] => [f.score, 0.2]),
  ]);
  const summary = !measured
    ? text('habitSummary.tooLittle')
    : ratio > RAMPS.balanceHigh[0]
      ? text('habitSummary.heldFloor')
      : ratio < RAMPS.balanceLow[0]
        ? text('habitSummary.spokeLess')
        : text('habitSummary.sharedEvenly');
  return habit('share-floor', score, summary, [balance, switches, ...questions, ...inclusion]);
}

/** Inclusion, where the call told people apart: the share of the others who spoke, and how evenly
 *  they shared their talk (normalised entropy of their shares: 1 = even). */
function inclusionFigures(people: StoredPeople | undefined): HabitFigure[] {
  if (!people?.split) return [];
  const spoke = people.people.length;
  const known = spoke + people.notHeard;
  if (known < 2) return [];
  const evenness = talkEvenness(people.people);
  const heardShare = spoke / known;
  return [
    figure('people-heard', {
      value: text('figure.peopleHeard.value', String(spoke), String(known)),
      glance: plain(`${spoke}/${known}`),
      score: heardShare,
    }),
    ...(evenness !== null
      ? [
          figure('people-balance', {
            value: text('figure.peopleBalance.value', formatPercent(evenness)),
            glance: plain(formatPercent(evenness)),
            score: evenness,
          }),
        ]
      : []),
  ];
}

export type CheckInQuestion = keyof Pick<CheckIn, 'summarised' | 'thankedSomeone' | 'agreedNextSteps'>;

const CHECK_IN_FIGURES: [FigureId, CheckInQuestion][] = [
  ['summarised', 'summarised'],
  ['thanked', 'thankedSomeone'],
  ['next-steps', 'agreedNextSteps'],
];

/** The check-in questions the words answer when they were on: what is still asked is the rest. */
export function measuredByWords(call: Pick<CoachedCall, 'words'>): CheckInQuestion[] {
  return call.words && wordRates(call.words) ? ['summarised', 'thankedSomeone'] : [];
}

function assessAppreciation(ctx: CallContext): HabitAssessment {
  const { call, words } = ctx;
  const checkIn = call.checkIn;
  const measured = measuredByWords(call);
  const figures: HabitFigure[] = [];
  if (words) {
    const c = words.counts;
    figures.push(
      figure('specific-thanks', {
        // A plain thank-you is half-way there.
        value: text('figure.specificThanks.value', c.specificThanks, c.thanks),
        glance: text('figure.specificThanks.glance', c.specificThanks, c.thanks),
        explain: text('figure.thanked.explain'), // A plain thank-you is half-way there.,
        score: c.specificThanks > 0 ? 1 : c.thanks > 0 ? 0.5 : 0,
      }),
      figure('personal-questions', {
        value: count(c.personalQuestions),
        score: ramp(c.personalQuestions, RAMPS.once),
      }),
    );
  }
  for (const [id, key] of CHECK_IN_FIGURES) {
    if (measured.includes(key)) continue;
    const answer = checkIn?.[key] ?? null;
    const value = answer === null ? NONE : text(answer ? 'common.yes' : 'common.no');
    figures.push(figure(id, { value, score: answer === null ? null : answer ? 1 : 0 }));
  }
  const score = weightedScore(figures.map((f) => [f.score, 1]));
  const asked = figures.filter((f) => CHECK_IN_FIGURES.some(([id]) => id === f.id));
  const summary = words
    ? text('habitSummary.words', words.counts.specificThanks, words.counts.thanks)
    : score === null
      ? text('habitSummary.takeCheckIn')
      : text(
          'habitSummary.checkIn',
          asked.filter((f) => f.score === 1).length,
          asked.filter((f) => f.score !== null).length,
        );
  return habit('appreciation', score, summary, figures);
}

/** Tip for the weakest figure of the weakest habit: concrete, for the next call. */
function tipFor(id: FigureId, ctx: CallContext): Text {
  const { m, target, reference } = ctx;
  switch (id) {
    case 'talk-share':
      return text('tip.talkShare', formatPercent(target));
    case 'longest-monologue':
      return text('tip.longestMonologue', formatDuration(m.longestMonologueSec), formatDuration(ctx.monologueNudgeSec));
    case 'balance':
      return m.talkShare < reference ? text('tip.balanceLow', formatPercent(m.talkShare)) : text('tip.balanceHigh');
    case 'questions':
      return text('tip.questions', formatRate(ctx.words?.rates.questionsPer10Min ?? 0));
    case 'pace':
      return (ctx.words?.rates.wordsPerMin ?? 0) > RAMPS.paceFast[0]
        ? text('tip.paceFast', Math.round(ctx.words?.rates.wordsPerMin ?? 0))
        : text('tip.paceSlow', Math.round(ctx.words?.rates.wordsPerMin ?? 0));
    default:
      return text(FIGURE_TEXT[id].tip ?? 'tip.any');
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
  const words = ctx.words?.counts;
  if (words && words.summaries > 0) notes.push(pluralText('wentWell.restated', words.summaries));
  if (words && words.clarifyingQuestions > 0) notes.push(pluralText('wentWell.clarifying', words.clarifyingQuestions));
  if (words ? words.specificThanks > 0 : call.checkIn?.thankedSomeone) notes.push(text('wentWell.thanked'));
  if (notes.length > 0) return notes.slice(0, 3);
  // Nothing stood out: name the relatively best habit rather than say nothing.
  const best = habits.filter((h) => h.score !== null).sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  return best ? [text(HABIT_TEXT[best.id].strongest)] : [];
}

export function assessCall(call: CoachedCall, settings: CoachingSettings): CallCoaching {
  const m = call.metrics;
  const target = settings.targetShare[call.meetingKind];
  const rates = call.words ? wordRates(call.words) : null;
  const ctx: CallContext = {
    call,
    m,
    words: call.words && rates ? { counts: call.words, rates } : null,
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
