import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';
import { AssetReviewRequest } from './AssetReviewRequest';

export const NarrationGenerationStepFragment = graphql(`
  fragment NarrationGenerationStepView_step on NarrationGenerationStep {
    segment
    request {
      id
      title
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
  const noun = step.segment ? `narration of segment ${step.segment}` : 'narration';
  return <AssetReviewRequest runId={runId} request={step.request} review={step.review} media="audio" noun={noun} />;
}
