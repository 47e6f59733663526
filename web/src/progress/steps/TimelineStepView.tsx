import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';
import { Button } from '../../ui/Button';
import { usePanelActions } from '../PanelActions';

export const TimelineStepFragment = graphql(`
  fragment TimelineStepView_step on TimelineStep {
    timeline {
      durationSeconds
    }
  }
`);

/** Generating Full Video, step 6: the video is ready; open it in the Video preview. */
export function TimelineStepView({ step: stepRef }: { step: FragmentType<typeof TimelineStepFragment>; runId: string }) {
  const step = getFragmentData(TimelineStepFragment, stepRef);
  const { openVideoPreview } = usePanelActions();
  if (!step.timeline) return null;
  return (
    <div className="step-detail">
      <Button variant="secondary" onClick={openVideoPreview}>
        Open video preview
      </Button>
    </div>
  );
}
