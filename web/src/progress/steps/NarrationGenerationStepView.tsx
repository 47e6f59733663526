import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';
import { AssetReviewRequest } from './AssetReviewRequest';

export const NarrationGenerationStepFragment = graphql(`
  fragment NarrationGenerationStepView_step on NarrationGenerationStep {
    segment
    request {
      id
      title
      version
      expiresAt
      changeRoundsLeft
    }
    review {
      ...AssetReviewModal_review
    }
  }
`);

/** Generating Narration: "Review Narration" plays the candidate and the narration in use. */
export function NarrationGenerationStepView({
  step: stepRef,
  runId,
}: {
  step: FragmentType<typeof NarrationGenerationStepFragment>;
  runId: string;
}) {
  const step = getFragmentData(NarrationGenerationStepFragment, stepRef);
  return (
    <AssetReviewRequest
      runId={runId}
      request={step.request}
      review={step.review}
      media="audio"
      noun="narration"
      subject={step.segment ? `Segment ${step.segment}` : undefined}
    />
  );
}
