/**
 * One component per step node type, chosen by `__typename`. The map's type is derived from the
 * generated `WorkflowStep` union as the run block selects it: a new step type in the schema is a
 * tsc error here until it has a component, and a component can only sit under the type whose
 * fragment it reads. No conditionals on kinds anywhere else.
 */
import type { ComponentType } from 'react';

import type { RunBlock_RunFragment } from '../gql/graphql';
import { BackgroundScoreStepView } from './steps/BackgroundScoreStepView';
import { ConfigurationStepView } from './steps/ConfigurationStepView';
import { ImageGenerationStepView } from './steps/ImageGenerationStepView';
import { NarrationGenerationStepView } from './steps/NarrationGenerationStepView';
import { NarrationStepView } from './steps/NarrationStepView';
import { ScoreGenerationStepView } from './steps/ScoreGenerationStepView';
import { ScriptStepView } from './steps/ScriptStepView';
import { SegmentImagesStepView } from './steps/SegmentImagesStepView';
import { SubtitlesGenerationStepView } from './steps/SubtitlesGenerationStepView';
import { TimelineStepView } from './steps/TimelineStepView';

export type StepNode = RunBlock_RunFragment['steps'][number];
export type StepTypename = StepNode['__typename'];
type StepByTypename = { [K in StepTypename]: Extract<StepNode, { __typename: K }> };

export interface StepViewProps<S> {
  step: S;
  runId: string;
}

type StepComponents = { [K in StepTypename]: ComponentType<StepViewProps<StepByTypename[K]>> };

export const stepComponents = {
  ConfigurationStep: ConfigurationStepView,
  ScriptStep: ScriptStepView,
  SegmentImagesStep: SegmentImagesStepView,
  NarrationStep: NarrationStepView,
  BackgroundScoreStep: BackgroundScoreStepView,
  TimelineStep: TimelineStepView,
  ImageGenerationStep: ImageGenerationStepView,
  NarrationGenerationStep: NarrationGenerationStepView,
  ScoreGenerationStep: ScoreGenerationStepView,
  SubtitlesGenerationStep: SubtitlesGenerationStepView,
} satisfies StepComponents;

/** The body of one step: the component its `__typename` maps to. */
export function StepBody<K extends StepTypename>({
  typename,
  step,
  runId,
}: {
  typename: K;
  step: StepByTypename[K];
  runId: string;
}) {
  const components: StepComponents = stepComponents;
  const Component: ComponentType<StepViewProps<StepByTypename[K]>> = components[typename];
  return <Component step={step} runId={runId} />;
}
