// One call's summary. First screen, the headline: talk share against the fair share and target, the
// one tip for next time, and the check-in prompt. Below it: the timeline, what went well, the
// figures by habit, and the check-in itself.
import { useId, useMemo } from 'react';
import {
  assessCall,
  HABIT_NAMES,
  measuredByWords,
  MEETING_KIND_NAMES,
  MEETING_KINDS,
  type FigureId,
  type HabitId,
  type HabitLevel,
} from '../../lib/coaching/habits';
import { formatCallDate, formatDuration, formatPercent } from '../../lib/coaching/format';
import { fairShare } from '../../lib/coaching/share';
import type { MessageKey } from '../../lib/coaching/text';
import type { CallRecord, MeetingKind } from '../../lib/record/types';
import type { Settings } from '../../lib/settings';
import { CallTimeline } from '../call/call-timeline';
import { siteName } from '../call/site-name';
import { PeopleBars } from '../call/people-bars';
import { TalkShareBar } from '../call/talk-share-bar';
import { say, t } from '../say';
import { CheckInForm, checkInDone, type CheckInAnswers } from './check-in-form';

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

/** The figures shown as tiles at a glance, each tagged with the habit it reflects; null = about
 *  the room, not a habit of mine (what others do to me). */
const TILES: [FigureId, HabitId | null][] = [
  ['interruptions-by-self', 'let-finish'],
  ['talkovers-by-self', 'let-finish'],
  ['backchannels', 'listen'],
  ['longest-monologue', 'concise'],
  ['response-gap', 'concise'],
  ['turn-switches', 'share-floor'],
  ['others-longest-turn', null],
  ['interruptions-of-self', null],
];

/** With words on, four more tiles. */
const WORD_TILES: [FigureId, HabitId][] = [
  ['questions', 'share-floor'],
  ['restatements', 'listen'],
  ['specific-thanks', 'appreciation'],
  ['pace', 'concise'],
];

const LEVEL_TEXT: Record<HabitLevel, MessageKey> = {
  strong: 'level.strong',
  fair: 'level.fair',
  'work-on': 'level.workOn',
  unmeasured: 'level.unmeasured',
};

/** One sentence for the headline: my share against the fair share (or my target when the group size is unknown). */
function shareHeadline(record: CallRecord, target: number): string {
  const share = formatPercent(record.metrics.talkShare);
  const fair = fairShare(record.participants);
  return fair === null
    ? t('summary.headline.target', [share, formatPercent(target)])
    : t('summary.headline.fair', [share, formatPercent(fair), String(record.participants)]);
}

export function CallSummary({ record, settings, actions, width }: CallSummaryProps) {
  const id = useId();
  const coaching = useMemo(() => assessCall(record, settings), [record, settings]);
  const figures = new Map(coaching.habits.flatMap((h) => h.figures.map((f) => [f.id, f] as const)));
  const live = record.status === 'live';
  const site = siteName(record.site, record.host);
  const target = settings.targetShare[record.meetingKind];
  const checkInId = `${id}-check-in`;
  const measured = measuredByWords(record);
  const done = checkInDone(record.checkIn, measured);
  const tiles = [...TILES, ...WORD_TILES.filter(([figureId]) => figures.has(figureId))];
  const words = record.words;

  function goToCheckIn() {
    const form = document.getElementById(checkInId);
    form?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    form?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
  }

  const meta = [site, formatCallDate(record.startedAtMs), formatDuration(record.durationSec)];
  if (record.participants !== null) meta.push(t('summary.people', record.participants));
  if (live) meta.push(t('summary.inProgress'));

  return (
    <article className="call-summary" data-testid="call-summary" aria-labelledby={`${id}-title`}>
      <header className="call-head">
        <h2 id={`${id}-title`}>{record.title ?? t('summary.callOn', [site])}</h2>
        <p className="muted small">{meta.join(' · ')}</p>
        {words && (
          <p className="muted small" data-testid="words-note">
            {t('summary.words', [formatDuration(words.speechSec)])}
            {words.missedTurns > 0 && ` ${t('summary.wordsMissed', words.missedTurns)}`}
          </p>
        )}
        {(record.limited || record.speechModel === 'none' || record.status === 'recovered') && (
          <p className="muted small">
            {[
              record.limited && t('summary.limited'),
              record.speechModel === 'none' && t('summary.noModel'),
              record.status === 'recovered' && t('summary.recovered'),
            ]
              .filter(Boolean)
              .join(' ')}
          </p>
        )}
        <label className="kind-select small">
          {t('summary.kind')}{' '}
          <select
            value={record.meetingKind}
            disabled={live && record.title === null}
            aria-describedby={`${id}-kind-help`}
            onChange={(event) => void actions.setMeetingKind(event.target.value as MeetingKind)}
          >
            {MEETING_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t('summary.kindOption', [say(MEETING_KIND_NAMES[kind]), formatPercent(settings.targetShare[kind])])}
              </option>
            ))}
          </select>
        </label>
        <p id={`${id}-kind-help`} className="visually-hidden">
          {record.title ? t('summary.kindHelpTitle', [record.title]) : t('summary.kindHelp')}
        </p>
      </header>

      <section className="headline" aria-label={t('summary.atAGlance')}>
        <p className="headline-share">{shareHeadline(record, target)}</p>
        <TalkShareBar
          share={record.metrics.talkShare}
          participants={record.participants}
          targetShare={target}
          overShareFactor={settings.nudges['over-share'].threshold}
        />
        <div className="card tip">
          <h3 className="tip-title">
            {t('summary.tip')}
            {coaching.weakest && <span className="muted small"> · {say(HABIT_NAMES[coaching.weakest])}</span>}
          </h3>
          <p>{say(coaching.tip)}</p>
        </div>
        {!live && (
          <div className="check-in-prompt">
            <p className="small">
              {done
                ? t('summary.checkInDone')
                : measured.length > 0
                  ? t('summary.checkInAskWords')
                  : t('summary.checkInAsk')}
            </p>
            <button type="button" className={`button${done ? '' : ' button-primary'}`} onClick={goToCheckIn}>
              {done ? t('summary.checkInChange') : t('summary.checkInTake')}
            </button>
          </div>
        )}
      </section>

      <section aria-labelledby={`${id}-timeline`}>
        <h3 id={`${id}-timeline`}>{t('summary.timeline')}</h3>
        <CallTimeline timeline={record.timeline} durationSec={record.durationSec} width={width} />
      </section>

      {coaching.wentWell.length > 0 && (
        <section className="went-well" aria-labelledby={`${id}-well`}>
          <h3 id={`${id}-well`}>{t('summary.wentWell')}</h3>
          <ul>
            {coaching.wentWell.map((note) => (
              <li key={note.key}>{say(note)}</li>
            ))}
          </ul>
        </section>
      )}

      {record.people && (record.people.split || (record.participants ?? 0) > 2) && (
        <section aria-labelledby={`${id}-people`}>
          <h3 id={`${id}-people`}>{t('overlay.people.title')}</h3>
          <PeopleBars people={record.people} />
        </section>
      )}

      <section aria-labelledby={`${id}-figures`}>
        <h3 id={`${id}-figures`}>{t('summary.figures')}</h3>
        <ul className="tiles">
          {tiles.map(([figureId, habitId]) => {
            const figure = figures.get(figureId)!;
            return (
              <li key={figureId} className={`tile${habitId ? '' : ' tile-room'}`}>
                <span className="tile-label">{say(figure.label)}</span>
                <span className="tile-value">{say(figure.glance)}</span>
                <span className="tile-habit">{habitId ? say(HABIT_NAMES[habitId]) : t('summary.notYourHabit')}</span>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby={`${id}-habits`}>
        <h3 id={`${id}-habits`}>{t('summary.habits')}</h3>
        <div className="habits">
          {coaching.habits.map((habit) => (
            <details key={habit.id} className="habit" open={habit.id === coaching.weakest}>
              <summary>
                <span className="habit-name">{say(habit.name)}</span>
                <span className={`badge badge-${habit.level}`}>{say({ key: LEVEL_TEXT[habit.level] })}</span>
                <span className="habit-summary">{say(habit.summary)}</span>
              </summary>
              <dl className="habit-figures">
                {habit.figures.map((figure) => (
                  <div key={figure.id}>
                    <dt>{say(figure.label)}</dt>
                    <dd>
                      <strong>{say(figure.value)}</strong>
                      <span className="muted small">{say(figure.explain)}</span>
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
          ))}
        </div>
      </section>

      {!live && (
        <CheckInForm
          key={record.id}
          id={checkInId}
          checkIn={record.checkIn}
          measured={measured}
          onSave={actions.saveCheckIn}
        />
      )}
    </article>
  );
}
