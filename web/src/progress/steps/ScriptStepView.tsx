import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';

export const ScriptStepFragment = graphql(`
  fragment ScriptStepView_step on ScriptStep {
    scriptTitle
    scriptSegments {
      number
      narration
    }
  }
`);

/** Generating Full Video, step 2: the script, folded away under its title. */
export function ScriptStepView({ step: stepRef }: { step: FragmentType<typeof ScriptStepFragment>; runId: string }) {
  const step = getFragmentData(ScriptStepFragment, stepRef);
  if (step.scriptSegments.length === 0) return null;
  return (
    <details className="step-detail">
      <summary>
        {step.scriptTitle ?? 'Script'} · {step.scriptSegments.length} segments
      </summary>
      <ol className="step-detail__script">
        {step.scriptSegments.map((segment) => (
          <li key={segment.number}>{segment.narration}</li>
        ))}
      </ol>
    </details>
  );
}
