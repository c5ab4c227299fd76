// Trends of the main habits, per week or per call, against the person's own targets. Loaded after
// the popup's first screen (recharts is its heaviest dependency; the latest call must not wait).
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration, formatPercent, formatRate } from '../../lib/coaching/format';
import { firstWeekStart, overallTrend, perCallTrend, weeklyTrend, type TrendPoint } from '../../lib/coaching/trends';
import type { CallSummary } from '../../lib/record/summary';
import type { Settings } from '../../lib/settings';

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
      title: 'Talk share',
      habit: 'Listen actively',
      format: formatPercent,
      axis: formatPercent,
      kind: 'line',
      lowerIsBetter: true,
    },
    {
      metric: 'interruptionsPerHour',
      title: 'Your interruptions per hour',
      habit: 'Let people finish',
      format: formatRate,
      axis: formatRate,
      kind: 'bar',
      lowerIsBetter: true,
    },
    {
      metric: 'backchannelsPerMin',
      title: 'Your backchannels per minute of others’ speech',
      habit: 'Listen actively',
      format: formatRate,
      axis: formatRate,
      kind: 'line',
      lowerIsBetter: false,
    },
    {
      metric: 'longestMonologueSec',
      title: `Longest monologue (typical call; nudge at ${formatDuration(settings.nudges.monologue.threshold)})`,
      habit: 'Be clear and concise',
      format: formatDuration,
      axis: (sec) => `${Math.round(sec)} s`,
      kind: 'bar',
      lowerIsBetter: true,
    },
    {
      metric: 'turnSwitchesPerMin',
      title: 'Turn switches per minute',
      habit: 'Share the floor',
      format: formatRate,
      axis: formatRate,
      kind: 'line',
      lowerIsBetter: null,
    },
    {
      metric: 'checkInScore',
      title: 'Check-in: questions answered “yes”',
      habit: 'Show appreciation',
      format: formatPercent,
      axis: formatPercent,
      kind: 'bar',
      lowerIsBetter: false,
    },
  ];
}

function headline(spec: ChartSpec, recent: TrendPoint, earlier: TrendPoint, period: string): string {
  const now = recent[spec.metric];
  if (now === null) return `No data in the ${period}.`;
  const target = spec.metric === 'talkShare' && recent.targetShare !== null ? ` (target ${formatPercent(recent.targetShare)})` : '';
  const before = earlier[spec.metric];
  if (before === null || spec.format(now) === spec.format(before)) return `${period}: ${spec.format(now)}${target}.`;
  const better = spec.lowerIsBetter !== null && now < before === spec.lowerIsBetter;
  return `${period}: ${spec.format(now)}${target}, ${now < before ? 'down' : 'up'} from ${spec.format(before)}${better ? ' (better)' : ''}.`;
}

function ChartCard({ spec, summary, children }: { spec: ChartSpec; summary: string; children: ReactNode }) {
  return (
    <section className="card trend-card" aria-label={spec.title}>
      <h3>{spec.title}</h3>
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

const dayMonth = (ms: number) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

export function TrendsView({ settings, nowMs, width, actions }: TrendsViewProps) {
  const [mode, setMode] = useState<Mode>('week');
  const [calls, setCalls] = useState<{ week: CallSummary[] | null; call: CallSummary[] | null }>({ week: null, call: null });

  useEffect(() => {
    if (calls[mode] !== null) return;
    const loading = mode === 'week' ? actions.loadSince(firstWeekStart(nowMs, TREND_WEEKS)) : actions.loadRecent(TREND_CALLS);
    void loading.then((list) => setCalls((previous) => ({ ...previous, [mode]: list })));
  }, [mode, calls, actions, nowMs]);

  const list = calls[mode];
  const view = useMemo(() => {
    if (!list) return null;
    const targets = settings.targetShare;
    if (mode === 'week') {
      const split = firstWeekStart(nowMs, COMPARE_WEEKS);
      return {
        points: weeklyTrend(list, targets, { nowMs, weeks: TREND_WEEKS }),
        recent: overallTrend(list, targets, split),
        earlier: overallTrend(list, targets, split - COMPARE_WEEKS * WEEK_MS, split),
        period: `Last ${COMPARE_WEEKS} weeks`,
      };
    }
    const sorted = [...list].sort((a, b) => a.startedAtMs - b.startedAtMs);
    return {
      points: perCallTrend(sorted, targets, TREND_CALLS),
      recent: overallTrend(sorted.slice(-COMPARE_CALLS), targets),
      earlier: overallTrend(sorted.slice(-2 * COMPARE_CALLS, -COMPARE_CALLS), targets),
      period: `Last ${COMPARE_CALLS} calls`,
    };
  }, [list, mode, nowMs, settings.targetShare]);

  const chartWidth = width - 26;
  const data = view?.points.map((p) => ({ ...p, label: dayMonth(p.startMs) })) ?? [];
  const specs = chartSpecs(settings);

  return (
    <div className="trends">
      <div className="segmented" role="group" aria-label="Group by">
        {(['week', 'call'] as const).map((m) => (
          <button key={m} type="button" className="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
            {m === 'week' ? `By week (${TREND_WEEKS})` : `By call (last ${TREND_CALLS})`}
          </button>
        ))}
      </div>
      {!view && <p className="muted">Loading trends…</p>}
      {view && view.points.every((p) => p.calls === 0) && <p className="muted">No calls in this period yet.</p>}
      {view &&
        specs.map((spec) => (
          <ChartCard key={spec.metric} spec={spec} summary={headline(spec, view.recent, view.earlier, view.period)}>
            {spec.kind === 'line' ? (
              <LineChart width={chartWidth} height={110} data={data} margin={CHART_MARGIN}>
                {chartFrame(spec)}
                <Line
                  type="monotone"
                  dataKey={spec.metric}
                  name="You"
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
                    name="Target"
                    stroke="var(--muted)"
                    strokeDasharray="4 3"
                    dot={false}
                    connectNulls
                    isAnimationActive={false}
                  />
                )}
              </LineChart>
            ) : (
              <BarChart width={chartWidth} height={110} data={data} margin={CHART_MARGIN}>
                {chartFrame(spec)}
                <Bar dataKey={spec.metric} name="You" fill="var(--self)" isAnimationActive={false} />
                {spec.metric === 'longestMonologueSec' && (
                  <ReferenceLine y={settings.nudges.monologue.threshold} stroke="var(--overlap)" strokeDasharray="4 3" />
                )}
              </BarChart>
            )}
          </ChartCard>
        ))}
    </div>
  );
}
