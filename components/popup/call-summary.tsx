// One call's full summary: talk share against the fair share and target, the timeline, the tip for
// next time, what went well, the figures by habit, and the check-in.
import { useMemo } from 'react';
import { assessCall, HABIT_NAMES, MEETING_KIND_NAMES, type FigureId, type HabitId } from '../../lib/coaching/habits';
import { formatDuration } from '../../lib/coaching/format';
import type { CallRecord, MeetingKind } from '../../lib/record/types';
import type { Settings } from '../../lib/settings';
import { CallTimeline } from '../call/call-timeline';
import { siteName } from '../call/site-name';
import { TalkShareBar } from '../call/talk-share-bar';
import { CheckInForm, type CheckInAnswers } from './check-in-form';

export interface CallSummaryActions {
  saveCheckIn(answers: CheckInAnswers): Promise<void>;
  setMeetingKind(kind: MeetingKind): Promise<void>;
}

export interface CallSummaryProps {
  record: CallRecord;
  settings: Settings;
  actions: CallSummaryActions;
  /** Width of the timeline picture, CSS pixels. */
  width: number;
}

/** The figures shown as tiles at a glance, each tagged with its habit. */
const TILES: [FigureId, HabitId][] = [
  ['interruptions-by-self', 'let-finish'],
  ['interruptions-of-self', 'let-finish'],
  ['talkovers-by-self', 'let-finish'],
  ['backchannels', 'listen'],
  ['longest-monologue', 'concise'],
  ['others-longest-turn', 'listen'],
  ['response-gap', 'concise'],
  ['turn-switches', 'share-floor'],
];

const LEVEL_TEXT = { strong: 'Strong', fair: 'Fair', 'work-on': 'Work on', unmeasured: 'Not measured' } as const;

export function formatCallDate(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export function CallSummary({ record, settings, actions, width }: CallSummaryProps) {
  const coaching = useMemo(() => assessCall(record, settings), [record, settings]);
  const figures = new Map(coaching.habits.flatMap((h) => h.figures.map((f) => [f.id, f] as const)));
  const live = record.status === 'live';
  return (
    <article className="call-summary" data-testid="call-summary" aria-labelledby={`call-${record.id}`}>
      <header className="call-head">
        <h2 id={`call-${record.id}`}>{record.title ?? `Call on ${siteName(record.site, record.host)}`}</h2>
        <p className="muted small">
          {siteName(record.site, record.host)} · {formatCallDate(record.startedAtMs)} · {formatDuration(record.durationSec)}
          {record.participants !== null && ` · ${record.participants} people`}
          {live && ' · in progress'}
        </p>
        {(record.limited || record.speechModel === 'none' || record.status === 'recovered') && (
          <p className="muted small">
            {[
              record.limited && 'The page could not be read: figures from audio alone.',
              record.speechModel === 'none' && 'Measured without the speech model.',
              record.status === 'recovered' && 'The call was cut short (the tab closed or crashed, or the extension was updated): kept up to its last save, a few seconds before.',
            ]
              .filter(Boolean)
              .join(' ')}
          </p>
        )}
        <label className="kind-select small">
          Kind of meeting{' '}
          <select
            value={record.meetingKind}
            disabled={live}
            onChange={(event) => void actions.setMeetingKind(event.target.value as MeetingKind)}
          >
            {(Object.keys(MEETING_KIND_NAMES) as MeetingKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {MEETING_KIND_NAMES[kind]} (target {Math.round(settings.targetShare[kind] * 100)}%)
              </option>
            ))}
          </select>
        </label>
      </header>

      <section aria-label="Talk share">
        <TalkShareBar
          share={record.metrics.talkShare}
          participants={record.participants}
          targetShare={settings.targetShare[record.meetingKind]}
          overShareFactor={settings.nudges['over-share'].threshold}
        />
      </section>

      <section aria-label="Timeline">
        <CallTimeline timeline={record.timeline} durationSec={record.durationSec} width={width} />
      </section>

      <section className="card tip" aria-labelledby={`tip-${record.id}`}>
        <h3 id={`tip-${record.id}`}>
          Tip for next time{coaching.weakest && <span className="muted small"> · {HABIT_NAMES[coaching.weakest]}</span>}
        </h3>
        <p>{coaching.tip}</p>
      </section>

      {coaching.wentWell.length > 0 && (
        <section className="went-well" aria-labelledby={`well-${record.id}`}>
          <h3 id={`well-${record.id}`}>What went well</h3>
          <ul>
            {coaching.wentWell.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      )}

      <section aria-label="Figures">
        <ul className="tiles">
          {TILES.map(([id, habitId]) => {
            const figure = figures.get(id)!;
            return (
              <li key={id} className="tile">
                <span className="tile-label">{figure.label}</span>
                <span className="tile-value">{figure.glance}</span>
                <span className="tile-habit">{HABIT_NAMES[habitId]}</span>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby={`habits-${record.id}`}>
        <h3 id={`habits-${record.id}`}>Your habits in this call</h3>
        <div className="habits">
          {coaching.habits.map((habit) => (
            <details key={habit.id} className="habit" open={habit.id === coaching.weakest}>
              <summary>
                <span className="habit-name">{habit.name}</span>
                <span className={`badge badge-${habit.level}`}>{LEVEL_TEXT[habit.level]}</span>
                <span className="habit-summary">{habit.summary}</span>
              </summary>
              <dl className="habit-figures">
                {habit.figures.map((figure) => (
                  <div key={figure.id}>
                    <dt>{figure.label}</dt>
                    <dd>
                      <strong>{figure.value}</strong>
                      <span className="muted small">{figure.explain}</span>
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
          ))}
        </div>
      </section>

      {!live && <CheckInForm key={record.id} checkIn={record.checkIn} onSave={actions.saveCheckIn} />}
    </article>
  );
}
