/**
 * Every editable configuration field, how the form shows it and how it reads the typed text.
 * The record is keyed by the GraphQL edit input, so a field added to the schema is a tsc error
 * here until the form can show it.
 */
import type { LectureConfigurationEdit } from '../gql/graphql';

export type ConfigurationField = keyof LectureConfigurationEdit;

type Control =
  | { kind: 'text' }
  | { kind: 'longText' }
  | { kind: 'integer' }
  | { kind: 'decimal' }
  | { kind: 'choice'; options: readonly { value: string; label: string }[] };

export interface FieldSpec {
  /** The label, in words; the browser tests find inputs by it. */
  label: string;
  control: Control;
  group: FieldGroup;
  hint?: string;
}

export type FieldGroup = 'Content' | 'Timing' | 'Pictures' | 'Sound' | 'Models';
export const fieldGroups: readonly FieldGroup[] = ['Content', 'Timing', 'Pictures', 'Sound', 'Models'];

const text = { kind: 'text' } as const;
const integer = { kind: 'integer' } as const;
const decimal = { kind: 'decimal' } as const;

export const configurationFields: { readonly [K in ConfigurationField]-?: FieldSpec } = {
  prompt: { label: 'Prompt', control: { kind: 'longText' }, group: 'Content' },
  style: { label: 'Style', control: text, group: 'Content' },
  audience: { label: 'Audience', control: text, group: 'Content' },
  language: { label: 'Language', control: text, group: 'Content' },
  durationSeconds: { label: 'Duration (seconds)', control: integer, group: 'Timing', hint: '10 to 3600' },
  segmentLengthSeconds: {
    label: 'Segment length (seconds)',
    control: integer,
    group: 'Timing',
    hint: '5 to 300',
  },
  imagesPerSegment: { label: 'Images per segment', control: integer, group: 'Pictures', hint: '1 to 6' },
  imageStyle: { label: 'Image style', control: text, group: 'Pictures' },
  imageSize: {
    label: 'Image size',
    control: {
      kind: 'choice',
      options: [
        { value: 'LANDSCAPE', label: 'Landscape' },
        { value: 'SQUARE', label: 'Square' },
        { value: 'PORTRAIT', label: 'Portrait' },
      ],
    },
    group: 'Pictures',
  },
  voice: { label: 'Voice', control: text, group: 'Sound' },
  speakingRate: { label: 'Speaking rate', control: decimal, group: 'Sound', hint: '0.5 to 2' },
  musicStyle: { label: 'Music style', control: text, group: 'Sound' },
  musicVolume: { label: 'Music volume', control: decimal, group: 'Sound', hint: '0 to 1' },
  textModel: { label: 'Text model', control: text, group: 'Models' },
  imageModel: { label: 'Image model', control: text, group: 'Models' },
  speechModel: { label: 'Speech model', control: text, group: 'Models' },
  musicModel: { label: 'Music model', control: text, group: 'Models' },
};

export const fieldNames = Object.keys(configurationFields) as ConfigurationField[];

const isField = (name: string): name is ConfigurationField => name in configurationFields;

/**
 * The form field a refusal names: the last element of its `field` path
 * (`["edits", "configuration", "durationSeconds"]`), or null when it names none.
 */
export function fieldOfPath(path: readonly string[]): ConfigurationField | null {
  const last = path[path.length - 1];
  return last !== undefined && isField(last) ? last : null;
}

/** The label of a setting (`ConfigurationChange.field`, a GraphQL name), for summaries. */
export function labelOfSetting(name: string): string {
  return isField(name) ? configurationFields[name].label : name;
}
