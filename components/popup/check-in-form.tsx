// The optional 20-second self check-in after a call: what audio cannot measure (metrics.md,
// "reliability/appreciation"). Stored with the call and charted in trends beside the measured habits.
import { useId, useState, type FormEvent } from 'react';
import type { CheckInQuestion } from '../../lib/coaching/habits';
import type { MessageKey } from '../../lib/coaching/text';
import type { CheckIn } from '../../lib/record/types';
import { say, t } from '../say';

export type CheckInAnswers = Omit<CheckIn, 'atMs'>;

export interface CheckInFormProps {
  /** The form's id, for the headline's "take the check-in" button to scroll to. */
  id?: string;
  checkIn: CheckIn | undefined;
  /** Questions the words already answered for this call (lib/coaching/habits.ts): not asked. */
  measured?: readonly CheckInQuestion[];
  onSave(answers: CheckInAnswers): Promise<void>;
}

const QUESTIONS: [keyof Omit<CheckInAnswers, 'note'>, MessageKey][] = [
  ['summarised', 'checkIn.summarised'],
  ['thankedSomeone', 'checkIn.thanked'],
  ['agreedNextSteps', 'checkIn.nextSteps'],
];

/** Whether any question of the check-in still asked was answered. */
export function checkInDone(checkIn: CheckIn | undefined, measured: readonly CheckInQuestion[] = []): boolean {
  return checkIn !== undefined && QUESTIONS.some(([key]) => !measured.includes(key) && checkIn[key] !== null);
}

export function CheckInForm({ id: formId, checkIn, measured = [], onSave }: CheckInFormProps) {
  const questions = QUESTIONS.filter(([key]) => !measured.includes(key));
  const id = useId();
  const [answers, setAnswers] = useState<CheckInAnswers>({
    summarised: checkIn?.summarised ?? null,
    thankedSomeone: checkIn?.thankedSomeone ?? null,
    agreedNextSteps: checkIn?.agreedNextSteps ?? null,
    note: checkIn?.note ?? '',
  });
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const answered = questions.some(([key]) => answers[key] !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('saving');
    try {
      const note = answers.note?.trim();
      await onSave({ ...answers, note: note ? note : undefined });
      setStatus('saved');
    } catch {
      setStatus('failed');
    }
  }

  return (
    <form id={formId} className="card check-in" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('checkIn.title')}</h3>
      <p className="muted small">{measured.length > 0 ? t('checkIn.whyWords') : t('checkIn.why')}</p>
      {questions.map(([key, question]) => (
        <fieldset key={key} className="check-in-question">
          <legend>{say({ key: question })}</legend>
          {([true, false] as const).map((value) => (
            <label key={String(value)} className="choice">
              <input
                type="radio"
                name={`${id}-${key}`}
                checked={answers[key] === value}
                onChange={() => {
                  setAnswers({ ...answers, [key]: value });
                  setStatus('idle');
                }}
              />
              {value ? t('common.yes') : t('common.no')}
            </label>
          ))}
        </fieldset>
      ))}
      <label className="check-in-note">
        <span>{t('checkIn.note')}</span>
        <textarea
          rows={2}
          maxLength={500}
          value={answers.note ?? ''}
          onChange={(event) => {
            setAnswers({ ...answers, note: event.target.value });
            setStatus('idle');
          }}
        />
      </label>
      <div className="check-in-actions">
        <button type="submit" className="button button-primary" disabled={!answered || status === 'saving'}>
          {checkIn ? t('checkIn.update') : t('checkIn.save')}
        </button>
        <span role="status" className="small muted">
          {status === 'saved' ? t('checkIn.saved') : status === 'failed' ? t('checkIn.failed') : ''}
        </span>
      </div>
    </form>
  );
}
