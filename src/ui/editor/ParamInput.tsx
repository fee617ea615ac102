// One parameter of the selected node, as the field its schema calls for: a number with its
// bounds, a checkbox, a choice, or a list of whole numbers. What is typed is checked as it is
// typed; a valid value is applied at once (one undo step per field), an invalid one says why.
import { useId, useState } from 'react';
import type { NodeSpec } from '../../engine/spec/schema';
import { setParam } from './editorActions';
import { opHelp } from './opHelp';
import { describeRange, fieldText, parseFieldInput, type ParamField } from './paramFields';

export function ParamInput({ node, field }: { node: NodeSpec; field: ParamField }) {
  const id = useId();
  const value = (node.params as Record<string, unknown>)[field.key];
  // While a person types, the field shows their text, even when it is not (yet) valid.
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const hint = opHelp[node.op].params?.[field.key];
  const range = describeRange(field);

  const apply = (next: unknown) => setMessage(setParam(node.id, field.key, next));

  if (field.kind === 'boolean') {
    return (
      <div className="inspector-field checkbox">
        <label htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(e) => apply(e.target.checked)}
            data-testid={`param-${field.key}`}
          />
          {field.key}
        </label>
        {hint && <span className="field-hint">{hint}</span>}
      </div>
    );
  }

  if (field.kind === 'enum') {
    return (
      <div className="inspector-field">
        <label htmlFor={id}>{field.key}</label>
        <select
          id={id}
          value={String(value ?? field.defaultValue ?? '')}
          onChange={(e) => apply(e.target.value)}
          data-testid={`param-${field.key}`}
        >
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {hint && <span className="field-hint">{hint}</span>}
      </div>
    );
  }

  const onChange = (text: string) => {
    setDraft(text);
    const parsed = parseFieldInput(field, text);
    if (parsed.ok) apply(parsed.value);
    else setMessage(parsed.message);
  };
  const invalid = message !== null;
  return (
    <div className="inspector-field">
      <label htmlFor={id}>{field.key}</label>
      <input
        id={id}
        type="text"
        inputMode={field.kind === 'number' && !field.rule.integer ? 'decimal' : 'numeric'}
        value={draft ?? fieldText(field, value)}
        placeholder={field.optional ? 'default' : fieldText(field, field.defaultValue)}
        aria-invalid={invalid}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          setDraft(null);
          setMessage(null);
        }}
        data-testid={`param-${field.key}`}
      />
      <span id={`${id}-help`} className={invalid ? 'field-hint field-error' : 'field-hint'}>
        {invalid ? message : [hint, range].filter(Boolean).join('; ')}
      </span>
    </div>
  );
}
