// The optional 20-second self check-in after a call: what audio cannot measure (metrics.md,
// "reliability/appreciation"). Stored with the call and charted in trends beside the measured habits.
import { useId, useState, type FormEvent } from 'react';
import type { CheckIn } from '../../lib/record/types';

export type CheckInAnswers = Omit<CheckIn, 'atMs'>;

export interface CheckInFormProps {
  checkIn: CheckIn | undefined;
  onSave(answers: CheckInAnswers): Promise<void>;
}

const QUESTIONS: [keyof Omit<CheckInAnswers, 'note'>, string][] = [
  ['summarised', 'Did you summarise what you heard?'],
  ['thankedSomeone', 'Did you thank someone for something specific?'],
  ['agreedNextSteps', 'Did you agree next steps?'],
];

export function CheckInForm({ checkIn, onSave }: CheckInFormProps) {
  const id = useId();
  const [answers, setAnswers] = useState<CheckInAnswers>({
    summarised: checkIn?.summarised ?? null,
    thankedSomeone: checkIn?.thankedSomeone ?? null,
    agreedNextSteps: checkIn?.agreedNextSteps ?? null,
    note: checkIn?.note ?? '',
  });
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const answered = QUESTIONS.some(([key]) => answers[key] !== null);

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
    <form className="card check-in" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>20-second check-in</h3>
      <p className="muted small">Audio cannot hear appreciation or follow-through. Only you can.</p>
      {QUESTIONS.map(([key, question]) => (
        <fieldset key={key} className="check-in-question">
          <legend>{question}</legend>
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
              {value ? 'Yes' : 'No'}
            </label>
          ))}
        </fieldset>
      ))}
      <label className="check-in-note">
        <span>A note for yourself (optional)</span>
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
          {checkIn ? 'Update check-in' : 'Save check-in'}
        </button>
        <span role="status" className="small muted">
          {status === 'saved' ? 'Saved with this call.' : status === 'failed' ? 'Could not save. Try again.' : ''}
        </span>
      </div>
    </form>
  );
}
