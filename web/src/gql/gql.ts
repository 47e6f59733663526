/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ConfigurationForm_configuration on LectureConfiguration {\n    prompt\n    style\n    audience\n    language\n    durationSeconds\n    segmentLengthSeconds\n    imagesPerSegment\n    imageStyle\n    imageSize\n    voice\n    speakingRate\n    musicStyle\n    musicVolume\n    textModel\n    imageModel\n    speechModel\n    musicModel\n  }\n": typeof types.ConfigurationForm_ConfigurationFragmentDoc,
    "\n  fragment AudioTab_lecture on Lecture {\n    score {\n      id\n      url\n    }\n    narrations {\n      segment\n      audio {\n        id\n        url\n      }\n    }\n    timeline {\n      segments {\n        number\n        text\n      }\n    }\n  }\n": typeof types.AudioTab_LectureFragmentDoc,
    "\n  fragment ConfigurationTab_lecture on Lecture {\n    config {\n      ...ConfigurationForm_configuration\n    }\n  }\n": typeof types.ConfigurationTab_LectureFragmentDoc,
    "\n  fragment LecturePage_lecture on Lecture {\n    id\n    title\n    prompt\n    timeline {\n      durationSeconds\n      music {\n        id\n      }\n    }\n    ...ConfigurationTab_lecture\n    ...VisualsTab_lecture\n    ...AudioTab_lecture\n    ...VideoPreview_lecture\n  }\n": typeof types.LecturePage_LectureFragmentDoc,
    "\n  fragment VideoPreview_lecture on Lecture {\n    narrations {\n      segment\n    }\n    timeline {\n      tracks {\n        slot\n        kind\n        label\n        file {\n          id\n          url\n        }\n      }\n      durationSeconds\n      musicVolume\n      music {\n        url\n      }\n      segments {\n        number\n        text\n        startSeconds\n        endSeconds\n        narration {\n          url\n        }\n        images {\n          startSeconds\n          endSeconds\n          image {\n            id\n            url\n          }\n        }\n      }\n    }\n  }\n": typeof types.VideoPreview_LectureFragmentDoc,
    "\n  fragment VisualsTab_lecture on Lecture {\n    images {\n      slot\n      segment\n      position\n      image {\n        id\n        url\n      }\n    }\n  }\n": typeof types.VisualsTab_LectureFragmentDoc,
    "\n  fragment RunBlock_run on WorkflowRun {\n    id\n    title\n    status\n    currentStep\n    totalSteps\n    canCancel\n    canRerun\n    canRetry\n    retrySteps\n    origin {\n      request\n      reason\n    }\n    error {\n      message\n      stepKey\n    }\n    steps {\n      __typename\n      ... on Step {\n        key\n        number\n        title\n        status\n      }\n      ...StepSection_step\n      ...ConfigurationStepView_step\n      ...ScriptStepView_step\n      ...SegmentImagesStepView_step\n      ...NarrationStepView_step\n      ...BackgroundScoreStepView_step\n      ...TimelineStepView_step\n      ...ImageGenerationStepView_step\n      ...NarrationGenerationStepView_step\n      ...ScoreGenerationStepView_step\n      ...SubtitlesGenerationStepView_step\n    }\n  }\n": typeof types.RunBlock_RunFragmentDoc,
    "\n  fragment StepSection_step on Step {\n    key\n    number\n    total\n    title\n    status\n    summary\n    messages {\n      key\n      text\n      level\n    }\n    progress {\n      done\n      total\n      unit\n    }\n  }\n": typeof types.StepSection_StepFragmentDoc,
    "\n  fragment BackgroundScoreStepView_step on BackgroundScoreStep {\n    music {\n      durationSeconds\n    }\n  }\n": typeof types.BackgroundScoreStepView_StepFragmentDoc,
    "\n  fragment ConfigurationStepView_step on ConfigurationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n    }\n    changes {\n      field\n      after\n    }\n    configurationReview {\n      ...ConfigurationReviewModal_review\n    }\n  }\n": typeof types.ConfigurationStepView_StepFragmentDoc,
    "\n  fragment ImageGenerationStepView_step on ImageGenerationStep {\n    slot\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n": typeof types.ImageGenerationStepView_StepFragmentDoc,
    "\n  fragment NarrationGenerationStepView_step on NarrationGenerationStep {\n    segment\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n": typeof types.NarrationGenerationStepView_StepFragmentDoc,
    "\n  fragment NarrationStepView_step on NarrationStep {\n    voice\n    files {\n      segment\n    }\n  }\n": typeof types.NarrationStepView_StepFragmentDoc,
    "\n  fragment ScoreGenerationStepView_step on ScoreGenerationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n": typeof types.ScoreGenerationStepView_StepFragmentDoc,
    "\n  fragment ScriptStepView_step on ScriptStep {\n    scriptTitle\n    scriptSegments {\n      number\n      narration\n    }\n  }\n": typeof types.ScriptStepView_StepFragmentDoc,
    "\n  fragment SegmentImagesStepView_step on SegmentImagesStep {\n    segmentImages {\n      number\n      images {\n        id\n        url\n      }\n    }\n  }\n": typeof types.SegmentImagesStepView_StepFragmentDoc,
    "\n  fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n    }\n    review {\n      candidate {\n        id\n      }\n    }\n    cues {\n      number\n    }\n    ...SubtitlesReviewModal_step\n  }\n": typeof types.SubtitlesGenerationStepView_StepFragmentDoc,
    "\n  fragment TimelineStepView_step on TimelineStep {\n    timeline {\n      durationSeconds\n    }\n  }\n": typeof types.TimelineStepView_StepFragmentDoc,
    "\n  fragment AssetReviewModal_review on AssetReview {\n    candidate {\n      id\n      url\n      mediaType\n      width\n      height\n      durationSeconds\n    }\n    candidates {\n      id\n      url\n    }\n    previous {\n      id\n      url\n      mediaType\n      width\n      height\n      durationSeconds\n    }\n  }\n": typeof types.AssetReviewModal_ReviewFragmentDoc,
    "\n  fragment ConfigurationReviewModal_review on ConfigurationReview {\n    candidate {\n      ...ConfigurationForm_configuration\n    }\n    changes {\n      field\n      before\n      after\n    }\n  }\n": typeof types.ConfigurationReviewModal_ReviewFragmentDoc,
    "\n  fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {\n    maxLineLength\n    cues {\n      number\n      segment\n      startSeconds\n      endSeconds\n      text\n    }\n  }\n": typeof types.SubtitlesReviewModal_StepFragmentDoc,
    "\n  fragment LiveRun on WorkflowRun {\n    id\n    version\n    createdAt\n    status\n    currentStep\n    ...RunBlock_run\n  }\n": typeof types.LiveRunFragmentDoc,
    "\n  fragment UserErrors on UserError {\n    field\n    message\n    code\n  }\n": typeof types.UserErrorsFragmentDoc,
    "\n  query LecturePanel($id: ID!) {\n    lecture(id: $id) {\n      id\n      title\n      ...LecturePage_lecture\n    }\n  }\n": typeof types.LecturePanelDocument,
    "\n  query LectureRuns($id: ID!, $first: Int!, $after: String) {\n    lecture(id: $id) {\n      id\n      runs(first: $first, after: $after, order: NEWEST_FIRST) {\n        nodes {\n          ...LiveRun\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.LectureRunsDocument,
    "\n  query RunsByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      ... on WorkflowRun {\n        ...LiveRun\n      }\n    }\n  }\n": typeof types.RunsByIdsDocument,
    "\n  subscription LectureRunChanges($lectureId: ID!, $after: String) {\n    runChanges(lectureId: $lectureId, after: $after) {\n      runIds\n      cursor\n    }\n  }\n": typeof types.LectureRunChangesDocument,
    "\n  mutation StartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": typeof types.StartRunDocument,
    "\n  mutation StartRunFromPrompt($input: StartRunFromPromptInput!) {\n    startRunFromPrompt(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": typeof types.StartRunFromPromptDocument,
    "\n  mutation ResolveHumanRequest($input: ResolveHumanRequestInput!) {\n    resolveHumanRequest(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": typeof types.ResolveHumanRequestDocument,
    "\n  mutation CancelRun($input: RunInput!) {\n    cancelRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": typeof types.CancelRunDocument,
    "\n  mutation RerunRun($input: RunInput!) {\n    rerunRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": typeof types.RerunRunDocument,
    "\n  mutation RetryRun($input: RetryRunInput!) {\n    retryRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": typeof types.RetryRunDocument,
    "\n  mutation UpdateLectureConfiguration($input: UpdateLectureConfigurationInput!) {\n    updateLectureConfiguration(input: $input) {\n      lecture {\n        id\n        title\n        ...LecturePage_lecture\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": typeof types.UpdateLectureConfigurationDocument,
    "\n  query Lectures($first: Int!, $after: String) {\n    lectures(first: $first, after: $after) {\n      nodes {\n        id\n        title\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.LecturesDocument,
    "\n  mutation CreateLecture($input: CreateLectureInput!) {\n    createLecture(input: $input) {\n      lecture {\n        id\n        title\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": typeof types.CreateLectureDocument,
};
const documents: Documents = {
    "\n  fragment ConfigurationForm_configuration on LectureConfiguration {\n    prompt\n    style\n    audience\n    language\n    durationSeconds\n    segmentLengthSeconds\n    imagesPerSegment\n    imageStyle\n    imageSize\n    voice\n    speakingRate\n    musicStyle\n    musicVolume\n    textModel\n    imageModel\n    speechModel\n    musicModel\n  }\n": types.ConfigurationForm_ConfigurationFragmentDoc,
    "\n  fragment AudioTab_lecture on Lecture {\n    score {\n      id\n      url\n    }\n    narrations {\n      segment\n      audio {\n        id\n        url\n      }\n    }\n    timeline {\n      segments {\n        number\n        text\n      }\n    }\n  }\n": types.AudioTab_LectureFragmentDoc,
    "\n  fragment ConfigurationTab_lecture on Lecture {\n    config {\n      ...ConfigurationForm_configuration\n    }\n  }\n": types.ConfigurationTab_LectureFragmentDoc,
    "\n  fragment LecturePage_lecture on Lecture {\n    id\n    title\n    prompt\n    timeline {\n      durationSeconds\n      music {\n        id\n      }\n    }\n    ...ConfigurationTab_lecture\n    ...VisualsTab_lecture\n    ...AudioTab_lecture\n    ...VideoPreview_lecture\n  }\n": types.LecturePage_LectureFragmentDoc,
    "\n  fragment VideoPreview_lecture on Lecture {\n    narrations {\n      segment\n    }\n    timeline {\n      tracks {\n        slot\n        kind\n        label\n        file {\n          id\n          url\n        }\n      }\n      durationSeconds\n      musicVolume\n      music {\n        url\n      }\n      segments {\n        number\n        text\n        startSeconds\n        endSeconds\n        narration {\n          url\n        }\n        images {\n          startSeconds\n          endSeconds\n          image {\n            id\n            url\n          }\n        }\n      }\n    }\n  }\n": types.VideoPreview_LectureFragmentDoc,
    "\n  fragment VisualsTab_lecture on Lecture {\n    images {\n      slot\n      segment\n      position\n      image {\n        id\n        url\n      }\n    }\n  }\n": types.VisualsTab_LectureFragmentDoc,
    "\n  fragment RunBlock_run on WorkflowRun {\n    id\n    title\n    status\n    currentStep\n    totalSteps\n    canCancel\n    canRerun\n    canRetry\n    retrySteps\n    origin {\n      request\n      reason\n    }\n    error {\n      message\n      stepKey\n    }\n    steps {\n      __typename\n      ... on Step {\n        key\n        number\n        title\n        status\n      }\n      ...StepSection_step\n      ...ConfigurationStepView_step\n      ...ScriptStepView_step\n      ...SegmentImagesStepView_step\n      ...NarrationStepView_step\n      ...BackgroundScoreStepView_step\n      ...TimelineStepView_step\n      ...ImageGenerationStepView_step\n      ...NarrationGenerationStepView_step\n      ...ScoreGenerationStepView_step\n      ...SubtitlesGenerationStepView_step\n    }\n  }\n": types.RunBlock_RunFragmentDoc,
    "\n  fragment StepSection_step on Step {\n    key\n    number\n    total\n    title\n    status\n    summary\n    messages {\n      key\n      text\n      level\n    }\n    progress {\n      done\n      total\n      unit\n    }\n  }\n": types.StepSection_StepFragmentDoc,
    "\n  fragment BackgroundScoreStepView_step on BackgroundScoreStep {\n    music {\n      durationSeconds\n    }\n  }\n": types.BackgroundScoreStepView_StepFragmentDoc,
    "\n  fragment ConfigurationStepView_step on ConfigurationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n    }\n    changes {\n      field\n      after\n    }\n    configurationReview {\n      ...ConfigurationReviewModal_review\n    }\n  }\n": types.ConfigurationStepView_StepFragmentDoc,
    "\n  fragment ImageGenerationStepView_step on ImageGenerationStep {\n    slot\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n": types.ImageGenerationStepView_StepFragmentDoc,
    "\n  fragment NarrationGenerationStepView_step on NarrationGenerationStep {\n    segment\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n": types.NarrationGenerationStepView_StepFragmentDoc,
    "\n  fragment NarrationStepView_step on NarrationStep {\n    voice\n    files {\n      segment\n    }\n  }\n": types.NarrationStepView_StepFragmentDoc,
    "\n  fragment ScoreGenerationStepView_step on ScoreGenerationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n": types.ScoreGenerationStepView_StepFragmentDoc,
    "\n  fragment ScriptStepView_step on ScriptStep {\n    scriptTitle\n    scriptSegments {\n      number\n      narration\n    }\n  }\n": types.ScriptStepView_StepFragmentDoc,
    "\n  fragment SegmentImagesStepView_step on SegmentImagesStep {\n    segmentImages {\n      number\n      images {\n        id\n        url\n      }\n    }\n  }\n": types.SegmentImagesStepView_StepFragmentDoc,
    "\n  fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n    }\n    review {\n      candidate {\n        id\n      }\n    }\n    cues {\n      number\n    }\n    ...SubtitlesReviewModal_step\n  }\n": types.SubtitlesGenerationStepView_StepFragmentDoc,
    "\n  fragment TimelineStepView_step on TimelineStep {\n    timeline {\n      durationSeconds\n    }\n  }\n": types.TimelineStepView_StepFragmentDoc,
    "\n  fragment AssetReviewModal_review on AssetReview {\n    candidate {\n      id\n      url\n      mediaType\n      width\n      height\n      durationSeconds\n    }\n    candidates {\n      id\n      url\n    }\n    previous {\n      id\n      url\n      mediaType\n      width\n      height\n      durationSeconds\n    }\n  }\n": types.AssetReviewModal_ReviewFragmentDoc,
    "\n  fragment ConfigurationReviewModal_review on ConfigurationReview {\n    candidate {\n      ...ConfigurationForm_configuration\n    }\n    changes {\n      field\n      before\n      after\n    }\n  }\n": types.ConfigurationReviewModal_ReviewFragmentDoc,
    "\n  fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {\n    maxLineLength\n    cues {\n      number\n      segment\n      startSeconds\n      endSeconds\n      text\n    }\n  }\n": types.SubtitlesReviewModal_StepFragmentDoc,
    "\n  fragment LiveRun on WorkflowRun {\n    id\n    version\n    createdAt\n    status\n    currentStep\n    ...RunBlock_run\n  }\n": types.LiveRunFragmentDoc,
    "\n  fragment UserErrors on UserError {\n    field\n    message\n    code\n  }\n": types.UserErrorsFragmentDoc,
    "\n  query LecturePanel($id: ID!) {\n    lecture(id: $id) {\n      id\n      title\n      ...LecturePage_lecture\n    }\n  }\n": types.LecturePanelDocument,
    "\n  query LectureRuns($id: ID!, $first: Int!, $after: String) {\n    lecture(id: $id) {\n      id\n      runs(first: $first, after: $after, order: NEWEST_FIRST) {\n        nodes {\n          ...LiveRun\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.LectureRunsDocument,
    "\n  query RunsByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      ... on WorkflowRun {\n        ...LiveRun\n      }\n    }\n  }\n": types.RunsByIdsDocument,
    "\n  subscription LectureRunChanges($lectureId: ID!, $after: String) {\n    runChanges(lectureId: $lectureId, after: $after) {\n      runIds\n      cursor\n    }\n  }\n": types.LectureRunChangesDocument,
    "\n  mutation StartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": types.StartRunDocument,
    "\n  mutation StartRunFromPrompt($input: StartRunFromPromptInput!) {\n    startRunFromPrompt(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": types.StartRunFromPromptDocument,
    "\n  mutation ResolveHumanRequest($input: ResolveHumanRequestInput!) {\n    resolveHumanRequest(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": types.ResolveHumanRequestDocument,
    "\n  mutation CancelRun($input: RunInput!) {\n    cancelRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": types.CancelRunDocument,
    "\n  mutation RerunRun($input: RunInput!) {\n    rerunRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": types.RerunRunDocument,
    "\n  mutation RetryRun($input: RetryRunInput!) {\n    retryRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": types.RetryRunDocument,
    "\n  mutation UpdateLectureConfiguration($input: UpdateLectureConfigurationInput!) {\n    updateLectureConfiguration(input: $input) {\n      lecture {\n        id\n        title\n        ...LecturePage_lecture\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": types.UpdateLectureConfigurationDocument,
    "\n  query Lectures($first: Int!, $after: String) {\n    lectures(first: $first, after: $after) {\n      nodes {\n        id\n        title\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.LecturesDocument,
    "\n  mutation CreateLecture($input: CreateLectureInput!) {\n    createLecture(input: $input) {\n      lecture {\n        id\n        title\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n": types.CreateLectureDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConfigurationForm_configuration on LectureConfiguration {\n    prompt\n    style\n    audience\n    language\n    durationSeconds\n    segmentLengthSeconds\n    imagesPerSegment\n    imageStyle\n    imageSize\n    voice\n    speakingRate\n    musicStyle\n    musicVolume\n    textModel\n    imageModel\n    speechModel\n    musicModel\n  }\n"): typeof import('./graphql').ConfigurationForm_ConfigurationFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AudioTab_lecture on Lecture {\n    score {\n      id\n      url\n    }\n    narrations {\n      segment\n      audio {\n        id\n        url\n      }\n    }\n    timeline {\n      segments {\n        number\n        text\n      }\n    }\n  }\n"): typeof import('./graphql').AudioTab_LectureFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConfigurationTab_lecture on Lecture {\n    config {\n      ...ConfigurationForm_configuration\n    }\n  }\n"): typeof import('./graphql').ConfigurationTab_LectureFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LecturePage_lecture on Lecture {\n    id\n    title\n    prompt\n    timeline {\n      durationSeconds\n      music {\n        id\n      }\n    }\n    ...ConfigurationTab_lecture\n    ...VisualsTab_lecture\n    ...AudioTab_lecture\n    ...VideoPreview_lecture\n  }\n"): typeof import('./graphql').LecturePage_LectureFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VideoPreview_lecture on Lecture {\n    narrations {\n      segment\n    }\n    timeline {\n      tracks {\n        slot\n        kind\n        label\n        file {\n          id\n          url\n        }\n      }\n      durationSeconds\n      musicVolume\n      music {\n        url\n      }\n      segments {\n        number\n        text\n        startSeconds\n        endSeconds\n        narration {\n          url\n        }\n        images {\n          startSeconds\n          endSeconds\n          image {\n            id\n            url\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').VideoPreview_LectureFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VisualsTab_lecture on Lecture {\n    images {\n      slot\n      segment\n      position\n      image {\n        id\n        url\n      }\n    }\n  }\n"): typeof import('./graphql').VisualsTab_LectureFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunBlock_run on WorkflowRun {\n    id\n    title\n    status\n    currentStep\n    totalSteps\n    canCancel\n    canRerun\n    canRetry\n    retrySteps\n    origin {\n      request\n      reason\n    }\n    error {\n      message\n      stepKey\n    }\n    steps {\n      __typename\n      ... on Step {\n        key\n        number\n        title\n        status\n      }\n      ...StepSection_step\n      ...ConfigurationStepView_step\n      ...ScriptStepView_step\n      ...SegmentImagesStepView_step\n      ...NarrationStepView_step\n      ...BackgroundScoreStepView_step\n      ...TimelineStepView_step\n      ...ImageGenerationStepView_step\n      ...NarrationGenerationStepView_step\n      ...ScoreGenerationStepView_step\n      ...SubtitlesGenerationStepView_step\n    }\n  }\n"): typeof import('./graphql').RunBlock_RunFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StepSection_step on Step {\n    key\n    number\n    total\n    title\n    status\n    summary\n    messages {\n      key\n      text\n      level\n    }\n    progress {\n      done\n      total\n      unit\n    }\n  }\n"): typeof import('./graphql').StepSection_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BackgroundScoreStepView_step on BackgroundScoreStep {\n    music {\n      durationSeconds\n    }\n  }\n"): typeof import('./graphql').BackgroundScoreStepView_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConfigurationStepView_step on ConfigurationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n    }\n    changes {\n      field\n      after\n    }\n    configurationReview {\n      ...ConfigurationReviewModal_review\n    }\n  }\n"): typeof import('./graphql').ConfigurationStepView_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImageGenerationStepView_step on ImageGenerationStep {\n    slot\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n"): typeof import('./graphql').ImageGenerationStepView_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NarrationGenerationStepView_step on NarrationGenerationStep {\n    segment\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n"): typeof import('./graphql').NarrationGenerationStepView_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NarrationStepView_step on NarrationStep {\n    voice\n    files {\n      segment\n    }\n  }\n"): typeof import('./graphql').NarrationStepView_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScoreGenerationStepView_step on ScoreGenerationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n"): typeof import('./graphql').ScoreGenerationStepView_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScriptStepView_step on ScriptStep {\n    scriptTitle\n    scriptSegments {\n      number\n      narration\n    }\n  }\n"): typeof import('./graphql').ScriptStepView_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SegmentImagesStepView_step on SegmentImagesStep {\n    segmentImages {\n      number\n      images {\n        id\n        url\n      }\n    }\n  }\n"): typeof import('./graphql').SegmentImagesStepView_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n    }\n    review {\n      candidate {\n        id\n      }\n    }\n    cues {\n      number\n    }\n    ...SubtitlesReviewModal_step\n  }\n"): typeof import('./graphql').SubtitlesGenerationStepView_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TimelineStepView_step on TimelineStep {\n    timeline {\n      durationSeconds\n    }\n  }\n"): typeof import('./graphql').TimelineStepView_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AssetReviewModal_review on AssetReview {\n    candidate {\n      id\n      url\n      mediaType\n      width\n      height\n      durationSeconds\n    }\n    candidates {\n      id\n      url\n    }\n    previous {\n      id\n      url\n      mediaType\n      width\n      height\n      durationSeconds\n    }\n  }\n"): typeof import('./graphql').AssetReviewModal_ReviewFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConfigurationReviewModal_review on ConfigurationReview {\n    candidate {\n      ...ConfigurationForm_configuration\n    }\n    changes {\n      field\n      before\n      after\n    }\n  }\n"): typeof import('./graphql').ConfigurationReviewModal_ReviewFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {\n    maxLineLength\n    cues {\n      number\n      segment\n      startSeconds\n      endSeconds\n      text\n    }\n  }\n"): typeof import('./graphql').SubtitlesReviewModal_StepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveRun on WorkflowRun {\n    id\n    version\n    createdAt\n    status\n    currentStep\n    ...RunBlock_run\n  }\n"): typeof import('./graphql').LiveRunFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrors on UserError {\n    field\n    message\n    code\n  }\n"): typeof import('./graphql').UserErrorsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LecturePanel($id: ID!) {\n    lecture(id: $id) {\n      id\n      title\n      ...LecturePage_lecture\n    }\n  }\n"): typeof import('./graphql').LecturePanelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LectureRuns($id: ID!, $first: Int!, $after: String) {\n    lecture(id: $id) {\n      id\n      runs(first: $first, after: $after, order: NEWEST_FIRST) {\n        nodes {\n          ...LiveRun\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LectureRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunsByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      ... on WorkflowRun {\n        ...LiveRun\n      }\n    }\n  }\n"): typeof import('./graphql').RunsByIdsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LectureRunChanges($lectureId: ID!, $after: String) {\n    runChanges(lectureId: $lectureId, after: $after) {\n      runIds\n      cursor\n    }\n  }\n"): typeof import('./graphql').LectureRunChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n"): typeof import('./graphql').StartRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartRunFromPrompt($input: StartRunFromPromptInput!) {\n    startRunFromPrompt(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n"): typeof import('./graphql').StartRunFromPromptDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveHumanRequest($input: ResolveHumanRequestInput!) {\n    resolveHumanRequest(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n"): typeof import('./graphql').ResolveHumanRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRun($input: RunInput!) {\n    cancelRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n"): typeof import('./graphql').CancelRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RerunRun($input: RunInput!) {\n    rerunRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n"): typeof import('./graphql').RerunRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryRun($input: RetryRunInput!) {\n    retryRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n"): typeof import('./graphql').RetryRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateLectureConfiguration($input: UpdateLectureConfigurationInput!) {\n    updateLectureConfiguration(input: $input) {\n      lecture {\n        id\n        title\n        ...LecturePage_lecture\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateLectureConfigurationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Lectures($first: Int!, $after: String) {\n    lectures(first: $first, after: $after) {\n      nodes {\n        id\n        title\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').LecturesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLecture($input: CreateLectureInput!) {\n    createLecture(input: $input) {\n      lecture {\n        id\n        title\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n"): typeof import('./graphql').CreateLectureDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
