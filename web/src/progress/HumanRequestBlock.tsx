import type { ReactNode } from 'react';

import { Button } from '../ui/Button';

/** The HIL block at the end of a step: what is asked, and the button that opens the review. */
export function HumanRequestBlock({
  title,
  onOpen,
  children,
}: {
  title: string;
  onOpen: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="hil" data-testid="hil-block">
      {children && <div className="hil__summary">{children}</div>}
      <Button variant="primary" onClick={onOpen}>
        {title}
      </Button>
    </div>
  );
}
