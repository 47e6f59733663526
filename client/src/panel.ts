/**
 * A small typed consumer of the generated client: what the Agent Progress panel needs from it.
 * It is type-checked in CI (`bash client/check.sh`), so a schema change that breaks the
 * frontend's contract — a renamed field, a new step type, a changed input — fails `tsc`.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

import {
  CancelRunDocument,
  LecturePanelDocument,
  LecturesDocument,
  RerunRunDocument,
  ResolveHumanRequestDocument,
  RunChangesDocument,
  RunDocument,
  StartRunDocument,
  UpdateLectureConfigurationDocument,
} from '../generated/graphql';
import type {
  AssetFieldsFragment,
  CancelRunMutationVariables,
  ConfigurationReviewFieldsFragment,
  Decision,
  LectureConfigurationEdit,
  LectureConfigurationFieldsFragment,
  LecturePanelQuery,
  RerunRunMutationVariables,
  ResolveHumanRequestMutationVariables,
  RunBlockFragment,
  RunChangesSubscription,
  RunChangesSubscriptionVariables,
  StartRunMutationVariables,
  UpdateLectureConfigurationMutationVariables,
  WorkflowInput,
} from '../generated/graphql';

export type Run = RunBlockFragment;
export type WorkflowStep = Run['steps'][number];
export type StepType = WorkflowStep['__typename'];
export type StepOf<T extends StepType> = Extract<WorkflowStep, { __typename: T }>;

/** Everything the panel sends, for the transport (fetch, urql, Apollo...) to run. */
export const documents = {
  lectures: LecturesDocument,
  lecturePanel: LecturePanelDocument,
  updateLectureConfiguration: UpdateLectureConfigurationDocument,
  run: RunDocument,
  runChanges: RunChangesDocument,
  startRun: StartRunDocument,
  resolveHumanRequest: ResolveHumanRequestDocument,
  cancelRun: CancelRunDocument,
  rerunRun: RerunRunDocument,
} as const;

// ---- the block header -------------------------------------------------------------------------

/** "Generating Full Video - 2/6 Steps - Failed": the words of a run block's header. */
export function runHeader(run: Pick<Run, 'title' | 'currentStep' | 'totalSteps' | 'status'>): string {
  const parts = [run.title, `${run.currentStep}/${run.totalSteps} Steps`];
  if (run.status === 'FAILED') parts.push('Failed');
  if (run.status === 'CANCELLED') parts.push('Cancelled');
  return parts.join(' - ');
}

/** Shown in red. */
export const headerInRed = (run: Pick<Run, 'status'>): boolean => run.status === 'FAILED';

/** Cancel while the run can be stopped, Re-run once it has finished, nothing in between. */
export function runAction(run: Pick<Run, 'canCancel' | 'canRerun'>): 'cancel' | 'rerun' | null {
  if (run.canCancel) return 'cancel';
  if (run.canRerun) return 'rerun';
  return null;
}

/** Blocks in creation order (oldest first); the subscription's re-reads replace blocks in place. */
export function mergeRuns(blocks: readonly Run[], reread: readonly Run[]): Run[] {
  const byId = new Map(blocks.map((run) => [run.id, run] as const));
  for (const run of reread) {
    const known = byId.get(run.id);
    if (!known || known.version <= run.version) byId.set(run.id, run);
  }
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The subscription carries only IDs: re-read those of this panel (and new ones) with `Run`. */
export function idsToReread(change: RunChangesSubscription): string[] {
  return [...new Set(change.runChanges.runIds)];
}

/**
 * A fresh subscription (no `after`) first sends a message with no run IDs and the current cursor:
 * load the panel then, and every change after that read still arrives.
 */
export const subscriptionStarted = (change: RunChangesSubscription): boolean =>
  change.runChanges.runIds.length === 0;

/** Subscribe (again, after a dropped socket) from the last cursor seen, so no change is missed. */
export function runChangesVariables(
  lectureId: string,
  last: RunChangesSubscription | null,
): RunChangesSubscriptionVariables {
  return last ? { lectureId, after: last.runChanges.cursor } : { lectureId };
}

// ---- steps -----------------------------------------------------------------------------------

/** What the HIL button of a step opens. */
export type Review =
  | {
      kind: 'asset';
      media: 'image' | 'narration' | 'score' | 'subtitles';
      runId: string;
      requestId: string;
      button: string;
      candidate: AssetFieldsFragment;
      previous: AssetFieldsFragment | null;
    }
  | {
      kind: 'configuration';
      runId: string;
      requestId: string;
      button: string;
      candidate: LectureConfigurationFieldsFragment;
      changes: ConfigurationReviewFieldsFragment['changes'];
    };

export interface StepView {
  /** "1/6 Configuration Ready for Review" */
  header: string;
  /** A progress bar for steps made of many units: "4/12 images". */
  progress: { fraction: number; label: string } | null;
  bullets: { text: string; isError: boolean }[];
  /** The component body, per step type. */
  details: string[];
  review: Review | null;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled step type: ${JSON.stringify(value)}`);
}

function assetReview(
  run: Run,
  step: StepOf<
    'ImageGenerationStep' | 'NarrationGenerationStep' | 'ScoreGenerationStep' | 'SubtitlesGenerationStep'
  >,
  media: 'image' | 'narration' | 'score' | 'subtitles',
): Review | null {
  if (!step.request || !step.review) return null;
  return {
    kind: 'asset',
    media,
    runId: run.id,
    requestId: step.request.id,
    button: step.request.title,
    candidate: step.review.candidate,
    previous: step.review.previous,
  };
}

/** One step's view; the switch is exhaustive, so a new `WorkflowStep` member fails `tsc`. */
export function stepView(run: Run, step: WorkflowStep): StepView {
  const view: StepView = {
    header: `${step.number}/${step.total} ${step.summary}`,
    progress: step.progress
      ? {
          fraction: step.progress.total ? step.progress.done / step.progress.total : 1,
          label: `${step.progress.done}/${step.progress.total} ${step.progress.unit}`,
        }
      : null,
    bullets: step.messages.map((m) => ({ text: m.text, isError: m.level === 'ERROR' })),
    details: [],
    review: null,
  };
  switch (step.__typename) {
    case 'ConfigurationStep':
      if (step.request && step.configurationReview) {
        view.review = {
          kind: 'configuration',
          runId: run.id,
          requestId: step.request.id,
          button: step.request.title,
          candidate: step.configurationReview.candidate,
          changes: step.configurationReview.changes,
        };
      }
      view.details = step.changes.map((c) => `${c.field}: ${String(c.before)} → ${String(c.after)}`);
      break;
    case 'ScriptStep':
      view.details = step.scriptSegments.map((s) => `${s.number}. ${s.narration}`);
      break;
    case 'SegmentImagesStep':
      view.details = step.segmentImages.flatMap((s) => s.images.map((image) => image.url));
      break;
    case 'NarrationStep':
      view.details = step.files.map((f) => f.audio.url);
      break;
    case 'BackgroundScoreStep':
      view.details = step.music ? [step.music.url] : [];
      break;
    case 'TimelineStep':
      view.details = step.timeline ? [`${step.timeline.durationSeconds} s`] : [];
      break;
    case 'ImageGenerationStep':
      view.review = assetReview(run, step, 'image');
      view.details = step.candidate ? [step.candidate.url] : [];
      break;
    case 'NarrationGenerationStep':
      view.review = assetReview(run, step, 'narration');
      view.details = step.text ? [step.text] : [];
      break;
    case 'ScoreGenerationStep':
      view.review = assetReview(run, step, 'score');
      view.details = step.prompt ? [step.prompt] : [];
      break;
    case 'SubtitlesGenerationStep':
      view.review = assetReview(run, step, 'subtitles');
      view.details = step.cues.map((c) => `${c.number}. ${c.text}`);
      break;
    default:
      return assertNever(step);
  }
  return view;
}

/** The pending review of a run, if a step is waiting for a person. */
export function pendingReview(run: Run): Review | null {
  for (const step of run.steps) {
    const review = stepView(run, step).review;
    if (review) return review;
  }
  return null;
}

// ---- mutation variables ------------------------------------------------------------------------

export function startRunVariables(lectureId: string, workflow: WorkflowInput): StartRunMutationVariables {
  return { input: { lectureId, workflow } };
}

export const imageWorkflow = (prompt: string): WorkflowInput => ({ image: { prompt } });
export const fullVideoWorkflow = (prompt: string): WorkflowInput => ({ fullVideo: { prompt } });

/** Every configuration field the review shows can be edited: a field dropped from the edit input fails here. */
type NotEditable = Exclude<keyof LectureConfigurationFieldsFragment, keyof LectureConfigurationEdit>;
const everyFieldIsEditable: [NotEditable] extends [never] ? true : NotEditable = true;
void everyFieldIsEditable;

/** Only what the person changed in "Review and Confirm Configuration". */
export function configurationEdits(
  candidate: LectureConfigurationFieldsFragment,
  edited: LectureConfigurationFieldsFragment,
): LectureConfigurationEdit {
  const edits: Record<string, unknown> = {};
  for (const key of Object.keys(candidate) as (keyof LectureConfigurationFieldsFragment)[]) {
    if (candidate[key] !== edited[key]) edits[key] = edited[key];
  }
  return edits as LectureConfigurationEdit;
}

/** The Configuration tab saves only what the person changed. */
export function updateConfigurationVariables(
  lectureId: string,
  saved: LectureConfigurationFieldsFragment,
  edited: LectureConfigurationFieldsFragment,
): UpdateLectureConfigurationMutationVariables {
  return { input: { lectureId, configuration: configurationEdits(saved, edited) } };
}

// ---- the Visuals and Audio tabs ----------------------------------------------------------------

type PanelLecture = NonNullable<LecturePanelQuery['lecture']>;

/** The Visuals tab: the cover, then each segment's pictures in order. */
export function picturesBySegment(
  lecture: Pick<PanelLecture, 'images'>,
): Map<number | null, PanelLecture['images']> {
  const groups = new Map<number | null, PanelLecture['images']>();
  for (const picture of lecture.images) {
    groups.set(picture.segment ?? null, [...(groups.get(picture.segment ?? null) ?? []), picture]);
  }
  return groups;
}

/** "Generate Image" for one slot of the Visuals tab replaces exactly that picture. */
export const replaceImageWorkflow = (prompt: string, slot: string): WorkflowInput => ({
  image: { prompt, slot },
});

/** "Generate Narration" for one segment of the Audio tab. */
export const replaceNarrationWorkflow = (segment: number): WorkflowInput => ({
  narration: { segment },
});

/** Confirm or reject the review; an edited configuration goes with ACCEPT only. */
export function resolveVariables(
  review: Review,
  decision: Decision,
  editedConfiguration?: LectureConfigurationFieldsFragment,
): ResolveHumanRequestMutationVariables {
  const input: ResolveHumanRequestMutationVariables['input'] = {
    runId: review.runId,
    requestId: review.requestId,
    decision,
  };
  if (decision === 'ACCEPT' && review.kind === 'configuration' && editedConfiguration) {
    input.edits = { configuration: configurationEdits(review.candidate, editedConfiguration) };
  }
  return { input };
}

export const cancelVariables = (run: Pick<Run, 'id'>): CancelRunMutationVariables => ({
  input: { runId: run.id },
});
export const rerunVariables = (run: Pick<Run, 'id'>): RerunRunMutationVariables => ({
  input: { runId: run.id },
});

// ---- a minimal transport -----------------------------------------------------------------------

/** POST one typed document; the result type follows from the document. */
export async function execute<TResult, TVariables>(
  endpoint: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TResult; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(body.errors?.map((e) => e.message).join('; ') ?? 'no data');
  }
  return body.data;
}

/** What one subscription message leads to: re-read each named run and merge it into the blocks. */
export async function refreshBlocks(
  endpoint: string,
  blocks: readonly Run[],
  change: RunChangesSubscription,
): Promise<Run[]> {
  const reread = await Promise.all(
    idsToReread(change).map((id) => execute(endpoint, RunDocument, { id })),
  );
  return mergeRuns(
    blocks,
    reread.flatMap((result) => (result.run ? [result.run] : [])),
  );
}
