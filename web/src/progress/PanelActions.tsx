import { createContext, useContext } from 'react';

import type { LectureRunActions } from '../transport/useLectureRuns';

/** What the progress components can ask for; the lecture page provides it from the live hook:
 * the run actions it already has (answer a HIL request, cancel, re-run, resume), and a tab switch. */
export interface PanelActions extends Pick<LectureRunActions, 'decide' | 'cancelRun' | 'rerunRun' | 'retryRun'> {
  /** Switch to the Video preview tab. */
  openVideoPreview(): void;
}

const PanelActionsContext = createContext<PanelActions | null>(null);

export const PanelActionsProvider = PanelActionsContext.Provider;

export function usePanelActions(): PanelActions {
  const actions = useContext(PanelActionsContext);
  if (!actions) throw new Error('usePanelActions outside PanelActionsProvider');
  return actions;
}
