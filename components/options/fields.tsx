// Labelled form controls for the settings page: every control has a visible label and, where it
// helps, a description tied to it with aria-describedby.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { t } from '../say';

export function Toggle(props: {
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  const id = useId();
  return (
    <div className="field toggle">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.description ? `${id}-desc` : undefined}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <div>
        <label htmlFor={id}>{props.label}</label>
        {props.description && (
          <p id={`${id}-desc`} className="small muted">
            {props.description}
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * A number that is saved only when valid: typing "1" on the way to "120" must not store 1 s.
 * Out-of-range input shows the allowed range instead of saving.
 */
export function NumberField(props: {
  label: ReactNode;
  value: number;
  min: number;
  max: number;
  step: number;
  unit: string;
  disabled?: boolean;
  onCommit(value: number): void;
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText(String(props.value)), [props.value]);
  const parsed = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(parsed) && parsed >= props.min && parsed <= props.max;
  return (
    <div className="field number-field">
      <label htmlFor={id}>{props.label}</label>
      <span className="number-input">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={props.min}
          max={props.max}
          step={props.step}
          value={text}
          disabled={props.disabled}
          aria-invalid={!valid}
          aria-describedby={valid ? undefined : `${id}-error`}
          onChange={(event) => {
            setText(event.target.value);
            const next = Number(event.target.value);
            if (event.target.value.trim() !== '' && next >= props.min && next <= props.max) props.onCommit(next);
          }}
          onBlur={() => {
            if (!valid) setText(String(props.value));
          }}
        />
        <span className="unit">{props.unit}</span>
      </span>
      {!valid && (
        <span id={`${id}-error`} className="small error">
          {t('options.between', [String(props.min), String(props.max)])}
        </span>
      )}
    </div>
  );
}
