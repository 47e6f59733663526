import { useState } from 'react';

/**
 * Expanded or collapsed: follows `byDefault` (is this the current block / step?) until the
 * person toggles it, and follows it again once the default changes (a newer block or step
 * became current).
 */
export function useDefaultedToggle(byDefault: boolean): [boolean, () => void] {
  const [state, setState] = useState<{ forDefault: boolean; chosen: boolean | null }>({
    forDefault: byDefault,
    chosen: null,
  });
  let current = state;
  if (state.forDefault !== byDefault) {
    current = { forDefault: byDefault, chosen: null };
    setState(current); // reset during render: React re-renders at once, before painting
  }
  const expanded = current.chosen ?? byDefault;
  return [expanded, () => setState({ forDefault: byDefault, chosen: !expanded })];
}
