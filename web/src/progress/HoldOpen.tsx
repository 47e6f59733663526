import { createContext, useContext, useEffect } from 'react';

/**
 * Keeps a run block expanded while a dialog opened from inside it is open. A block collapses
 * by itself when a newer run becomes current (`useDefaultedToggle`); without this, a review
 * the person is editing would close with it, and their edits would be lost, whenever another
 * tab or a follow-up started a run on the lecture.
 */
export interface HoldOpen {
  opened(): void;
  closed(): void;
}

const HoldOpenContext = createContext<HoldOpen | null>(null);

export const HoldOpenProvider = HoldOpenContext.Provider;

/** While `open`, the enclosing run block stays expanded. */
export function useHoldBlockOpen(open: boolean): void {
  const hold = useContext(HoldOpenContext);
  useEffect(() => {
    if (!open || !hold) return undefined;
    hold.opened();
    return hold.closed;
  }, [open, hold]);
}
