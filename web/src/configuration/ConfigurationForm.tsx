import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';

import { getFragmentData, graphql } from '../gql';
import type { FragmentType } from '../gql';
import type { LectureConfigurationEdit } from '../gql/graphql';
import type { UserErrorView } from '../transport/userErrors';
import { Button } from '../ui/Button';
import { configurationFields, fieldGroups, fieldNames, fieldOfPath } from './fields';
import type { ConfigurationField } from './fields';

export const ConfigurationFormFragment = graphql(`
  fragment ConfigurationForm_configuration on LectureConfiguration {
    prompt
    style
    audience
    language
    durationSeconds
    segmentLengthSeconds
    imagesPerSegment
    imageStyle
    imageSize
    voice
    speakingRate
    musicStyle
    musicVolume
    textModel
    imageModel
    speechModel
    musicModel
  }
`);

type Texts = Record<ConfigurationField, string>;
type FieldErrors = Partial<Record<ConfigurationField, string>>;

interface ConfigurationFormProps {
  configuration: FragmentType<typeof ConfigurationFormFragment>;
  /** Sends only the changed fields; resolves to the server's refusals ([] when accepted). */
  onSubmit: (edits: LectureConfigurationEdit) => Promise<readonly UserErrorView[]>;
  submitLabel: string;
  /** Whether submitting with nothing changed makes sense (Confirm: yes; Save: no). */
  submitUnchanged: boolean;
  /** Beside the submit button, e.g. the review's Cancel. */
  secondaryAction?: ReactNode;
  /** Settings to point out, e.g. what the prompt changed. */
  highlighted?: ReadonlySet<ConfigurationField>;
}

/**
 * The lecture's configuration as an editable form: the Configuration tab and the "Review and
 * Confirm Configuration" modal both use it. Refusals appear next to their field.
 */
export function ConfigurationForm({
  configuration,
  onSubmit,
  submitLabel,
  submitUnchanged,
  secondaryAction,
  highlighted,
}: ConfigurationFormProps) {
  const initial = getFragmentData(ConfigurationFormFragment, configuration);
  const [texts, setTexts] = useState<Texts>(() => toTexts(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [refusedAt, setRefusedAt] = useState(0);

  // After a refusal, the first field in error gets focus (and scrolls into view); a refusal of
  // no one field (too many segments, say) is scrolled into view instead, below a long form.
  useEffect(() => {
    if (refusedAt === 0) return;
    const field = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) field.focus();
    else form.current?.querySelector('.config-form__error')?.scrollIntoView({ block: 'nearest' });
  }, [refusedAt]);

  const parsed = parse(texts);
  const edits = changedFields(initial, parsed.values);
  const unchanged = Object.keys(edits).length === 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(parsed.errors).length > 0) {
      setErrors(parsed.errors);
      setRefusedAt(Date.now());
      return;
    }
    setSubmitting(true);
    setFormError(null);
    try {
      const refusals = await onSubmit(edits as LectureConfigurationEdit);
      const byField: FieldErrors = {};
      const general: string[] = [];
      for (const refusal of refusals) {
        const field = fieldOfPath(refusal.field);
        if (field) byField[field] ??= withoutFieldName(refusal.message);
        else general.push(refusal.message);
      }
      setErrors(byField);
      setFormError(general.length > 0 ? general.join(' ') : null);
      if (refusals.length > 0) setRefusedAt(Date.now());
    } catch (error) {
      setFormError(error instanceof Error ? error.message : 'The change could not be sent.');
    } finally {
      setSubmitting(false);
    }
  };

  const change = (field: ConfigurationField, value: string) => {
    setTexts((current) => ({ ...current, [field]: value }));
    setErrors(({ [field]: _cleared, ...rest }) => rest);
  };

  return (
    <form className="config-form" onSubmit={submit} noValidate ref={form}>
      {fieldGroups.map((group) => (
        <fieldset key={group} className="config-form__group">
          <legend>{group}</legend>
          {fieldNames
            .filter((field) => configurationFields[field].group === group)
            .map((field) => (
              <FieldControl
                key={field}
                id={`${id}-${field}`}
                field={field}
                value={texts[field]}
                error={errors[field]}
                highlighted={highlighted?.has(field) ?? false}
                onChange={change}
              />
            ))}
        </fieldset>
      ))}
      {formError && (
        <p className="config-form__error" role="alert">
          {formError}
        </p>
      )}
      <div className="config-form__actions">
        {secondaryAction}
        <Button type="submit" variant="primary" disabled={submitting || (unchanged && !submitUnchanged)}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

function FieldControl({
  id,
  field,
  value,
  error,
  highlighted,
  onChange,
}: {
  id: string;
  field: ConfigurationField;
  value: string;
  error: string | undefined;
  highlighted: boolean;
  onChange: (field: ConfigurationField, value: string) => void;
}) {
  const spec = configurationFields[field];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, spec.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  const control = spec.control;
  return (
    <div className={['field', highlighted && 'field--highlighted', error && 'field--invalid'].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">
        {spec.label}
        {highlighted && <span className="field__badge">from your prompt</span>}
      </label>
      {control.kind === 'longText' ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(field, event.target.value)} />
      ) : control.kind === 'choice' ? (
        <select {...common} onChange={(event) => onChange(field, event.target.value)}>
          {control.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type="text"
          inputMode={control.kind === 'integer' ? 'numeric' : control.kind === 'decimal' ? 'decimal' : undefined}
          onChange={(event) => onChange(field, event.target.value)}
        />
      )}
      {spec.hint && (
        <span id={hintId} className="field__hint">
          {spec.hint}
        </span>
      )}
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Shown under its field, "duration_seconds: Input should be …" needs no field name. */
const withoutFieldName = (message: string) => message.replace(/^[A-Za-z_][\w.]*: /, '');

type Values = Partial<Record<ConfigurationField, string | number>>;

function toTexts(configuration: Record<ConfigurationField, string | number>): Texts {
  const texts = {} as Texts;
  for (const field of fieldNames) texts[field] = String(configuration[field]);
  return texts;
}

/** The typed values of the form, and what could not be read as a number. */
function parse(texts: Texts): { values: Values; errors: FieldErrors } {
  const values: Values = {};
  const errors: FieldErrors = {};
  for (const field of fieldNames) {
    const text = texts[field].trim();
    const kind = configurationFields[field].control.kind;
    if (kind === 'integer' || kind === 'decimal') {
      const number = Number(text);
      const valid = text !== '' && Number.isFinite(number) && (kind === 'decimal' || Number.isInteger(number));
      if (valid) values[field] = number;
      else errors[field] = kind === 'integer' ? 'Enter a whole number.' : 'Enter a number.';
    } else {
      values[field] = kind === 'longText' ? texts[field] : text;
    }
  }
  return { values, errors };
}

/** Only what differs from the configuration the form started from. */
function changedFields(initial: Record<ConfigurationField, string | number>, values: Values): Values {
  const changed: Values = {};
  for (const field of fieldNames) {
    const value = values[field];
    if (value !== undefined && value !== initial[field]) changed[field] = value;
  }
  return changed;
}

