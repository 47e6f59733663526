import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';

export const SegmentImagesStepFragment = graphql(`
  fragment SegmentImagesStepView_step on SegmentImagesStep {
    segmentImages {
      number
      images {
        id
        url
      }
    }
  }
`);

/** Generating Full Video, step 3: the pictures, as they are saved. */
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
  if (images.length === 0) return null;
  return (
    <div className="thumbnails">
      {images.map((image) => (
        <img key={image.id} src={image.url} alt={image.label} loading="lazy" />
      ))}
    </div>
  );
}
