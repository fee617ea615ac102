// The dashboard's form fields: each labelled, with a tooltip giving its formula and when to
// change it, and numeric fields checked against the spec's own schema as a person types.
import { useId, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { parameterHelp, type ParameterName } from './parameterHelp';
import { formatFieldValue, numberRule, parseNumberField } from './schemaField';

/** A "?" that shows the parameter's formula and advice on hover or focus. */
export function HelpTip({ name }: { name: ParameterName }) {
  const id = useId();
  const help = parameterHelp[name];
  return (
    <span className="help">
      <button
        type="button"
        className="help-button"
        aria-label={`About ${help.label}`}
        aria-describedby={id}
        data-testid={`help-${name}`}
      >
        ?
      </button>
      <span role="tooltip" id={id} className="help-tip">
        <code className="help-formula">{help.formula}</code>
        <span className="help-advice">{help.advice}</span>
      </span>
    </span>
  );
}

function FieldLabel({ name, htmlFor }: { name: ParameterName; htmlFor: string }) {
  return (
    <span className="field-label">
      <label htmlFor={htmlFor}>{parameterHelp[name].label}</label>
      <HelpTip name={name} />
    </span>
  );
}

interface NumberFieldProps {
  name: ParameterName;
  /** The field's schema in the spec: its bounds, integer-ness and nullability. */
  schema: z.ZodType;
  value: number | null;
  /** A valid value, as typed; the caller applies it (coalesced, so typing is one undo step). */
  onChange: (value: number | null) => void;
  /** Shown in an empty nullable field: what empty means ("off"). */
  placeholder?: string;
  testId?: string;
  children?: ReactNode;
}

/**
 * What a person typed is kept while it is not valid (with the reason under it) and never
 * reaches the spec; a valid value goes to the spec at once. A change from elsewhere (undo)
 * replaces the text, because the draft remembers the value it was typed against.
 */
export function NumberField({
  name,
  schema,
  value,
  onChange,
  placeholder,
  testId,
  children,
}: NumberFieldProps) {
  const id = useId();
  const errorId = useId();
  const [draft, setDraft] = useState<{ text: string; base: number | null } | null>(null);
  const current = draft !== null && draft.base === value ? draft : null;
  const parsed = current ? parseNumberField(current.text, schema) : null;
  const error = parsed && !parsed.ok ? parsed.message : null;
  const rule = numberRule(schema);
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <FieldLabel name={name} htmlFor={id} />
      <span className="field-control">
        <input
          id={id}
          className="field-input"
          type="text"
          inputMode={rule.integer ? 'numeric' : 'decimal'}
          autoComplete="off"
          spellCheck={false}
          value={current ? current.text : formatFieldValue(value)}
          placeholder={placeholder}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          data-testid={testId ?? `field-${name}`}
          onChange={(e) => {
            const text = e.target.value;
            const next = parseNumberField(text, schema);
            if (next.ok && next.value !== value) {
              setDraft({ text, base: next.value });
              onChange(next.value);
            } else {
              setDraft({ text, base: value });
            }
          }}
          onBlur={() => {
            if (parsed === null || parsed.ok) setDraft(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setDraft(null);
          }}
        />
        {children}
      </span>
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error} Not applied.
        </p>
      )}
    </div>
  );
}

interface SelectFieldProps<T extends string> {
  name: ParameterName;
  value: T;
  options: readonly T[];
  labels: Record<T, string>;
  onChange: (value: T) => void;
  testId?: string;
}

export function SelectField<T extends string>({
  name,
  value,
  options,
  labels,
  onChange,
  testId,
}: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div className="field">
      <FieldLabel name={name} htmlFor={id} />
      <select
        id={id}
        className="field-input"
        value={value}
        data-testid={testId ?? `field-${name}`}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o]}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField({
  name,
  checked,
  onChange,
}: {
  name: ParameterName;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <span className="field-label">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          data-testid={`field-${name}`}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>{parameterHelp[name].label}</label>
        <HelpTip name={name} />
      </span>
    </div>
  );
}

interface SliderFieldProps {
  name: ParameterName;
  schema: z.ZodType;
  value: number;
  step: number;
  onChange: (value: number) => void;
  /** How the value is written beside the slider. */
  format?: (value: number) => string;
  testId?: string;
}

/** A range over the schema's bounds (an exclusive bound moves in by one step). */
export function SliderField({
  name,
  schema,
  value,
  step,
  onChange,
  format = String,
  testId,
}: SliderFieldProps) {
  const id = useId();
  const rule = numberRule(schema);
  const min = (rule.min ?? 0) + (rule.minExclusive ? step : 0);
  const max = (rule.max ?? 1) - (rule.maxExclusive ? step : 0);
  return (
    <div className="field field-slider">
      <FieldLabel name={name} htmlFor={id} />
      <span className="field-control">
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={step}
          value={value}
          data-testid={testId ?? `field-${name}`}
          onChange={(e) => {
            const next = Number(e.target.value);
            if (schema.safeParse(next).success) onChange(next);
          }}
        />
        <output htmlFor={id} className="field-value">
          {format(value)}
        </output>
      </span>
    </div>
  );
}
