import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';
import { AssetReviewRequest } from './AssetReviewRequest';

export const ScoreGenerationStepFragment = graphql(`
  fragment ScoreGenerationStepView_step on ScoreGenerationStep {
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

/** Generating Background Score: "Review Background Score" plays the candidate and the score in use. */
export function ScoreGenerationStepView({
  step: stepRef,
  runId,
}: {
  step: FragmentType<typeof ScoreGenerationStepFragment>;
  runId: string;
}) {
  const step = getFragmentData(ScoreGenerationStepFragment, stepRef);
  return (
    <AssetReviewRequest runId={runId} request={step.request} review={step.review} media="audio" noun="background score" />
  );
}
