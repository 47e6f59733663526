import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';

export const BackgroundScoreStepFragment = graphql(`
  fragment BackgroundScoreStepView_step on BackgroundScoreStep {
    music {
      durationSeconds
    }
  }
`);

/** Generating Full Video, step 5: the score's length once it exists. */
export function BackgroundScoreStepView({
  step: stepRef,
}: {
  step: FragmentType<typeof BackgroundScoreStepFragment>;
  runId: string;
}) {
  const step = getFragmentData(BackgroundScoreStepFragment, stepRef);
  const seconds = step.music?.durationSeconds;
  if (seconds == null) return null;
  return <p className="step-detail">One track, {Math.round(seconds)} seconds</p>;
}
