import { useState } from 'react';
import type { ReactNode } from 'react';

import { HumanRequestBlock } from '../HumanRequestBlock';

/**
 * A step's pending HIL block: its summary and button, and the review modal the button opens.
 * Nothing once the request is decided (the API clears it), so no button remains.
 */
export function ReviewRequest({
  request,
  summary,
  modal,
}: {
  request: { id: string; title: string } | null | undefined;
  summary: ReactNode;
  /** The review, given the request and how to close it. */
  modal: (request: { id: string; title: string }, close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  if (!request) return null;
  return (
    <>
      <HumanRequestBlock title={request.title} onOpen={() => setOpen(true)}>
        {summary}
      </HumanRequestBlock>
      {open && modal(request, () => setOpen(false))}
    </>
  );
}
