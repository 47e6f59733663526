import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';

import { getFragmentData } from '../gql';
import type { FragmentType } from '../gql';
import type { Decision, LectureConfigurationEdit, SubtitlesEdit, WorkflowInput } from '../gql/graphql';
import { request } from './http';
import { LiveLecture } from './liveLecture';
import type { LiveSnapshot } from './liveLecture';
import {
  CancelRunMutation,
  RerunRunMutation,
  ResolveHumanRequestMutation,
  RetryRunMutation,
  StartRunFromPromptMutation,
  StartRunMutation,
  UpdateLectureConfigurationMutation,
  UserErrorsFragment,
} from './operations';
import type { UserErrorView } from './userErrors';

export type { ConnectionStatus } from './liveLecture';

export interface LectureRunActions {
  startRun(workflow: WorkflowInput): Promise<readonly UserErrorView[]>;
  startRunFromPrompt(prompt: string): Promise<readonly UserErrorView[]>;
  /** Answer a HIL request; resolves to the refusals ([] when accepted). */
  decide(input: {
    runId: string;
    requestId: string;
    decision: Decision;
    configuration?: LectureConfigurationEdit;
    /** Only the cues whose text the person changed in "Review Subtitles". */
    subtitles?: SubtitlesEdit;
    /** With REQUEST_CHANGES: what should change. */
    feedback?: string;
    /** With ACCEPT among several candidates: the asset picked. */
    choice?: string;
    /** The request version the person was looking at; a stale one is refused (CONFLICT). */
    version?: number;
  }): Promise<readonly UserErrorView[]>;
  cancelRun(runId: string): Promise<readonly UserErrorView[]>;
  saveConfiguration(configuration: LectureConfigurationEdit): Promise<readonly UserErrorView[]>;
  rerunRun(runId: string): Promise<readonly UserErrorView[]>;
  /** Resume a failed or cancelled run, reusing its completed steps before `fromStep`. */
  retryRun(runId: string, fromStep?: string): Promise<readonly UserErrorView[]>;
  refreshLecture(): Promise<void>;
  loadEarlierRuns(): Promise<void>;
}

const userErrors = (errors: readonly FragmentType<typeof UserErrorsFragment>[]): UserErrorView[] =>
  errors.map((error) => {
    const { field, message, code } = getFragmentData(UserErrorsFragment, error);
    return { field, message, code };
  });

/**
 * One lecture, live: its data, its runs (oldest first, replaced in place as they change), the
 * connection state, and the actions that change them. Components get data and callbacks; only
 * this hook (through `LiveLecture`) knows about the websocket, cursors and re-reads.
 */
export function useLectureRuns(lectureId: string): LiveSnapshot & { actions: LectureRunActions } {
  const [live] = useState(() => new LiveLecture(lectureId));
  useEffect(() => {
    live.start();
    return () => live.stop();
  }, [live]);
  const snapshot = useSyncExternalStore(live.subscribe, live.getSnapshot);

  const actions = useMemo<LectureRunActions>(
    () => ({
      async startRun(workflow) {
        const { startRun } = await request(StartRunMutation, { input: { lectureId, workflow } });
        live.acceptRun(startRun.run);
        return userErrors(startRun.userErrors);
      },
      async startRunFromPrompt(prompt) {
        const { startRunFromPrompt } = await request(StartRunFromPromptMutation, { input: { lectureId, prompt } });
        live.acceptRun(startRunFromPrompt.run);
        return userErrors(startRunFromPrompt.userErrors);
      },
      async decide({ runId, requestId, decision, configuration, subtitles, feedback, choice, version }) {
        const input = {
          runId,
          requestId,
          decision,
          ...(configuration ? { edits: { configuration } } : {}),
          ...(subtitles ? { edits: { subtitles } } : {}),
          ...(feedback !== undefined ? { feedback } : {}),
          ...(choice !== undefined ? { choice } : {}),
          ...(version !== undefined ? { version } : {}),
        };
        const { resolveHumanRequest } = await request(ResolveHumanRequestMutation, { input });
        live.acceptRun(resolveHumanRequest.run);
        const refusals = userErrors(resolveHumanRequest.userErrors);
        // Stale: the review was answered or asked again meanwhile. Show what is current.
        if (refusals.some((refusal) => refusal.code === 'CONFLICT')) live.rereadRun(runId);
        return refusals;
      },
      async saveConfiguration(configuration) {
        const { updateLectureConfiguration: saved } = await request(UpdateLectureConfigurationMutation, {
          input: { lectureId, configuration },
        });
        live.acceptLecture(saved.lecture);
        return userErrors(saved.userErrors);
      },
      async cancelRun(runId) {
        const { cancelRun } = await request(CancelRunMutation, { input: { runId } });
        live.acceptRun(cancelRun.run);
        return userErrors(cancelRun.userErrors);
      },
      async rerunRun(runId) {
        const { rerunRun } = await request(RerunRunMutation, { input: { runId } });
        live.acceptRun(rerunRun.run);
        return userErrors(rerunRun.userErrors);
      },
      async retryRun(runId, fromStep) {
        const { retryRun } = await request(RetryRunMutation, { input: { runId, fromStep } });
        live.acceptRun(retryRun.run);
        return userErrors(retryRun.userErrors);
      },
      refreshLecture: live.refreshLecture,
      loadEarlierRuns: live.loadEarlierRuns,
    }),
    [live, lectureId],
  );

  return { ...snapshot, actions };
}
