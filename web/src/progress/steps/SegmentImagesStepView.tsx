import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';
import { ProgressBar } from '../../ui/ProgressBar';

export const SegmentImagesStepFragment = graphql(`
  fragment SegmentImagesStepView_step on SegmentImagesStep {
    status
    imagesPerSegment
    segmentImages {
      number
      prompts
      images {
        id
        url
      }
    }
  }
`);

/** Generating Full Video, step 3: how many pictures are ready, and the pictures. */
export function SegmentImagesStepView({
  step: stepRef,
}: {
  step: FragmentType<typeof SegmentImagesStepFragment>;
  runId: string;
}) {
  const step = getFragmentData(SegmentImagesStepFragment, stepRef);
  const images = step.segmentImages.flatMap((segment) =>
    segment.images.map((image, index) => ({ ...image, label: `Segment ${segment.number}, picture ${index + 1}` })),
  );
  // Adapter until Step.progress: done/total from the payload.
  const total = step.segmentImages.reduce((sum, segment) => sum + segment.prompts.length, 0);
  return (
    <>
      {step.status === 'RUNNING' && total > 0 && (
        <ProgressBar done={images.length} total={total} unit="images" label="Segment images" />
      )}
      {images.length > 0 && (
        <div className="thumbnails">
          {images.map((image) => (
            <img key={image.id} src={image.url} alt={image.label} loading="lazy" />
          ))}
        </div>
      )}
    </>
  );
}
