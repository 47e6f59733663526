import { memo, useId, useMemo, useRef, useState } from 'react';

import { getFragmentData, graphql } from '../gql';
import type { FragmentType } from '../gql';
import type { RunStatus } from '../gql/graphql';
import { CancelRunModal } from '../reviews/CancelRunModal';
import { Button } from '../ui/Button';
import { Chevron } from '../ui/Chevron';
import { HoldOpenProvider } from './HoldOpen';
import type { HoldOpen } from './HoldOpen';
import { usePanelActions } from './PanelActions';
import { StepBody } from './stepComponents';
import { StepSection } from './StepSection';
import { useDefaultedToggle } from './useDefaultedToggle';

export const RunBlockFragment = graphql(`
  fragment RunBlock_run on WorkflowRun {
    id
    title
    status
    currentStep
    totalSteps
    canCancel
    canRerun
    canRetry
    retrySteps
    origin {
      request
      reason
    }
    error {
      message
      stepKey
    }
    steps {
      __typename
      ... on Step {
        key
        number
        title
        status
      }
      ...StepSection_step
      ...ConfigurationStepView_step
      ...ScriptStepView_step
      ...SegmentImagesStepView_step
      ...NarrationStepView_step
      ...BackgroundScoreStepView_step
      ...TimelineStepView_step
      ...ImageGenerationStepView_step
      ...NarrationGenerationStepView_step
      ...ScoreGenerationStepView_step
      ...SubtitlesGenerationStepView_step
    }
  }
`);

/** The header's status word; running runs show none (their N/M says it). */
const statusText: Record<RunStatus, string | null> = {
  QUEUED: 'Queued',
  RUNNING: null,
  WAITING_FOR_INPUT: 'Waiting for you',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

/**
 * One workflow run: header (title · N/M Steps · status · Cancel, or Resume and Re-run ·
 * chevron) and its started steps, top to bottom. The newest block is expanded, older ones
 * collapsed. A failed or cancelled run can be resumed from the step where it stopped, or from
 * an earlier one the person picks; the steps before it are reused. Resume is offered only when
 * there is a step to reuse: resuming from the first step would do exactly what Re-run does.
 */
export const RunBlock = memo(function RunBlock({
  run: runRef,
  isCurrent,
}: {
  run: FragmentType<typeof RunBlockFragment>;
  isCurrent: boolean;
}) {
  const run = getFragmentData(RunBlockFragment, runRef);
  const actions = usePanelActions();
  const [chosen, toggle] = useDefaultedToggle(isCurrent);
  // A dialog open inside the block (a review being edited) keeps it expanded (`HoldOpen`).
  const [dialogsOpen, setDialogsOpen] = useState(0);
  const hold = useMemo<HoldOpen>(
    () => ({
      opened: () => setDialogsOpen((count) => count + 1),
      closed: () => setDialogsOpen((count) => Math.max(0, count - 1)),
    }),
    [],
  );
  const expanded = chosen || dialogsOpen > 0;
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const bodyId = useId();
  const titleId = useId();
  const started = run.steps.filter((step) => step.status !== 'PENDING');
  const status = statusText[run.status];

  const stoppedAt = run.retrySteps[run.retrySteps.length - 1];
  const canResume = run.canRetry && run.retrySteps.length > 1;
  const [resumeFrom, setResumeFrom] = useState<string | undefined>(undefined);
  const resumeSelectId = useId();

  // One start at a time: Resume and Re-run are disabled while one is in flight, and a second
  // click that lands before the page re-renders is dropped (the ref is set at once). The
  // server holds the same rule for every tab: while a run's re-run or resume has not
  // finished, asking again returns that run.
  const [starting, setStarting] = useState(false);
  const inFlight = useRef(false);
  const act = async (start: () => Promise<readonly { message: string }[]>, failed: string) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setActionError(null);
    setStarting(true);
    try {
      const refusals = await start();
      if (refusals.length > 0) setActionError(refusals.map((refusal) => refusal.message).join(' '));
    } catch (failure) {
      setActionError(failure instanceof Error ? failure.message : failed);
    } finally {
      inFlight.current = false;
      setStarting(false);
    }
  };
  const rerun = () => act(() => actions.rerunRun(run.id), 'The re-run could not be started.');
  const resume = () =>
    act(() => actions.retryRun(run.id, resumeFrom ?? stoppedAt), 'The run could not be resumed.');

  return (
    <article
      className={`run run--${run.status.toLowerCase()}`}
      data-testid="run-block"
      data-run-id={run.id}
      data-status={run.status}
      aria-labelledby={titleId}
    >
      <header className="run__header">
        <h3 className="run__title" id={titleId}>
          {run.title}
        </h3>
        <span className="run__steps">
          {run.currentStep}/{run.totalSteps} Steps
        </span>
        <span className={`run__status run__status--${run.status.toLowerCase()}`} data-testid="run-status">
          {status ?? <span className="visually-hidden">Running</span>}
        </span>
        <span className="run__actions">
          {run.canCancel && (
            <Button variant="secondary" icon={<Chevron direction="left" />} onClick={() => setConfirmingCancel(true)}>
              Cancel
            </Button>
          )}
          {canResume && (
            <Button
              variant="primary"
              icon={<Chevron direction="right" />}
              disabled={starting}
              onClick={() => void resume()}
            >
              Resume
            </Button>
          )}
          {!run.canCancel && run.canRerun && (
            <Button
              variant="secondary"
              icon={<Chevron direction="right" />}
              disabled={starting}
              onClick={() => void rerun()}
            >
              Re-run
            </Button>
          )}
          <Button
            variant="quiet"
            aria-expanded={expanded}
            aria-controls={bodyId}
            aria-label={`${expanded ? 'Collapse' : 'Expand'} ${run.title}`}
            onClick={toggle}
            icon={<Chevron direction={expanded ? 'up' : 'down'} />}
          />
        </span>
      </header>
      {expanded && canResume && (
        <div className="run__resume">
          <label htmlFor={resumeSelectId}>Resume from</label>
          <select
            id={resumeSelectId}
            value={resumeFrom ?? stoppedAt}
            onChange={(event) => setResumeFrom(event.target.value)}
          >
            {run.retrySteps.map((key) => {
              const step = run.steps.find((candidate) => candidate.key === key);
              return (
                <option key={key} value={key}>
                  {step ? `${step.number}. ${step.title}` : key}
                </option>
              );
            })}
          </select>
        </div>
      )}
      {actionError && (
        <p className="run__error" role="alert">
          {actionError}
        </p>
      )}
      <HoldOpenProvider value={hold}>
        <div id={bodyId} className="run__body" hidden={!expanded}>
          {expanded && run.origin && (
            <p className="run__origin">
              <q>{run.origin.request}</q> <span className="run__reason">{run.origin.reason}</span>
            </p>
          )}
          {expanded &&
            started.map((step) => (
              <StepSection key={step.key} step={step} isCurrent={step.number === run.currentStep}>
                <StepBody typename={step.__typename} step={step} runId={run.id} />
              </StepSection>
            ))}
          {expanded && run.error && !run.error.stepKey && (
            <p className="run__error" role="status">
              {run.error.message}
            </p>
          )}
        </div>
      </HoldOpenProvider>
      {/* Closes by itself once the run can no longer be cancelled (it finished meanwhile, say in
          another tab), as an answered review's window does. */}
      {confirmingCancel && run.canCancel && (
        <CancelRunModal
          title={run.title}
          onConfirm={() => actions.cancelRun(run.id)}
          onClose={() => setConfirmingCancel(false)}
        />
      )}
    </article>
  );
});
