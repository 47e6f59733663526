import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';

export const NarrationStepFragment = graphql(`
  fragment NarrationStepView_step on NarrationStep {
    voice
    files {
      segment
    }
  }
`);

/** Generating Full Video, step 4: which voice speaks how many segments. */
export function NarrationStepView({ step: stepRef }: { step: FragmentType<typeof NarrationStepFragment>; runId: string }) {
  const step = getFragmentData(NarrationStepFragment, stepRef);
  if (step.files.length === 0) return null;
  return (
    <p className="step-detail">
      {step.files.length} narration files{step.voice ? `, voice “${step.voice}”` : ''}
    </p>
  );
}
