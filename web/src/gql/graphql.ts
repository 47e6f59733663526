/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Generate the lecture's background music and let a person accept or reject it. */
export type BackgroundScoreInput = {
  /** Overrides the lecture's music style; empty keeps it. */
  musicStyle?: string | null | undefined;
};

/** Create a lecture. */
export type CreateLectureInput = {
  /** What the lecture is about. */
  prompt?: string;
  /** 1 to 200 characters. */
  title: string;
};

/** A person's answer to a review. */
export type Decision =
  | 'ACCEPT'
  | 'REJECT'
  | 'REQUEST_CHANGES';

/** From a prompt to a playable video: configuration, script, images, narration, music and timeline. */
export type FullVideoInput = {
  /** The person's request, e.g. "A 2 minute lecture on volcanoes for kids". */
  prompt: string;
};

/** An edited review payload; one field per editable review. */
export type HumanRequestEdits =
  {   /** Edits in "Review and Confirm Configuration". */
  configuration: LectureConfigurationEdit; subtitles?: never; }
  |  { configuration?: never;   /** Edits in "Review Subtitles". */
  subtitles: SubtitlesEdit; };

/** Generate one image (or up to four to choose from) for the lecture and let a person accept one, reject them, or ask for changes. */
export type ImageInput = {
  /** Overrides the lecture's image model. */
  model?: string | null | undefined;
  /** The image prompt; empty means the lecture's own prompt. */
  prompt?: string;
  /** Overrides the lecture's image size. */
  size?: ImageSize | null | undefined;
  /** Which of the lecture's images this replaces: `cover` or `segment-N-image-K`. */
  slot?: string;
  /** How many candidates to generate (1 to 4); the review shows them all to pick one. */
  variations?: number;
};

/** Picture frames: square, landscape or portrait. */
export type ImageSize =
  | 'LANDSCAPE'
  | 'PORTRAIT'
  | 'SQUARE';

/** Settings to change; omitted fields keep the reviewed value. */
export type LectureConfigurationEdit = {
  /** Who it is for, e.g. "curious adults" or "kids". */
  audience?: string | null | undefined;
  /** Target length of the video in seconds (10 to 3600). */
  durationSeconds?: number | null | undefined;
  /** The model that paints the pictures. */
  imageModel?: string | null | undefined;
  /** The pictures' frame. */
  imageSize?: ImageSize | null | undefined;
  /** Visual style of every picture. */
  imageStyle?: string | null | undefined;
  /** Pictures shown during each segment (1 to 6). */
  imagesPerSegment?: number | null | undefined;
  /** The narration's language. */
  language?: string | null | undefined;
  /** The model that composes the score. */
  musicModel?: string | null | undefined;
  /** Style of the background score. */
  musicStyle?: string | null | undefined;
  /** Score volume under the narration, 0 to 1. */
  musicVolume?: number | null | undefined;
  /** What the lecture is about, in the person's words. */
  prompt?: string | null | undefined;
  /** Seconds per narrated segment (5 to 300); with the duration it sets the segment count. */
  segmentLengthSeconds?: number | null | undefined;
  /** Narration speed, 0.5 to 2 times normal. */
  speakingRate?: number | null | undefined;
  /** The model that speaks the narration. */
  speechModel?: string | null | undefined;
  /** The lecture's tone and manner, e.g. "clear, friendly explainer". */
  style?: string | null | undefined;
  /** The model that parses prompts and writes scripts and image prompts. */
  textModel?: string | null | undefined;
  /** The narrator's voice (a speech model voice name). */
  voice?: string | null | undefined;
};

/** How a bullet message reads. */
export type MessageLevel =
  | 'ERROR'
  | 'INFO'
  | 'SUCCESS';

/** Generate one segment's narration audio and let a person accept or reject it. */
export type NarrationInput = {
  /** Which script segment to narrate (1-based). */
  segment?: number;
  /** The words to speak; empty means the segment's text in the lecture's timeline. */
  text?: string;
  /** Overrides the lecture's voice. */
  voice?: string | null | undefined;
};

/** Answer a pending human-in-the-loop request. */
export type ResolveHumanRequestInput = {
  /** With ACCEPT: the id of the candidate picked (one of the review's `candidates`); required when there are several. */
  choice?: string | null | undefined;
  /** Accept (confirm), reject (cancel), or request changes (where the request's changeRoundsLeft is above 0). */
  decision: Decision;
  /** Changes made in an editable review; only with ACCEPT. */
  edits?: HumanRequestEdits | null | undefined;
  /** What should change: required (not blank, at most 2,000 characters) with REQUEST_CHANGES, refused otherwise. */
  feedback?: string | null | undefined;
  /** HumanRequest.id of the pending request. */
  requestId: string;
  /** The run that asks. */
  runId: string;
  /** HumanRequest.version the person was looking at. If the request was re-issued or the run moved on since, the decision is refused with CONFLICT and changes nothing. Omitted: no check. */
  version?: number | null | undefined;
};

/** Resume a failed, cancelled or interrupted run. */
export type RetryRunInput = {
  /** The step key to start at (one of the run's `retrySteps`); by default the step where the run stopped. */
  fromStep?: string | null | undefined;
  /** The run to resume. */
  runId: string;
};

/** Identify a run. */
export type RunInput = {
  /** The run. */
  runId: string;
};

/** Where a run is in its life. */
export type RunStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'WAITING_FOR_INPUT';

/** Start whichever workflow a sentence asks for. */
export type StartRunFromPromptInput = {
  /** The lecture to work on. */
  lectureId: string;
  /** What the person wants, e.g. "Make a 2 minute video on tides for kids". */
  prompt: string;
};

/** Start a workflow on a lecture. */
export type StartRunInput = {
  /** The lecture to work on. */
  lectureId: string;
  /** Which workflow, with its input. */
  workflow: WorkflowInput;
};

/** Where a step is in its life. */
export type StepStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'WAITING_FOR_INPUT';

/** A cue's new text. */
export type SubtitleCueEdit = {
  /** The cue, as numbered in the review. */
  number: number;
  /** What it should say instead. */
  text: string;
};

/** Edits in "Review Subtitles": new text for some cues (their timing stays). */
export type SubtitlesEdit = {
  /** The cues whose text changes. */
  cues: Array<SubtitleCueEdit>;
};

/** Make subtitles (captions) for the lecture's video from its script and narration, and let a person edit, accept or reject them. */
export type SubtitlesInput = {
  /** Characters per subtitle line; longer sentences wrap onto more lines. */
  maxLineLength?: number;
};

/** Change a lecture's saved settings (the Configuration tab). */
export type UpdateLectureConfigurationInput = {
  /** The settings to change; omitted ones keep their saved value. */
  configuration: LectureConfigurationEdit;
  /** The lecture. */
  lectureId: string;
};

/** Why a mutation was refused. */
export type UserErrorCode =
  | 'ALREADY_FINISHED'
  | 'CONFLICT'
  | 'INTERNAL'
  | 'INTERRUPTED'
  | 'INVALID_INPUT'
  | 'NOT_FINISHED'
  | 'NOT_FOUND'
  | 'NOT_PENDING'
  | 'PROVIDER_FAILED'
  | 'PROVIDER_RATE_LIMITED'
  | 'REVIEW_EXPIRED';

/** Which workflow to start, with its input. */
export type WorkflowInput =
  {   /** Generating Background Score */
  backgroundScore: BackgroundScoreInput; fullVideo?: never; image?: never; narration?: never; subtitles?: never; }
  |  { backgroundScore?: never;   /** Generating Full Video */
  fullVideo: FullVideoInput; image?: never; narration?: never; subtitles?: never; }
  |  { backgroundScore?: never; fullVideo?: never;   /** Generating Image */
  image: ImageInput; narration?: never; subtitles?: never; }
  |  { backgroundScore?: never; fullVideo?: never; image?: never;   /** Generating Narration */
  narration: NarrationInput; subtitles?: never; }
  |  { backgroundScore?: never; fullVideo?: never; image?: never; narration?: never;   /** Generating Subtitles */
  subtitles: SubtitlesInput; };

export type ConfigurationForm_ConfigurationFragment = { prompt: string, style: string, audience: string, language: string, durationSeconds: number, segmentLengthSeconds: number, imagesPerSegment: number, imageStyle: string, imageSize: ImageSize, voice: string, speakingRate: number, musicStyle: string, musicVolume: number, textModel: string, imageModel: string, speechModel: string, musicModel: string } & { ' $fragmentName'?: 'ConfigurationForm_ConfigurationFragment' };

export type AudioTab_LectureFragment = { score: { id: string, url: string } | null, narrations: Array<{ segment: number, audio: { id: string, url: string } }>, timeline: { segments: Array<{ number: number, text: string }> } | null } & { ' $fragmentName'?: 'AudioTab_LectureFragment' };

export type ConfigurationTab_LectureFragment = { config: { ' $fragmentRefs'?: { 'ConfigurationForm_ConfigurationFragment': ConfigurationForm_ConfigurationFragment } } } & { ' $fragmentName'?: 'ConfigurationTab_LectureFragment' };

export type LecturePage_LectureFragment = (
  { id: string, title: string, prompt: string, timeline: { durationSeconds: number, music: { id: string } } | null }
  & { ' $fragmentRefs'?: { 'ConfigurationTab_LectureFragment': ConfigurationTab_LectureFragment;'VisualsTab_LectureFragment': VisualsTab_LectureFragment;'AudioTab_LectureFragment': AudioTab_LectureFragment;'VideoPreview_LectureFragment': VideoPreview_LectureFragment } }
) & { ' $fragmentName'?: 'LecturePage_LectureFragment' };

export type VideoPreview_LectureFragment = { narrations: Array<{ segment: number }>, timeline: { durationSeconds: number, musicVolume: number, tracks: Array<{ slot: string, kind: string, label: string, file: { id: string, url: string } }>, music: { url: string }, segments: Array<{ number: number, text: string, startSeconds: number, endSeconds: number, narration: { url: string }, images: Array<{ startSeconds: number, endSeconds: number, image: { id: string, url: string } }> }> } | null } & { ' $fragmentName'?: 'VideoPreview_LectureFragment' };

export type VisualsTab_LectureFragment = { images: Array<{ slot: string, segment: number | null, position: number | null, image: { id: string, url: string } }> } & { ' $fragmentName'?: 'VisualsTab_LectureFragment' };

export type RunBlock_RunFragment = { id: string, title: string, status: RunStatus, currentStep: number, totalSteps: number, canCancel: boolean, canRerun: boolean, canRetry: boolean, retrySteps: Array<string>, origin: { request: string, reason: string } | null, error: { message: string, stepKey: string | null } | null, steps: Array<
    | (
      { __typename: 'BackgroundScoreStep', key: string, number: number, title: string, status: StepStatus }
      & { ' $fragmentRefs'?: { 'StepSection_Step_BackgroundScoreStep_Fragment': StepSection_Step_BackgroundScoreStep_Fragment;'BackgroundScoreStepView_StepFragment': BackgroundScoreStepView_StepFragment } }
    )
    | (
      { __typename: 'ConfigurationStep', key: string, number: number, title: string, status: StepStatus }
      & { ' $fragmentRefs'?: { 'StepSection_Step_ConfigurationStep_Fragment': StepSection_Step_ConfigurationStep_Fragment;'ConfigurationStepView_StepFragment': ConfigurationStepView_StepFragment } }
    )
    | (
      { __typename: 'ImageGenerationStep', key: string, number: number, title: string, status: StepStatus }
      & { ' $fragmentRefs'?: { 'StepSection_Step_ImageGenerationStep_Fragment': StepSection_Step_ImageGenerationStep_Fragment;'ImageGenerationStepView_StepFragment': ImageGenerationStepView_StepFragment } }
    )
    | (
      { __typename: 'NarrationGenerationStep', key: string, number: number, title: string, status: StepStatus }
      & { ' $fragmentRefs'?: { 'StepSection_Step_NarrationGenerationStep_Fragment': StepSection_Step_NarrationGenerationStep_Fragment;'NarrationGenerationStepView_StepFragment': NarrationGenerationStepView_StepFragment } }
    )
    | (
      { __typename: 'NarrationStep', key: string, number: number, title: string, status: StepStatus }
      & { ' $fragmentRefs'?: { 'StepSection_Step_NarrationStep_Fragment': StepSection_Step_NarrationStep_Fragment;'NarrationStepView_StepFragment': NarrationStepView_StepFragment } }
    )
    | (
      { __typename: 'ScoreGenerationStep', key: string, number: number, title: string, status: StepStatus }
      & { ' $fragmentRefs'?: { 'StepSection_Step_ScoreGenerationStep_Fragment': StepSection_Step_ScoreGenerationStep_Fragment;'ScoreGenerationStepView_StepFragment': ScoreGenerationStepView_StepFragment } }
    )
    | (
      { __typename: 'ScriptStep', key: string, number: number, title: string, status: StepStatus }
      & { ' $fragmentRefs'?: { 'StepSection_Step_ScriptStep_Fragment': StepSection_Step_ScriptStep_Fragment;'ScriptStepView_StepFragment': ScriptStepView_StepFragment } }
    )
    | (
      { __typename: 'SegmentImagesStep', key: string, number: number, title: string, status: StepStatus }
      & { ' $fragmentRefs'?: { 'StepSection_Step_SegmentImagesStep_Fragment': StepSection_Step_SegmentImagesStep_Fragment;'SegmentImagesStepView_StepFragment': SegmentImagesStepView_StepFragment } }
    )
    | (
      { __typename: 'SubtitlesGenerationStep', key: string, number: number, title: string, status: StepStatus }
      & { ' $fragmentRefs'?: { 'StepSection_Step_SubtitlesGenerationStep_Fragment': StepSection_Step_SubtitlesGenerationStep_Fragment;'SubtitlesGenerationStepView_StepFragment': SubtitlesGenerationStepView_StepFragment } }
    )
    | (
      { __typename: 'TimelineStep', key: string, number: number, title: string, status: StepStatus }
      & { ' $fragmentRefs'?: { 'StepSection_Step_TimelineStep_Fragment': StepSection_Step_TimelineStep_Fragment;'TimelineStepView_StepFragment': TimelineStepView_StepFragment } }
    )
  > } & { ' $fragmentName'?: 'RunBlock_RunFragment' };

type StepSection_Step_BackgroundScoreStep_Fragment = { key: string, number: number, total: number, title: string, status: StepStatus, summary: string, messages: Array<{ key: string, text: string, level: MessageLevel }>, progress: { done: number, total: number, unit: string } | null } & { ' $fragmentName'?: 'StepSection_Step_BackgroundScoreStep_Fragment' };

type StepSection_Step_ConfigurationStep_Fragment = { key: string, number: number, total: number, title: string, status: StepStatus, summary: string, messages: Array<{ key: string, text: string, level: MessageLevel }>, progress: { done: number, total: number, unit: string } | null } & { ' $fragmentName'?: 'StepSection_Step_ConfigurationStep_Fragment' };

type StepSection_Step_ImageGenerationStep_Fragment = { key: string, number: number, total: number, title: string, status: StepStatus, summary: string, messages: Array<{ key: string, text: string, level: MessageLevel }>, progress: { done: number, total: number, unit: string } | null } & { ' $fragmentName'?: 'StepSection_Step_ImageGenerationStep_Fragment' };

type StepSection_Step_NarrationGenerationStep_Fragment = { key: string, number: number, total: number, title: string, status: StepStatus, summary: string, messages: Array<{ key: string, text: string, level: MessageLevel }>, progress: { done: number, total: number, unit: string } | null } & { ' $fragmentName'?: 'StepSection_Step_NarrationGenerationStep_Fragment' };

type StepSection_Step_NarrationStep_Fragment = { key: string, number: number, total: number, title: string, status: StepStatus, summary: string, messages: Array<{ key: string, text: string, level: MessageLevel }>, progress: { done: number, total: number, unit: string } | null } & { ' $fragmentName'?: 'StepSection_Step_NarrationStep_Fragment' };

type StepSection_Step_ScoreGenerationStep_Fragment = { key: string, number: number, total: number, title: string, status: StepStatus, summary: string, messages: Array<{ key: string, text: string, level: MessageLevel }>, progress: { done: number, total: number, unit: string } | null } & { ' $fragmentName'?: 'StepSection_Step_ScoreGenerationStep_Fragment' };

type StepSection_Step_ScriptStep_Fragment = { key: string, number: number, total: number, title: string, status: StepStatus, summary: string, messages: Array<{ key: string, text: string, level: MessageLevel }>, progress: { done: number, total: number, unit: string } | null } & { ' $fragmentName'?: 'StepSection_Step_ScriptStep_Fragment' };

type StepSection_Step_SegmentImagesStep_Fragment = { key: string, number: number, total: number, title: string, status: StepStatus, summary: string, messages: Array<{ key: string, text: string, level: MessageLevel }>, progress: { done: number, total: number, unit: string } | null } & { ' $fragmentName'?: 'StepSection_Step_SegmentImagesStep_Fragment' };

type StepSection_Step_SubtitlesGenerationStep_Fragment = { key: string, number: number, total: number, title: string, status: StepStatus, summary: string, messages: Array<{ key: string, text: string, level: MessageLevel }>, progress: { done: number, total: number, unit: string } | null } & { ' $fragmentName'?: 'StepSection_Step_SubtitlesGenerationStep_Fragment' };

type StepSection_Step_TimelineStep_Fragment = { key: string, number: number, total: number, title: string, status: StepStatus, summary: string, messages: Array<{ key: string, text: string, level: MessageLevel }>, progress: { done: number, total: number, unit: string } | null } & { ' $fragmentName'?: 'StepSection_Step_TimelineStep_Fragment' };

export type StepSection_StepFragment =
  | StepSection_Step_BackgroundScoreStep_Fragment
  | StepSection_Step_ConfigurationStep_Fragment
  | StepSection_Step_ImageGenerationStep_Fragment
  | StepSection_Step_NarrationGenerationStep_Fragment
  | StepSection_Step_NarrationStep_Fragment
  | StepSection_Step_ScoreGenerationStep_Fragment
  | StepSection_Step_ScriptStep_Fragment
  | StepSection_Step_SegmentImagesStep_Fragment
  | StepSection_Step_SubtitlesGenerationStep_Fragment
  | StepSection_Step_TimelineStep_Fragment
;

export type BackgroundScoreStepView_StepFragment = { music: { durationSeconds: number | null } | null } & { ' $fragmentName'?: 'BackgroundScoreStepView_StepFragment' };

export type ConfigurationStepView_StepFragment = { request: { id: string, title: string, version: number, expiresAt: string | null } | null, changes: Array<{ field: string, after: unknown }>, configurationReview: { ' $fragmentRefs'?: { 'ConfigurationReviewModal_ReviewFragment': ConfigurationReviewModal_ReviewFragment } } | null } & { ' $fragmentName'?: 'ConfigurationStepView_StepFragment' };

export type ImageGenerationStepView_StepFragment = { slot: string | null, request: { id: string, title: string, version: number, expiresAt: string | null, changeRoundsLeft: number | null } | null, review: { ' $fragmentRefs'?: { 'AssetReviewModal_ReviewFragment': AssetReviewModal_ReviewFragment } } | null } & { ' $fragmentName'?: 'ImageGenerationStepView_StepFragment' };

export type NarrationGenerationStepView_StepFragment = { segment: number | null, request: { id: string, title: string, version: number, expiresAt: string | null, changeRoundsLeft: number | null } | null, review: { ' $fragmentRefs'?: { 'AssetReviewModal_ReviewFragment': AssetReviewModal_ReviewFragment } } | null } & { ' $fragmentName'?: 'NarrationGenerationStepView_StepFragment' };

export type NarrationStepView_StepFragment = { voice: string | null, files: Array<{ segment: number }> } & { ' $fragmentName'?: 'NarrationStepView_StepFragment' };

export type ScoreGenerationStepView_StepFragment = { request: { id: string, title: string, version: number, expiresAt: string | null, changeRoundsLeft: number | null } | null, review: { ' $fragmentRefs'?: { 'AssetReviewModal_ReviewFragment': AssetReviewModal_ReviewFragment } } | null } & { ' $fragmentName'?: 'ScoreGenerationStepView_StepFragment' };

export type ScriptStepView_StepFragment = { scriptTitle: string | null, scriptSegments: Array<{ number: number, narration: string }> } & { ' $fragmentName'?: 'ScriptStepView_StepFragment' };

export type SegmentImagesStepView_StepFragment = { segmentImages: Array<{ number: number, images: Array<{ id: string, url: string }> }> } & { ' $fragmentName'?: 'SegmentImagesStepView_StepFragment' };

export type SubtitlesGenerationStepView_StepFragment = (
  { request: { id: string, title: string, version: number, expiresAt: string | null } | null, review: { candidate: { id: string } } | null, cues: Array<{ number: number }> }
  & { ' $fragmentRefs'?: { 'SubtitlesReviewModal_StepFragment': SubtitlesReviewModal_StepFragment } }
) & { ' $fragmentName'?: 'SubtitlesGenerationStepView_StepFragment' };

export type TimelineStepView_StepFragment = { timeline: { durationSeconds: number } | null } & { ' $fragmentName'?: 'TimelineStepView_StepFragment' };

export type AssetReviewModal_ReviewFragment = { candidate: { id: string, url: string, mediaType: string, width: number | null, height: number | null, durationSeconds: number | null }, candidates: Array<{ id: string, url: string }>, previous: { id: string, url: string, mediaType: string, width: number | null, height: number | null, durationSeconds: number | null } | null } & { ' $fragmentName'?: 'AssetReviewModal_ReviewFragment' };

export type ConfigurationReviewModal_ReviewFragment = { candidate: { ' $fragmentRefs'?: { 'ConfigurationForm_ConfigurationFragment': ConfigurationForm_ConfigurationFragment } }, changes: Array<{ field: string, before: unknown, after: unknown }> } & { ' $fragmentName'?: 'ConfigurationReviewModal_ReviewFragment' };

export type SubtitlesReviewModal_StepFragment = { maxLineLength: number | null, cues: Array<{ number: number, segment: number, startSeconds: number, endSeconds: number, text: string }> } & { ' $fragmentName'?: 'SubtitlesReviewModal_StepFragment' };

export type LiveRunFragment = (
  { id: string, version: number, createdAt: string, status: RunStatus, currentStep: number }
  & { ' $fragmentRefs'?: { 'RunBlock_RunFragment': RunBlock_RunFragment } }
) & { ' $fragmentName'?: 'LiveRunFragment' };

export type UserErrorsFragment = { field: Array<string>, message: string, code: UserErrorCode } & { ' $fragmentName'?: 'UserErrorsFragment' };

export type LecturePanelQueryVariables = Exact<{
  id: string;
}>;


export type LecturePanelQuery = { lecture: (
    { id: string, title: string }
    & { ' $fragmentRefs'?: { 'LecturePage_LectureFragment': LecturePage_LectureFragment } }
  ) | null };

export type LectureRunsQueryVariables = Exact<{
  id: string;
  first: number;
  after?: string | null | undefined;
}>;


export type LectureRunsQuery = { lecture: { id: string, runs: { nodes: Array<{ ' $fragmentRefs'?: { 'LiveRunFragment': LiveRunFragment } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type RunsByIdsQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type RunsByIdsQuery = { nodes: Array<
    | { __typename: 'Lecture' }
    | (
      { __typename: 'WorkflowRun' }
      & { ' $fragmentRefs'?: { 'LiveRunFragment': LiveRunFragment } }
    )
   | null> };

export type LectureRunChangesSubscriptionVariables = Exact<{
  lectureId: string;
  after?: string | null | undefined;
}>;


export type LectureRunChangesSubscription = { runChanges: { runIds: Array<string>, cursor: string } };

export type StartRunMutationVariables = Exact<{
  input: StartRunInput;
}>;


export type StartRunMutation = { startRun: { run: { ' $fragmentRefs'?: { 'LiveRunFragment': LiveRunFragment } } | null, userErrors: Array<{ ' $fragmentRefs'?: { 'UserErrorsFragment': UserErrorsFragment } }> } };

export type StartRunFromPromptMutationVariables = Exact<{
  input: StartRunFromPromptInput;
}>;


export type StartRunFromPromptMutation = { startRunFromPrompt: { run: { ' $fragmentRefs'?: { 'LiveRunFragment': LiveRunFragment } } | null, userErrors: Array<{ ' $fragmentRefs'?: { 'UserErrorsFragment': UserErrorsFragment } }> } };

export type ResolveHumanRequestMutationVariables = Exact<{
  input: ResolveHumanRequestInput;
}>;


export type ResolveHumanRequestMutation = { resolveHumanRequest: { run: { ' $fragmentRefs'?: { 'LiveRunFragment': LiveRunFragment } } | null, userErrors: Array<{ ' $fragmentRefs'?: { 'UserErrorsFragment': UserErrorsFragment } }> } };

export type CancelRunMutationVariables = Exact<{
  input: RunInput;
}>;


export type CancelRunMutation = { cancelRun: { run: { ' $fragmentRefs'?: { 'LiveRunFragment': LiveRunFragment } } | null, userErrors: Array<{ ' $fragmentRefs'?: { 'UserErrorsFragment': UserErrorsFragment } }> } };

export type RerunRunMutationVariables = Exact<{
  input: RunInput;
}>;


export type RerunRunMutation = { rerunRun: { run: { ' $fragmentRefs'?: { 'LiveRunFragment': LiveRunFragment } } | null, userErrors: Array<{ ' $fragmentRefs'?: { 'UserErrorsFragment': UserErrorsFragment } }> } };

export type RetryRunMutationVariables = Exact<{
  input: RetryRunInput;
}>;


export type RetryRunMutation = { retryRun: { run: { ' $fragmentRefs'?: { 'LiveRunFragment': LiveRunFragment } } | null, userErrors: Array<{ ' $fragmentRefs'?: { 'UserErrorsFragment': UserErrorsFragment } }> } };

export type UpdateLectureConfigurationMutationVariables = Exact<{
  input: UpdateLectureConfigurationInput;
}>;


export type UpdateLectureConfigurationMutation = { updateLectureConfiguration: { lecture: (
      { id: string, title: string }
      & { ' $fragmentRefs'?: { 'LecturePage_LectureFragment': LecturePage_LectureFragment } }
    ) | null, userErrors: Array<{ ' $fragmentRefs'?: { 'UserErrorsFragment': UserErrorsFragment } }> } };

export type LecturesQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type LecturesQuery = { lectures: { nodes: Array<{ id: string, title: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateLectureMutationVariables = Exact<{
  input: CreateLectureInput;
}>;


export type CreateLectureMutation = { createLecture: { lecture: { id: string, title: string } | null, userErrors: Array<{ ' $fragmentRefs'?: { 'UserErrorsFragment': UserErrorsFragment } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ConfigurationForm_ConfigurationFragmentDoc = new TypedDocumentString(`
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
    `, {"fragmentName":"ConfigurationForm_configuration"}) as unknown as TypedDocumentString<ConfigurationForm_ConfigurationFragment, unknown>;
export const ConfigurationTab_LectureFragmentDoc = new TypedDocumentString(`
    fragment ConfigurationTab_lecture on Lecture {
  config {
    ...ConfigurationForm_configuration
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}`, {"fragmentName":"ConfigurationTab_lecture"}) as unknown as TypedDocumentString<ConfigurationTab_LectureFragment, unknown>;
export const VisualsTab_LectureFragmentDoc = new TypedDocumentString(`
    fragment VisualsTab_lecture on Lecture {
  images {
    slot
    segment
    position
    image {
      id
      url
    }
  }
}
    `, {"fragmentName":"VisualsTab_lecture"}) as unknown as TypedDocumentString<VisualsTab_LectureFragment, unknown>;
export const AudioTab_LectureFragmentDoc = new TypedDocumentString(`
    fragment AudioTab_lecture on Lecture {
  score {
    id
    url
  }
  narrations {
    segment
    audio {
      id
      url
    }
  }
  timeline {
    segments {
      number
      text
    }
  }
}
    `, {"fragmentName":"AudioTab_lecture"}) as unknown as TypedDocumentString<AudioTab_LectureFragment, unknown>;
export const VideoPreview_LectureFragmentDoc = new TypedDocumentString(`
    fragment VideoPreview_lecture on Lecture {
  narrations {
    segment
  }
  timeline {
    tracks {
      slot
      kind
      label
      file {
        id
        url
      }
    }
    durationSeconds
    musicVolume
    music {
      url
    }
    segments {
      number
      text
      startSeconds
      endSeconds
      narration {
        url
      }
      images {
        startSeconds
        endSeconds
        image {
          id
          url
        }
      }
    }
  }
}
    `, {"fragmentName":"VideoPreview_lecture"}) as unknown as TypedDocumentString<VideoPreview_LectureFragment, unknown>;
export const LecturePage_LectureFragmentDoc = new TypedDocumentString(`
    fragment LecturePage_lecture on Lecture {
  id
  title
  prompt
  timeline {
    durationSeconds
    music {
      id
    }
  }
  ...ConfigurationTab_lecture
  ...VisualsTab_lecture
  ...AudioTab_lecture
  ...VideoPreview_lecture
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
fragment AudioTab_lecture on Lecture {
  score {
    id
    url
  }
  narrations {
    segment
    audio {
      id
      url
    }
  }
  timeline {
    segments {
      number
      text
    }
  }
}
fragment ConfigurationTab_lecture on Lecture {
  config {
    ...ConfigurationForm_configuration
  }
}
fragment VideoPreview_lecture on Lecture {
  narrations {
    segment
  }
  timeline {
    tracks {
      slot
      kind
      label
      file {
        id
        url
      }
    }
    durationSeconds
    musicVolume
    music {
      url
    }
    segments {
      number
      text
      startSeconds
      endSeconds
      narration {
        url
      }
      images {
        startSeconds
        endSeconds
        image {
          id
          url
        }
      }
    }
  }
}
fragment VisualsTab_lecture on Lecture {
  images {
    slot
    segment
    position
    image {
      id
      url
    }
  }
}`, {"fragmentName":"LecturePage_lecture"}) as unknown as TypedDocumentString<LecturePage_LectureFragment, unknown>;
export const StepSection_StepFragmentDoc = new TypedDocumentString(`
    fragment StepSection_step on Step {
  key
  number
  total
  title
  status
  summary
  messages {
    key
    text
    level
  }
  progress {
    done
    total
    unit
  }
}
    `, {"fragmentName":"StepSection_step"}) as unknown as TypedDocumentString<StepSection_StepFragment, unknown>;
export const ConfigurationReviewModal_ReviewFragmentDoc = new TypedDocumentString(`
    fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}`, {"fragmentName":"ConfigurationReviewModal_review"}) as unknown as TypedDocumentString<ConfigurationReviewModal_ReviewFragment, unknown>;
export const ConfigurationStepView_StepFragmentDoc = new TypedDocumentString(`
    fragment ConfigurationStepView_step on ConfigurationStep {
  request {
    id
    title
    version
    expiresAt
  }
  changes {
    field
    after
  }
  configurationReview {
    ...ConfigurationReviewModal_review
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}`, {"fragmentName":"ConfigurationStepView_step"}) as unknown as TypedDocumentString<ConfigurationStepView_StepFragment, unknown>;
export const ScriptStepView_StepFragmentDoc = new TypedDocumentString(`
    fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
    `, {"fragmentName":"ScriptStepView_step"}) as unknown as TypedDocumentString<ScriptStepView_StepFragment, unknown>;
export const SegmentImagesStepView_StepFragmentDoc = new TypedDocumentString(`
    fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
    `, {"fragmentName":"SegmentImagesStepView_step"}) as unknown as TypedDocumentString<SegmentImagesStepView_StepFragment, unknown>;
export const NarrationStepView_StepFragmentDoc = new TypedDocumentString(`
    fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
    `, {"fragmentName":"NarrationStepView_step"}) as unknown as TypedDocumentString<NarrationStepView_StepFragment, unknown>;
export const BackgroundScoreStepView_StepFragmentDoc = new TypedDocumentString(`
    fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
    `, {"fragmentName":"BackgroundScoreStepView_step"}) as unknown as TypedDocumentString<BackgroundScoreStepView_StepFragment, unknown>;
export const TimelineStepView_StepFragmentDoc = new TypedDocumentString(`
    fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
    `, {"fragmentName":"TimelineStepView_step"}) as unknown as TypedDocumentString<TimelineStepView_StepFragment, unknown>;
export const AssetReviewModal_ReviewFragmentDoc = new TypedDocumentString(`
    fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}
    `, {"fragmentName":"AssetReviewModal_review"}) as unknown as TypedDocumentString<AssetReviewModal_ReviewFragment, unknown>;
export const ImageGenerationStepView_StepFragmentDoc = new TypedDocumentString(`
    fragment ImageGenerationStepView_step on ImageGenerationStep {
  slot
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
    fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}`, {"fragmentName":"ImageGenerationStepView_step"}) as unknown as TypedDocumentString<ImageGenerationStepView_StepFragment, unknown>;
export const NarrationGenerationStepView_StepFragmentDoc = new TypedDocumentString(`
    fragment NarrationGenerationStepView_step on NarrationGenerationStep {
  segment
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
    fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}`, {"fragmentName":"NarrationGenerationStepView_step"}) as unknown as TypedDocumentString<NarrationGenerationStepView_StepFragment, unknown>;
export const ScoreGenerationStepView_StepFragmentDoc = new TypedDocumentString(`
    fragment ScoreGenerationStepView_step on ScoreGenerationStep {
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
    fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}`, {"fragmentName":"ScoreGenerationStepView_step"}) as unknown as TypedDocumentString<ScoreGenerationStepView_StepFragment, unknown>;
export const SubtitlesReviewModal_StepFragmentDoc = new TypedDocumentString(`
    fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}
    `, {"fragmentName":"SubtitlesReviewModal_step"}) as unknown as TypedDocumentString<SubtitlesReviewModal_StepFragment, unknown>;
export const SubtitlesGenerationStepView_StepFragmentDoc = new TypedDocumentString(`
    fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
  request {
    id
    title
    version
    expiresAt
  }
  review {
    candidate {
      id
    }
  }
  cues {
    number
  }
  ...SubtitlesReviewModal_step
}
    fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}`, {"fragmentName":"SubtitlesGenerationStepView_step"}) as unknown as TypedDocumentString<SubtitlesGenerationStepView_StepFragment, unknown>;
export const RunBlock_RunFragmentDoc = new TypedDocumentString(`
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
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
fragment StepSection_step on Step {
  key
  number
  total
  title
  status
  summary
  messages {
    key
    text
    level
  }
  progress {
    done
    total
    unit
  }
}
fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
fragment ConfigurationStepView_step on ConfigurationStep {
  request {
    id
    title
    version
    expiresAt
  }
  changes {
    field
    after
  }
  configurationReview {
    ...ConfigurationReviewModal_review
  }
}
fragment ImageGenerationStepView_step on ImageGenerationStep {
  slot
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationGenerationStepView_step on NarrationGenerationStep {
  segment
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
fragment ScoreGenerationStepView_step on ScoreGenerationStep {
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
  request {
    id
    title
    version
    expiresAt
  }
  review {
    candidate {
      id
    }
  }
  cues {
    number
  }
  ...SubtitlesReviewModal_step
}
fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}
fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}
fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}`, {"fragmentName":"RunBlock_run"}) as unknown as TypedDocumentString<RunBlock_RunFragment, unknown>;
export const LiveRunFragmentDoc = new TypedDocumentString(`
    fragment LiveRun on WorkflowRun {
  id
  version
  createdAt
  status
  currentStep
  ...RunBlock_run
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
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
fragment StepSection_step on Step {
  key
  number
  total
  title
  status
  summary
  messages {
    key
    text
    level
  }
  progress {
    done
    total
    unit
  }
}
fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
fragment ConfigurationStepView_step on ConfigurationStep {
  request {
    id
    title
    version
    expiresAt
  }
  changes {
    field
    after
  }
  configurationReview {
    ...ConfigurationReviewModal_review
  }
}
fragment ImageGenerationStepView_step on ImageGenerationStep {
  slot
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationGenerationStepView_step on NarrationGenerationStep {
  segment
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
fragment ScoreGenerationStepView_step on ScoreGenerationStep {
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
  request {
    id
    title
    version
    expiresAt
  }
  review {
    candidate {
      id
    }
  }
  cues {
    number
  }
  ...SubtitlesReviewModal_step
}
fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}
fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}
fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}`, {"fragmentName":"LiveRun"}) as unknown as TypedDocumentString<LiveRunFragment, unknown>;
export const UserErrorsFragmentDoc = new TypedDocumentString(`
    fragment UserErrors on UserError {
  field
  message
  code
}
    `, {"fragmentName":"UserErrors"}) as unknown as TypedDocumentString<UserErrorsFragment, unknown>;
export const LecturePanelDocument = new TypedDocumentString(`
    query LecturePanel($id: ID!) {
  lecture(id: $id) {
    id
    title
    ...LecturePage_lecture
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
fragment AudioTab_lecture on Lecture {
  score {
    id
    url
  }
  narrations {
    segment
    audio {
      id
      url
    }
  }
  timeline {
    segments {
      number
      text
    }
  }
}
fragment ConfigurationTab_lecture on Lecture {
  config {
    ...ConfigurationForm_configuration
  }
}
fragment LecturePage_lecture on Lecture {
  id
  title
  prompt
  timeline {
    durationSeconds
    music {
      id
    }
  }
  ...ConfigurationTab_lecture
  ...VisualsTab_lecture
  ...AudioTab_lecture
  ...VideoPreview_lecture
}
fragment VideoPreview_lecture on Lecture {
  narrations {
    segment
  }
  timeline {
    tracks {
      slot
      kind
      label
      file {
        id
        url
      }
    }
    durationSeconds
    musicVolume
    music {
      url
    }
    segments {
      number
      text
      startSeconds
      endSeconds
      narration {
        url
      }
      images {
        startSeconds
        endSeconds
        image {
          id
          url
        }
      }
    }
  }
}
fragment VisualsTab_lecture on Lecture {
  images {
    slot
    segment
    position
    image {
      id
      url
    }
  }
}`, {"hash":"sha256:920bb20ffd53f79fb7a9d7bad2c54ca70a4a4ba702e2012e93b65b2ecc5cceda"}) as unknown as TypedDocumentString<LecturePanelQuery, LecturePanelQueryVariables>;
export const LectureRunsDocument = new TypedDocumentString(`
    query LectureRuns($id: ID!, $first: Int!, $after: String) {
  lecture(id: $id) {
    id
    runs(first: $first, after: $after, order: NEWEST_FIRST) {
      nodes {
        ...LiveRun
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
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
fragment StepSection_step on Step {
  key
  number
  total
  title
  status
  summary
  messages {
    key
    text
    level
  }
  progress {
    done
    total
    unit
  }
}
fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
fragment ConfigurationStepView_step on ConfigurationStep {
  request {
    id
    title
    version
    expiresAt
  }
  changes {
    field
    after
  }
  configurationReview {
    ...ConfigurationReviewModal_review
  }
}
fragment ImageGenerationStepView_step on ImageGenerationStep {
  slot
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationGenerationStepView_step on NarrationGenerationStep {
  segment
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
fragment ScoreGenerationStepView_step on ScoreGenerationStep {
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
  request {
    id
    title
    version
    expiresAt
  }
  review {
    candidate {
      id
    }
  }
  cues {
    number
  }
  ...SubtitlesReviewModal_step
}
fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}
fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}
fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}
fragment LiveRun on WorkflowRun {
  id
  version
  createdAt
  status
  currentStep
  ...RunBlock_run
}`, {"hash":"sha256:075675a8a346b1889098a47152b1e50b7bdd4b554f4f4043ae4a3c7e09619ee0"}) as unknown as TypedDocumentString<LectureRunsQuery, LectureRunsQueryVariables>;
export const RunsByIdsDocument = new TypedDocumentString(`
    query RunsByIds($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    ... on WorkflowRun {
      ...LiveRun
    }
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
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
fragment StepSection_step on Step {
  key
  number
  total
  title
  status
  summary
  messages {
    key
    text
    level
  }
  progress {
    done
    total
    unit
  }
}
fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
fragment ConfigurationStepView_step on ConfigurationStep {
  request {
    id
    title
    version
    expiresAt
  }
  changes {
    field
    after
  }
  configurationReview {
    ...ConfigurationReviewModal_review
  }
}
fragment ImageGenerationStepView_step on ImageGenerationStep {
  slot
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationGenerationStepView_step on NarrationGenerationStep {
  segment
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
fragment ScoreGenerationStepView_step on ScoreGenerationStep {
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
  request {
    id
    title
    version
    expiresAt
  }
  review {
    candidate {
      id
    }
  }
  cues {
    number
  }
  ...SubtitlesReviewModal_step
}
fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}
fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}
fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}
fragment LiveRun on WorkflowRun {
  id
  version
  createdAt
  status
  currentStep
  ...RunBlock_run
}`, {"hash":"sha256:d91f43e0f0dff5136521d0394b0077fc9acd203f011e241055db174c0cb6cd9f"}) as unknown as TypedDocumentString<RunsByIdsQuery, RunsByIdsQueryVariables>;
export const LectureRunChangesDocument = new TypedDocumentString(`
    subscription LectureRunChanges($lectureId: ID!, $after: String) {
  runChanges(lectureId: $lectureId, after: $after) {
    runIds
    cursor
  }
}
    `, {"hash":"sha256:769e6c2fcde52e4d9bb8f0d5c227078580f01f34384fefc6dacfc39523fd4144"}) as unknown as TypedDocumentString<LectureRunChangesSubscription, LectureRunChangesSubscriptionVariables>;
export const StartRunDocument = new TypedDocumentString(`
    mutation StartRun($input: StartRunInput!) {
  startRun(input: $input) {
    run {
      ...LiveRun
    }
    userErrors {
      ...UserErrors
    }
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
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
fragment StepSection_step on Step {
  key
  number
  total
  title
  status
  summary
  messages {
    key
    text
    level
  }
  progress {
    done
    total
    unit
  }
}
fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
fragment ConfigurationStepView_step on ConfigurationStep {
  request {
    id
    title
    version
    expiresAt
  }
  changes {
    field
    after
  }
  configurationReview {
    ...ConfigurationReviewModal_review
  }
}
fragment ImageGenerationStepView_step on ImageGenerationStep {
  slot
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationGenerationStepView_step on NarrationGenerationStep {
  segment
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
fragment ScoreGenerationStepView_step on ScoreGenerationStep {
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
  request {
    id
    title
    version
    expiresAt
  }
  review {
    candidate {
      id
    }
  }
  cues {
    number
  }
  ...SubtitlesReviewModal_step
}
fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}
fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}
fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}
fragment LiveRun on WorkflowRun {
  id
  version
  createdAt
  status
  currentStep
  ...RunBlock_run
}
fragment UserErrors on UserError {
  field
  message
  code
}`, {"hash":"sha256:89bba77ba59cc298ce035d743f45f013a5043f7f143f3bf193cd2b155f00f776"}) as unknown as TypedDocumentString<StartRunMutation, StartRunMutationVariables>;
export const StartRunFromPromptDocument = new TypedDocumentString(`
    mutation StartRunFromPrompt($input: StartRunFromPromptInput!) {
  startRunFromPrompt(input: $input) {
    run {
      ...LiveRun
    }
    userErrors {
      ...UserErrors
    }
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
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
fragment StepSection_step on Step {
  key
  number
  total
  title
  status
  summary
  messages {
    key
    text
    level
  }
  progress {
    done
    total
    unit
  }
}
fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
fragment ConfigurationStepView_step on ConfigurationStep {
  request {
    id
    title
    version
    expiresAt
  }
  changes {
    field
    after
  }
  configurationReview {
    ...ConfigurationReviewModal_review
  }
}
fragment ImageGenerationStepView_step on ImageGenerationStep {
  slot
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationGenerationStepView_step on NarrationGenerationStep {
  segment
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
fragment ScoreGenerationStepView_step on ScoreGenerationStep {
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
  request {
    id
    title
    version
    expiresAt
  }
  review {
    candidate {
      id
    }
  }
  cues {
    number
  }
  ...SubtitlesReviewModal_step
}
fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}
fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}
fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}
fragment LiveRun on WorkflowRun {
  id
  version
  createdAt
  status
  currentStep
  ...RunBlock_run
}
fragment UserErrors on UserError {
  field
  message
  code
}`, {"hash":"sha256:6d337c13dc80c87c8a9d086b1208217dd65e5401a3f6f256234436d2d2eb5bb5"}) as unknown as TypedDocumentString<StartRunFromPromptMutation, StartRunFromPromptMutationVariables>;
export const ResolveHumanRequestDocument = new TypedDocumentString(`
    mutation ResolveHumanRequest($input: ResolveHumanRequestInput!) {
  resolveHumanRequest(input: $input) {
    run {
      ...LiveRun
    }
    userErrors {
      ...UserErrors
    }
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
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
fragment StepSection_step on Step {
  key
  number
  total
  title
  status
  summary
  messages {
    key
    text
    level
  }
  progress {
    done
    total
    unit
  }
}
fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
fragment ConfigurationStepView_step on ConfigurationStep {
  request {
    id
    title
    version
    expiresAt
  }
  changes {
    field
    after
  }
  configurationReview {
    ...ConfigurationReviewModal_review
  }
}
fragment ImageGenerationStepView_step on ImageGenerationStep {
  slot
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationGenerationStepView_step on NarrationGenerationStep {
  segment
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
fragment ScoreGenerationStepView_step on ScoreGenerationStep {
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
  request {
    id
    title
    version
    expiresAt
  }
  review {
    candidate {
      id
    }
  }
  cues {
    number
  }
  ...SubtitlesReviewModal_step
}
fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}
fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}
fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}
fragment LiveRun on WorkflowRun {
  id
  version
  createdAt
  status
  currentStep
  ...RunBlock_run
}
fragment UserErrors on UserError {
  field
  message
  code
}`, {"hash":"sha256:f3ca48256715e4db2432eddcf23cb2aa12d9df03eee65dc729ce1ac184dbeff1"}) as unknown as TypedDocumentString<ResolveHumanRequestMutation, ResolveHumanRequestMutationVariables>;
export const CancelRunDocument = new TypedDocumentString(`
    mutation CancelRun($input: RunInput!) {
  cancelRun(input: $input) {
    run {
      ...LiveRun
    }
    userErrors {
      ...UserErrors
    }
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
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
fragment StepSection_step on Step {
  key
  number
  total
  title
  status
  summary
  messages {
    key
    text
    level
  }
  progress {
    done
    total
    unit
  }
}
fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
fragment ConfigurationStepView_step on ConfigurationStep {
  request {
    id
    title
    version
    expiresAt
  }
  changes {
    field
    after
  }
  configurationReview {
    ...ConfigurationReviewModal_review
  }
}
fragment ImageGenerationStepView_step on ImageGenerationStep {
  slot
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationGenerationStepView_step on NarrationGenerationStep {
  segment
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
fragment ScoreGenerationStepView_step on ScoreGenerationStep {
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
  request {
    id
    title
    version
    expiresAt
  }
  review {
    candidate {
      id
    }
  }
  cues {
    number
  }
  ...SubtitlesReviewModal_step
}
fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}
fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}
fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}
fragment LiveRun on WorkflowRun {
  id
  version
  createdAt
  status
  currentStep
  ...RunBlock_run
}
fragment UserErrors on UserError {
  field
  message
  code
}`, {"hash":"sha256:de200cad3255d9a77ab1bd14a4cade49f4ef1da59e607092157e256fffb1bf9b"}) as unknown as TypedDocumentString<CancelRunMutation, CancelRunMutationVariables>;
export const RerunRunDocument = new TypedDocumentString(`
    mutation RerunRun($input: RunInput!) {
  rerunRun(input: $input) {
    run {
      ...LiveRun
    }
    userErrors {
      ...UserErrors
    }
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
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
fragment StepSection_step on Step {
  key
  number
  total
  title
  status
  summary
  messages {
    key
    text
    level
  }
  progress {
    done
    total
    unit
  }
}
fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
fragment ConfigurationStepView_step on ConfigurationStep {
  request {
    id
    title
    version
    expiresAt
  }
  changes {
    field
    after
  }
  configurationReview {
    ...ConfigurationReviewModal_review
  }
}
fragment ImageGenerationStepView_step on ImageGenerationStep {
  slot
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationGenerationStepView_step on NarrationGenerationStep {
  segment
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
fragment ScoreGenerationStepView_step on ScoreGenerationStep {
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
  request {
    id
    title
    version
    expiresAt
  }
  review {
    candidate {
      id
    }
  }
  cues {
    number
  }
  ...SubtitlesReviewModal_step
}
fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}
fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}
fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}
fragment LiveRun on WorkflowRun {
  id
  version
  createdAt
  status
  currentStep
  ...RunBlock_run
}
fragment UserErrors on UserError {
  field
  message
  code
}`, {"hash":"sha256:96b02365d80c29ce49e3333355fe4b1f98d99b09baf5c14bed1afbe65568f15e"}) as unknown as TypedDocumentString<RerunRunMutation, RerunRunMutationVariables>;
export const RetryRunDocument = new TypedDocumentString(`
    mutation RetryRun($input: RetryRunInput!) {
  retryRun(input: $input) {
    run {
      ...LiveRun
    }
    userErrors {
      ...UserErrors
    }
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
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
fragment StepSection_step on Step {
  key
  number
  total
  title
  status
  summary
  messages {
    key
    text
    level
  }
  progress {
    done
    total
    unit
  }
}
fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
fragment ConfigurationStepView_step on ConfigurationStep {
  request {
    id
    title
    version
    expiresAt
  }
  changes {
    field
    after
  }
  configurationReview {
    ...ConfigurationReviewModal_review
  }
}
fragment ImageGenerationStepView_step on ImageGenerationStep {
  slot
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationGenerationStepView_step on NarrationGenerationStep {
  segment
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
fragment ScoreGenerationStepView_step on ScoreGenerationStep {
  request {
    id
    title
    version
    expiresAt
    changeRoundsLeft
  }
  review {
    ...AssetReviewModal_review
  }
}
fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
  request {
    id
    title
    version
    expiresAt
  }
  review {
    candidate {
      id
    }
  }
  cues {
    number
  }
  ...SubtitlesReviewModal_step
}
fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
fragment AssetReviewModal_review on AssetReview {
  candidate {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
  candidates {
    id
    url
  }
  previous {
    id
    url
    mediaType
    width
    height
    durationSeconds
  }
}
fragment ConfigurationReviewModal_review on ConfigurationReview {
  candidate {
    ...ConfigurationForm_configuration
  }
  changes {
    field
    before
    after
  }
}
fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
  maxLineLength
  cues {
    number
    segment
    startSeconds
    endSeconds
    text
  }
}
fragment LiveRun on WorkflowRun {
  id
  version
  createdAt
  status
  currentStep
  ...RunBlock_run
}
fragment UserErrors on UserError {
  field
  message
  code
}`, {"hash":"sha256:6a59eae0d3e713a387bebfdef7e9b0bef135f02a9336bd17414df7bfbd1af72c"}) as unknown as TypedDocumentString<RetryRunMutation, RetryRunMutationVariables>;
export const UpdateLectureConfigurationDocument = new TypedDocumentString(`
    mutation UpdateLectureConfiguration($input: UpdateLectureConfigurationInput!) {
  updateLectureConfiguration(input: $input) {
    lecture {
      id
      title
      ...LecturePage_lecture
    }
    userErrors {
      ...UserErrors
    }
  }
}
    fragment ConfigurationForm_configuration on LectureConfiguration {
  prompt
  style
  audience
  language
  durationSeconds
  segmentLengthSeconds
  imagesPerSegment
  imageStyle
  imageSize
  voice
  speakingRate
  musicStyle
  musicVolume
  textModel
  imageModel
  speechModel
  musicModel
}
fragment AudioTab_lecture on Lecture {
  score {
    id
    url
  }
  narrations {
    segment
    audio {
      id
      url
    }
  }
  timeline {
    segments {
      number
      text
    }
  }
}
fragment ConfigurationTab_lecture on Lecture {
  config {
    ...ConfigurationForm_configuration
  }
}
fragment LecturePage_lecture on Lecture {
  id
  title
  prompt
  timeline {
    durationSeconds
    music {
      id
    }
  }
  ...ConfigurationTab_lecture
  ...VisualsTab_lecture
  ...AudioTab_lecture
  ...VideoPreview_lecture
}
fragment VideoPreview_lecture on Lecture {
  narrations {
    segment
  }
  timeline {
    tracks {
      slot
      kind
      label
      file {
        id
        url
      }
    }
    durationSeconds
    musicVolume
    music {
      url
    }
    segments {
      number
      text
      startSeconds
      endSeconds
      narration {
        url
      }
      images {
        startSeconds
        endSeconds
        image {
          id
          url
        }
      }
    }
  }
}
fragment VisualsTab_lecture on Lecture {
  images {
    slot
    segment
    position
    image {
      id
      url
    }
  }
}
fragment UserErrors on UserError {
  field
  message
  code
}`, {"hash":"sha256:5bb61baa4f44bee429906e7e9ab4b6c0f9bc5f935bf94c0bc9979f157957fab3"}) as unknown as TypedDocumentString<UpdateLectureConfigurationMutation, UpdateLectureConfigurationMutationVariables>;
export const LecturesDocument = new TypedDocumentString(`
    query Lectures($first: Int!, $after: String) {
  lectures(first: $first, after: $after) {
    nodes {
      id
      title
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `, {"hash":"sha256:dfd6d9bd751263cbc04e996c3f53cf5827e0388556bfe77986d83414a4d59270"}) as unknown as TypedDocumentString<LecturesQuery, LecturesQueryVariables>;
export const CreateLectureDocument = new TypedDocumentString(`
    mutation CreateLecture($input: CreateLectureInput!) {
  createLecture(input: $input) {
    lecture {
      id
      title
    }
    userErrors {
      ...UserErrors
    }
  }
}
    fragment UserErrors on UserError {
  field
  message
  code
}`, {"hash":"sha256:24ec6de8594e3318dfb921422c2c0f154197fa44ae683a89f67661e1613efd7d"}) as unknown as TypedDocumentString<CreateLectureMutation, CreateLectureMutationVariables>;