// Trends of the main habits, per week or per call, against the person's own targets, for all calls
// or one kind of meeting (a one-on-one and a team meeting have different fair shares). Loaded after
// the popup's first screen (recharts is its heaviest dependency; the latest call must not wait).
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDayMonth, formatDuration, formatPercent, formatRate } from '../../lib/coaching/format';
import { MEETING_KIND_NAMES, MEETING_KINDS } from '../../lib/coaching/habits';
import type { MessageKey } from '../../lib/coaching/text';
import { firstWeekStart, overallTrend, perCallTrend, weeklyTrend, type TrendPoint } from '../../lib/coaching/trends';
import type { CallSummary } from '../../lib/record/summary';
import type { MeetingKind } from '../../lib/record/types';
import type { Settings } from '../../lib/settings';
import { say, t } from '../say';

export const TREND_WEEKS = 12;
export const TREND_CALLS = 30;
/** The headline compares the most recent stretch with the one before: four weeks, or ten calls. */
const COMPARE_WEEKS = 4;
const COMPARE_CALLS = 10;
const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface TrendsActions {
  /** Summaries of calls started at or after `sinceMs`, any order. */
  loadSince(sinceMs: number): Promise<CallSummary[]>;
  /** The newest `limit` summaries. */
  loadRecent(limit: number): Promise<CallSummary[]>;
}

export interface TrendsViewProps {
  settings: Settings;
  nowMs: number;
  width: number;
  actions: TrendsActions;
}

type Mode = 'week' | 'call';
type KindFilter = MeetingKind | 'all';
type Metric = Exclude<keyof TrendPoint, 'startMs' | 'calls' | 'targetShare'>;

interface ChartSpec {
  metric: Metric;
  title: string;
  /** The habit it shows, in a few words. */
  habit: string;
  format(value: number): string;
  /** Shorter labels for the y axis, where "1 min 15 s" does not fit. */
  axis(value: number): string;
  kind: 'line' | 'bar';
  /** null: neither direction is better in itself (compare with your own history). */
  lowerIsBetter: boolean | null;
}

function chartSpecs(settings: Settings): ChartSpec[] {
  return [
    {
      metric: 'talkShare',
      title: t('trends.chart.talkShare'),
      habit: t('habit.listen'),
      format: formatPercent,
      axis: formatPercent,
      kind: 'line',
      lowerIsBetter: true,
    },
    {
      metric: 'interruptionsPerHour',
      title: t('trends.chart.interruptions'),
      habit: t('habit.letFinish'),
      format: formatRate,
      axis: formatRate,
      kind: 'bar',
      lowerIsBetter: true,
    },
    {
      metric: 'backchannelsPerMin',
      title: t('trends.chart.backchannels'),
      habit: t('habit.listen'),
      format: formatRate,
      axis: formatRate,
      kind: 'line',
      lowerIsBetter: false,
    },
    {
      metric: 'longestMonologueSec',
      title: t('trends.chart.monologue', [formatDuration(settings.nudges.monologue.threshold)]),
      habit: t('habit.concise'),
      format: formatDuration,
      axis: (sec) => formatDuration(Math.round(sec)),
      kind: 'bar',
      lowerIsBetter: true,
    },
    {
      metric: 'turnSwitchesPerMin',
      title: t('trends.chart.turnSwitches'),
      habit: t('habit.shareFloor'),
      format: formatRate,
      axis: formatRate,
      kind: 'line',
      lowerIsBetter: null,
    },
    {
      metric: 'checkInScore',
      title: t('trends.chart.checkIn'),
      habit: t('habit.appreciation'),
      format: formatPercent,
      axis: formatPercent,
      kind: 'bar',
      lowerIsBetter: false,
    },
    // From the words: shown only when some call in view had them (MEASURED_ONLY).
    {
      metric: 'questionsPer10Min',
      title: t('trends.chart.questions'),
      habit: t('habit.shareFloor'),
      format: formatRate,
      axis: formatRate,
      kind: 'line',
      lowerIsBetter: false,
    },
    {
      metric: 'restatementsPerHour',
      title: t('trends.chart.restatements'),
      habit: t('habit.listen'),
      format: formatRate,
      axis: formatRate,
      kind: 'bar',
      lowerIsBetter: false,
    },
    {
      metric: 'specificThanksShare',
      title: t('trends.chart.specificThanks'),
      habit: t('habit.appreciation'),
      format: formatPercent,
      axis: formatPercent,
      kind: 'bar',
      lowerIsBetter: false,
    },
    // From calls that told people apart: shown only when some call in view did (MEASURED_ONLY).
    {
      metric: 'peopleHeardShare',
      title: t('trends.chart.peopleHeard'),
      habit: t('habit.shareFloor'),
      format: formatPercent,
      axis: formatPercent,
      kind: 'bar',
      lowerIsBetter: false,
    },
    {
      metric: 'peopleEvenness',
      title: t('trends.chart.peopleEvenness'),
      habit: t('habit.shareFloor'),
      format: formatPercent,
      axis: formatPercent,
      kind: 'bar',
      lowerIsBetter: false,
    },
  ];
}

/** Charts that only some calls can fill, by source (the words; who else spoke): a group is shown
 *  once some call in view measured any of it, and hidden otherwise rather than drawn empty. */
const MEASURED_ONLY: readonly (readonly Metric[])[] = [
  ['questionsPer10Min', 'restatementsPerHour', 'specificThanksShare'],
  ['peopleHeardShare', 'peopleEvenness'],
];

/** "Last 4 weeks: 31% (target 25%), up from 27% (worse)." */
function trendHeadline(spec: ChartSpec, recent: TrendPoint, earlier: TrendPoint, period: string): string {
  const now = recent[spec.metric];
  if (now === null) return t('trends.headline.none', [period]);
  const value =
    spec.metric === 'talkShare' && recent.targetShare !== null
      ? t('trends.headline.withTarget', [spec.format(now), formatPercent(recent.targetShare)])
      : spec.format(now);
  const before = earlier[spec.metric];
  if (before === null || spec.format(now) === spec.format(before)) return t('trends.headline.steady', [period, value]);
  const down = now < before;
  const better = spec.lowerIsBetter === null ? null : down === spec.lowerIsBetter;
  const key: MessageKey = down
    ? better === null
      ? 'trends.headline.down'
      : better
        ? 'trends.headline.downBetter'
        : 'trends.headline.downWorse'
    : better === null
      ? 'trends.headline.up'
      : better
        ? 'trends.headline.upBetter'
        : 'trends.headline.upWorse';
  return say({ key, subs: [period, value, spec.format(before)] });
}

function ChartCard({ spec, summary, children }: { spec: ChartSpec; summary: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card trend-card" aria-labelledby={id}>
      <h2 id={id}>{spec.title}</h2>
      <p className="small muted">
        {spec.habit} · {summary}
      </p>
      {children}
    </section>
  );
}

const CHART_MARGIN = { top: 6, right: 8, bottom: 0, left: 0 };

/** Grid, axes and tooltip, the same for every chart (an array: recharts reads its children directly). */
function chartFrame(spec: ChartSpec) {
  const tick = { fontSize: 10, fill: 'var(--muted)' };
  return [
    <CartesianGrid key="grid" stroke="var(--surface-strong)" vertical={false} />,
    <XAxis key="x" dataKey="label" tick={tick} interval="preserveStartEnd" minTickGap={18} />,
    <YAxis key="y" tick={tick} tickFormatter={spec.axis} width={40} />,
    <Tooltip
      key="tooltip"
      formatter={(value) => spec.format(Number(value))}
      contentStyle={{ background: 'var(--bg)', borderColor: 'var(--border)' }}
    />,
  ];
}

/** What a screen reader hears for a chart: its name, then every point ("20 Nov: 31%; 27 Nov: no calls"). */
function chartDescription(spec: ChartSpec, data: (TrendPoint & { label: string })[], summary: string): string {
  const points = data.map((p) => {
    const value = p[spec.metric];
    return `${p.label}: ${value === null ? t('trends.noValue') : spec.format(value)}`;
  });
  return `${summary} ${points.join('; ')}.`;
}

export function TrendsView({ settings, nowMs, width, actions }: TrendsViewProps) {
  const [mode, setMode] = useState<Mode>('week');
  const [kind, setKind] = useState<KindFilter>('all');
  const [calls, setCalls] = useState<{ week: CallSummary[] | null; call: CallSummary[] | null }>({
    week: null,
    call: null,
  });
  const kindId = useId();

  useEffect(() => {
    if (calls[mode] !== null) return;
    const loading =
      mode === 'week' ? actions.loadSince(firstWeekStart(nowMs, TREND_WEEKS)) : actions.loadRecent(TREND_CALLS);
    void loading.then((list) => setCalls((previous) => ({ ...previous, [mode]: list })));
  }, [mode, calls, actions, nowMs]);

  const loaded = calls[mode];
  const view = useMemo(() => {
    if (!loaded) return null;
    const list = kind === 'all' ? loaded : loaded.filter((call) => call.meetingKind === kind);
    const targets = settings.targetShare;
    if (mode === 'week') {
      const split = firstWeekStart(nowMs, COMPARE_WEEKS);
      return {
        points: weeklyTrend(list, targets, { nowMs, weeks: TREND_WEEKS }),
        recent: overallTrend(list, targets, split),
        earlier: overallTrend(list, targets, split - COMPARE_WEEKS * WEEK_MS, split),
        period: t('trends.period.weeks', [String(COMPARE_WEEKS)]),
      };
    }
    const sorted = [...list].sort((a, b) => a.startedAtMs - b.startedAtMs);
    return {
      points: perCallTrend(sorted, targets, TREND_CALLS),
      recent: overallTrend(sorted.slice(-COMPARE_CALLS), targets),
      earlier: overallTrend(sorted.slice(-2 * COMPARE_CALLS, -COMPARE_CALLS), targets),
      period: t('trends.period.calls', [String(COMPARE_CALLS)]),
    };
  }, [loaded, kind, mode, nowMs, settings.targetShare]);

  const chartWidth = width - 26;
  const data = view?.points.map((p) => ({ ...p, label: formatDayMonth(p.startMs) })) ?? [];
  const hidden = MEASURED_ONLY.filter(
    (group) => !view?.points.some((p) => group.some((metric) => p[metric] !== null)),
  ).flat();
  const specs = chartSpecs(settings).filter((spec) => !hidden.includes(spec.metric));
  const empty = view !== null && view.points.every((p) => p.calls === 0);

  return (
    <div className="trends">
      <div className="trends-controls">
        <div className="segmented" role="group" aria-label={t('trends.groupBy')}>
          {(['week', 'call'] as const).map((m) => (
            <button key={m} type="button" className="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
              {m === 'week' ? t('trends.byWeek', [String(TREND_WEEKS)]) : t('trends.byCall', [String(TREND_CALLS)])}
            </button>
          ))}
        </div>
        <label className="kind-select small" htmlFor={kindId}>
          {t('trends.kind')}{' '}
          <select id={kindId} value={kind} onChange={(event) => setKind(event.target.value as KindFilter)}>
            <option value="all">{t('trends.kindAll')}</option>
            {MEETING_KINDS.map((k) => (
              <option key={k} value={k}>
                {say(MEETING_KIND_NAMES[k])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!view && <p className="muted">{t('trends.loading')}</p>}
      {empty && (
        <div className="empty" data-testid="trends-empty">
          <h2>
            {kind === 'all' ? t('trends.empty.title') : t('trends.empty.titleKind', [say(MEETING_KIND_NAMES[kind])])}
          </h2>
          <p className="muted">
            {mode === 'week' ? t('trends.empty.weeks', [String(TREND_WEEKS)]) : t('trends.empty.calls')}
          </p>
        </div>
      )}
      {view &&
        !empty &&
        specs.map((spec) => {
          const summary = trendHeadline(spec, view.recent, view.earlier, view.period);
          const a11y = {
            title: spec.title,
            desc: chartDescription(spec, data, summary),
            role: 'img',
            accessibilityLayer: false,
          };
          return (
            <ChartCard key={spec.metric} spec={spec} summary={summary}>
              {spec.kind === 'line' ? (
                <LineChart width={chartWidth} height={110} data={data} margin={CHART_MARGIN} {...a11y}>
                  {chartFrame(spec)}
                  <Line
                    type="monotone"
                    dataKey={spec.metric}
                    name={t('trends.you')}
                    stroke="var(--self)"
                    strokeWidth={2}
                    dot={{ r: 2 }}
                    connectNulls
                    isAnimationActive={false}
                  />
                  {spec.metric === 'talkShare' && (
                    <Line
                      type="stepAfter"
                      dataKey="targetShare"
                      name={t('trends.target')}
                      stroke="var(--muted)"
                      strokeDasharray="4 3"
                      dot={false}
                      connectNulls
                      isAnimationActive={false}
                    />
                  )}
                </LineChart>
              ) : (
                <BarChart width={chartWidth} height={110} data={data} margin={CHART_MARGIN} {...a11y}>
                  {chartFrame(spec)}
                  <Bar dataKey={spec.metric} name={t('trends.you')} fill="var(--self)" isAnimationActive={false} />
                  {spec.metric === 'longestMonologueSec' && (
                    <ReferenceLine
                      y={settings.nudges.monologue.threshold}
                      stroke="var(--overlap)"
                      strokeDasharray="4 3"
                    />
                  )}
                </BarChart>
              )}
            </ChartCard>
          );
        })}
    </div>
  );
}
