import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';
import { slotLabel } from '../../lecture/slots';
import { AssetReviewRequest } from './AssetReviewRequest';

export const ImageGenerationStepFragment = graphql(`
  fragment ImageGenerationStepView_step on ImageGenerationStep {
    slot
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

/** Generating Image: "Review Image" shows the candidate beside the image in use. */
export function ImageGenerationStepView({
  step: stepRef,
  runId,
}: {
  step: FragmentType<typeof ImageGenerationStepFragment>;
  runId: string;
}) {
  const step = getFragmentData(ImageGenerationStepFragment, stepRef);
  return (
    <AssetReviewRequest
      runId={runId}
      request={step.request}
      review={step.review}
      media="image"
      noun="image"
      subject={step.slot ? slotLabel(step.slot) : undefined}
    />
  );
}
