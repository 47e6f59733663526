import { createContext, useContext } from 'react';

import type { Decision, LectureConfigurationEdit, SubtitlesEdit } from '../gql/graphql';
import type { UserErrorView } from '../transport/userErrors';

/** What the progress components can ask for; the lecture page provides it from the live hook. */
export interface PanelActions {
  /** Answer a HIL request; resolves to the refusals ([] when accepted). */
  decide(input: {
    runId: string;
    requestId: string;
    decision: Decision;
    configuration?: LectureConfigurationEdit;
    /** Only the cues whose text the person changed in "Review Subtitles". */
    subtitles?: SubtitlesEdit;
  }): Promise<readonly UserErrorView[]>;
  cancelRun(runId: string): Promise<readonly UserErrorView[]>;
  rerunRun(runId: string): Promise<readonly UserErrorView[]>;
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
