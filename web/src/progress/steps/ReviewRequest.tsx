import { useState } from 'react';
import type { ReactNode } from 'react';

import { deadlineInWords } from '../deadline';
import { useHoldBlockOpen } from '../HoldOpen';
import { HumanRequestBlock } from '../HumanRequestBlock';

/** What a step's HIL block needs of its pending request. */
export interface PendingRequest {
  id: string;
  title: string;
  /** When the review ends unanswered; shown in plain words. */
  expiresAt?: string | null | undefined;
  /** The request version the person looks at, sent with the decision. */
  version?: number | undefined;
  /** How many more "Request changes" are allowed; null where not offered. */
  changeRoundsLeft?: number | null | undefined;
}

/**
 * A step's pending HIL block: its summary, its deadline and button, and the review modal it
 * opens. Nothing once the request is decided (the API clears it), so no button remains.
 */
export function ReviewRequest<R extends PendingRequest>({
  request,
  summary,
  modal,
}: {
  request: R | null | undefined;
  summary: ReactNode;
  /** The review, given the request and how to close it. */
  modal: (request: R, close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  useHoldBlockOpen(open && Boolean(request));
  if (!request) return null;
  return (
    <>
      <HumanRequestBlock title={request.title} onOpen={() => setOpen(true)}>
        {summary}
        {request.expiresAt && (
          <p className="hil__deadline" data-testid="hil-deadline">
            {deadlineInWords(request.expiresAt)}
          </p>
        )}
      </HumanRequestBlock>
      {open && modal(request, () => setOpen(false))}
    </>
  );
}
