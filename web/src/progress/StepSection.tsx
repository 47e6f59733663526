import { useId } from 'react';
import type { ReactNode } from 'react';

import { getFragmentData, graphql } from '../gql';
import type { FragmentType } from '../gql';
import type { MessageLevel } from '../gql/graphql';
import { Bullets } from '../ui/Bullets';
import type { BulletTone } from '../ui/Bullets';
import { Button } from '../ui/Button';
import { Chevron } from '../ui/Chevron';
import { ProgressBar } from '../ui/ProgressBar';
import { useDefaultedToggle } from './useDefaultedToggle';

export const StepSectionFragment = graphql(`
  fragment StepSection_step on Step {
    key
    number
    total
    title
    status
    summary
    messages {
      key
      text
      level
    }
    progress {
      done
      total
      unit
    }
  }
`);

const tone: Record<MessageLevel, BulletTone> = { INFO: 'info', SUCCESS: 'success', ERROR: 'error' };

/**
 * One step of a run block: "N/M", the status summary, a progress bar while a step made of many
 * units runs ("7/12 images"), and a chevron; inside, the bullet progress messages in order, then
 * `children` — the step type's own component (details, HIL block).
 * The current step is expanded, older ones collapsed, until the person toggles them.
 */
export function StepSection({
  step: stepRef,
  isCurrent,
  children,
}: {
  step: FragmentType<typeof StepSectionFragment>;
  isCurrent: boolean;
  children: ReactNode;
}) {
  const step = getFragmentData(StepSectionFragment, stepRef);
  const [expanded, toggle] = useDefaultedToggle(isCurrent);
  const bodyId = useId();
  const summary = step.summary || step.title;
  return (
    <section
      className={`step step--${step.status.toLowerCase()}`}
      data-testid="step"
      data-step-key={step.key}
      data-status={step.status}
    >
      <header className="step__header">
        <span className="step__number">
          {step.number}/{step.total}
        </span>
        <span className="step__summary">{summary}</span>
        <Button
          variant="quiet"
          className="step__toggle"
          aria-expanded={expanded}
          aria-controls={bodyId}
          aria-label={`${expanded ? 'Collapse' : 'Expand'} step ${step.number}: ${step.title}`}
          onClick={toggle}
          icon={<Chevron direction={expanded ? 'up' : 'down'} />}
        />
      </header>
      {step.progress && step.status !== 'COMPLETED' && (
        <div className="step__progress">
          <ProgressBar
            done={step.progress.done}
            total={step.progress.total}
            unit={step.progress.unit}
            label={`${step.title} progress`}
          />
        </div>
      )}
      <div id={bodyId} className="step__body" hidden={!expanded}>
        {expanded && (
          <>
            <Bullets
              items={step.messages.map((message) => ({
                key: message.key,
                text: message.text,
                tone: tone[message.level],
              }))}
            />
            {children}
          </>
        )}
      </div>
    </section>
  );
}
