import{a as e,c as t,d as n,i as r,l as i,m as a,n as o,o as s,r as c,s as l}from"./dist-BYtcqvzt.js";var u=a(n(),1),d=i();function f(e,t){return t}var p=class extends String{__apiType;value;__meta__;constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}},m=new p(`
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
    `,{fragmentName:`ConfigurationForm_configuration`}),h=new p(`
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
}`,{fragmentName:`ConfigurationTab_lecture`}),g=new p(`
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
    `,{fragmentName:`VisualsTab_lecture`}),_=new p(`
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
    `,{fragmentName:`AudioTab_lecture`}),v=new p(`
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
    `,{fragmentName:`VideoPreview_lecture`}),y=new p(`
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
}`,{fragmentName:`LecturePage_lecture`}),b=new p(`
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
    `,{fragmentName:`StepSection_step`}),x=new p(`
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
}`,{fragmentName:`ConfigurationReviewModal_review`}),S=new p(`
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
}`,{fragmentName:`ConfigurationStepView_step`}),C=new p(`
    fragment ScriptStepView_step on ScriptStep {
  scriptTitle
  scriptSegments {
    number
    narration
  }
}
    `,{fragmentName:`ScriptStepView_step`}),w=new p(`
    fragment SegmentImagesStepView_step on SegmentImagesStep {
  segmentImages {
    number
    images {
      id
      url
    }
  }
}
    `,{fragmentName:`SegmentImagesStepView_step`}),T=new p(`
    fragment NarrationStepView_step on NarrationStep {
  voice
  files {
    segment
  }
}
    `,{fragmentName:`NarrationStepView_step`}),E=new p(`
    fragment BackgroundScoreStepView_step on BackgroundScoreStep {
  music {
    durationSeconds
  }
}
    `,{fragmentName:`BackgroundScoreStepView_step`}),D=new p(`
    fragment TimelineStepView_step on TimelineStep {
  timeline {
    durationSeconds
  }
}
    `,{fragmentName:`TimelineStepView_step`}),O=new p(`
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
    `,{fragmentName:`AssetReviewModal_review`}),k=new p(`
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
}`,{fragmentName:`ImageGenerationStepView_step`}),A=new p(`
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
}`,{fragmentName:`NarrationGenerationStepView_step`}),ee=new p(`
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
}`,{fragmentName:`ScoreGenerationStepView_step`}),te=new p(`
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
    `,{fragmentName:`SubtitlesReviewModal_step`}),ne=new p(`
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
}`,{fragmentName:`SubtitlesGenerationStepView_step`}),re={"\n  fragment ConfigurationForm_configuration on LectureConfiguration {\n    prompt\n    style\n    audience\n    language\n    durationSeconds\n    segmentLengthSeconds\n    imagesPerSegment\n    imageStyle\n    imageSize\n    voice\n    speakingRate\n    musicStyle\n    musicVolume\n    textModel\n    imageModel\n    speechModel\n    musicModel\n  }\n":m,"\n  fragment AudioTab_lecture on Lecture {\n    score {\n      id\n      url\n    }\n    narrations {\n      segment\n      audio {\n        id\n        url\n      }\n    }\n    timeline {\n      segments {\n        number\n        text\n      }\n    }\n  }\n":_,"\n  fragment ConfigurationTab_lecture on Lecture {\n    config {\n      ...ConfigurationForm_configuration\n    }\n  }\n":h,"\n  fragment LecturePage_lecture on Lecture {\n    id\n    title\n    prompt\n    timeline {\n      durationSeconds\n      music {\n        id\n      }\n    }\n    ...ConfigurationTab_lecture\n    ...VisualsTab_lecture\n    ...AudioTab_lecture\n    ...VideoPreview_lecture\n  }\n":y,"\n  fragment VideoPreview_lecture on Lecture {\n    narrations {\n      segment\n    }\n    timeline {\n      tracks {\n        slot\n        kind\n        label\n        file {\n          id\n          url\n        }\n      }\n      durationSeconds\n      musicVolume\n      music {\n        url\n      }\n      segments {\n        number\n        text\n        startSeconds\n        endSeconds\n        narration {\n          url\n        }\n        images {\n          startSeconds\n          endSeconds\n          image {\n            id\n            url\n          }\n        }\n      }\n    }\n  }\n":v,"\n  fragment VisualsTab_lecture on Lecture {\n    images {\n      slot\n      segment\n      position\n      image {\n        id\n        url\n      }\n    }\n  }\n":g,"\n  fragment RunBlock_run on WorkflowRun {\n    id\n    title\n    status\n    currentStep\n    totalSteps\n    canCancel\n    canRerun\n    canRetry\n    retrySteps\n    origin {\n      request\n      reason\n    }\n    error {\n      message\n      stepKey\n    }\n    steps {\n      __typename\n      ... on Step {\n        key\n        number\n        title\n        status\n      }\n      ...StepSection_step\n      ...ConfigurationStepView_step\n      ...ScriptStepView_step\n      ...SegmentImagesStepView_step\n      ...NarrationStepView_step\n      ...BackgroundScoreStepView_step\n      ...TimelineStepView_step\n      ...ImageGenerationStepView_step\n      ...NarrationGenerationStepView_step\n      ...ScoreGenerationStepView_step\n      ...SubtitlesGenerationStepView_step\n    }\n  }\n":new p(`
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
}`,{fragmentName:`RunBlock_run`}),"\n  fragment StepSection_step on Step {\n    key\n    number\n    total\n    title\n    status\n    summary\n    messages {\n      key\n      text\n      level\n    }\n    progress {\n      done\n      total\n      unit\n    }\n  }\n":b,"\n  fragment BackgroundScoreStepView_step on BackgroundScoreStep {\n    music {\n      durationSeconds\n    }\n  }\n":E,"\n  fragment ConfigurationStepView_step on ConfigurationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n    }\n    changes {\n      field\n      after\n    }\n    configurationReview {\n      ...ConfigurationReviewModal_review\n    }\n  }\n":S,"\n  fragment ImageGenerationStepView_step on ImageGenerationStep {\n    slot\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n":k,"\n  fragment NarrationGenerationStepView_step on NarrationGenerationStep {\n    segment\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n":A,"\n  fragment NarrationStepView_step on NarrationStep {\n    voice\n    files {\n      segment\n    }\n  }\n":T,"\n  fragment ScoreGenerationStepView_step on ScoreGenerationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n      changeRoundsLeft\n    }\n    review {\n      ...AssetReviewModal_review\n    }\n  }\n":ee,"\n  fragment ScriptStepView_step on ScriptStep {\n    scriptTitle\n    scriptSegments {\n      number\n      narration\n    }\n  }\n":C,"\n  fragment SegmentImagesStepView_step on SegmentImagesStep {\n    segmentImages {\n      number\n      images {\n        id\n        url\n      }\n    }\n  }\n":w,"\n  fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {\n    request {\n      id\n      title\n      version\n      expiresAt\n    }\n    review {\n      candidate {\n        id\n      }\n    }\n    cues {\n      number\n    }\n    ...SubtitlesReviewModal_step\n  }\n":ne,"\n  fragment TimelineStepView_step on TimelineStep {\n    timeline {\n      durationSeconds\n    }\n  }\n":D,"\n  fragment AssetReviewModal_review on AssetReview {\n    candidate {\n      id\n      url\n      mediaType\n      width\n      height\n      durationSeconds\n    }\n    candidates {\n      id\n      url\n    }\n    previous {\n      id\n      url\n      mediaType\n      width\n      height\n      durationSeconds\n    }\n  }\n":O,"\n  fragment ConfigurationReviewModal_review on ConfigurationReview {\n    candidate {\n      ...ConfigurationForm_configuration\n    }\n    changes {\n      field\n      before\n      after\n    }\n  }\n":x,"\n  fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {\n    maxLineLength\n    cues {\n      number\n      segment\n      startSeconds\n      endSeconds\n      text\n    }\n  }\n":te,"\n  fragment LiveRun on WorkflowRun {\n    id\n    version\n    createdAt\n    status\n    currentStep\n    ...RunBlock_run\n  }\n":new p(`
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
}`,{fragmentName:`LiveRun`}),"\n  fragment UserErrors on UserError {\n    field\n    message\n    code\n  }\n":new p(`
    fragment UserErrors on UserError {
  field
  message
  code
}
    `,{fragmentName:`UserErrors`}),"\n  query LecturePanel($id: ID!) {\n    lecture(id: $id) {\n      id\n      title\n      ...LecturePage_lecture\n    }\n  }\n":new p(`
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
}`,{hash:`sha256:920bb20ffd53f79fb7a9d7bad2c54ca70a4a4ba702e2012e93b65b2ecc5cceda`}),"\n  query LectureRuns($id: ID!, $first: Int!, $after: String) {\n    lecture(id: $id) {\n      id\n      runs(first: $first, after: $after, order: NEWEST_FIRST) {\n        nodes {\n          ...LiveRun\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n":new p(`
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
}`,{hash:`sha256:075675a8a346b1889098a47152b1e50b7bdd4b554f4f4043ae4a3c7e09619ee0`}),"\n  query RunsByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      ... on WorkflowRun {\n        ...LiveRun\n      }\n    }\n  }\n":new p(`
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
}`,{hash:`sha256:d91f43e0f0dff5136521d0394b0077fc9acd203f011e241055db174c0cb6cd9f`}),"\n  subscription LectureRunChanges($lectureId: ID!, $after: String) {\n    runChanges(lectureId: $lectureId, after: $after) {\n      runIds\n      cursor\n    }\n  }\n":new p(`
    subscription LectureRunChanges($lectureId: ID!, $after: String) {
  runChanges(lectureId: $lectureId, after: $after) {
    runIds
    cursor
  }
}
    `,{hash:`sha256:769e6c2fcde52e4d9bb8f0d5c227078580f01f34384fefc6dacfc39523fd4144`}),"\n  mutation StartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n":new p(`
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
}`,{hash:`sha256:89bba77ba59cc298ce035d743f45f013a5043f7f143f3bf193cd2b155f00f776`}),"\n  mutation StartRunFromPrompt($input: StartRunFromPromptInput!) {\n    startRunFromPrompt(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n":new p(`
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
}`,{hash:`sha256:6d337c13dc80c87c8a9d086b1208217dd65e5401a3f6f256234436d2d2eb5bb5`}),"\n  mutation ResolveHumanRequest($input: ResolveHumanRequestInput!) {\n    resolveHumanRequest(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n":new p(`
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
}`,{hash:`sha256:f3ca48256715e4db2432eddcf23cb2aa12d9df03eee65dc729ce1ac184dbeff1`}),"\n  mutation CancelRun($input: RunInput!) {\n    cancelRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n":new p(`
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
}`,{hash:`sha256:de200cad3255d9a77ab1bd14a4cade49f4ef1da59e607092157e256fffb1bf9b`}),"\n  mutation RerunRun($input: RunInput!) {\n    rerunRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n":new p(`
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
}`,{hash:`sha256:96b02365d80c29ce49e3333355fe4b1f98d99b09baf5c14bed1afbe65568f15e`}),"\n  mutation RetryRun($input: RetryRunInput!) {\n    retryRun(input: $input) {\n      run {\n        ...LiveRun\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n":new p(`
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
}`,{hash:`sha256:6a59eae0d3e713a387bebfdef7e9b0bef135f02a9336bd17414df7bfbd1af72c`}),"\n  mutation UpdateLectureConfiguration($input: UpdateLectureConfigurationInput!) {\n    updateLectureConfiguration(input: $input) {\n      lecture {\n        id\n        title\n        ...LecturePage_lecture\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n":new p(`
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
}`,{hash:`sha256:5bb61baa4f44bee429906e7e9ab4b6c0f9bc5f935bf94c0bc9979f157957fab3`}),"\n  query Lectures($first: Int!, $after: String) {\n    lectures(first: $first, after: $after) {\n      nodes {\n        id\n        title\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new p(`
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
    `,{hash:`sha256:dfd6d9bd751263cbc04e996c3f53cf5827e0388556bfe77986d83414a4d59270`}),"\n  mutation CreateLecture($input: CreateLectureInput!) {\n    createLecture(input: $input) {\n      lecture {\n        id\n        title\n      }\n      userErrors {\n        ...UserErrors\n      }\n    }\n  }\n":new p(`
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
}`,{hash:`sha256:24ec6de8594e3318dfb921422c2c0f154197fa44ae683a89f67661e1613efd7d`})};function j(e){return re[e]??{}}var M=t();function N({variant:e=`secondary`,icon:t,children:n,className:r,type:i=`button`,...a}){let o=[`button`,`button--${e}`,r].filter(Boolean).join(` `);return(0,M.jsxs)(`button`,{type:i,className:o,...a,children:[t,n!==void 0&&(0,M.jsx)(`span`,{className:`button__label`,children:n})]})}var ie=`a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), audio[controls], [tabindex]:not([tabindex="-1"])`;function P({title:e,onClose:t,children:n,footer:r,wide:i=!1}){let a=(0,u.useRef)(null),o=(0,u.useId)();return(0,u.useEffect)(()=>{let e=a.current;if(!e)return;let t=document.activeElement instanceof HTMLElement?document.activeElement:null;return e.open||e.showModal(),e.querySelector(`[data-autofocus]`)?.focus(),()=>{e.close(),t?.isConnected&&t.focus()}},[]),(0,M.jsxs)(`dialog`,{ref:a,className:i?`modal modal--wide`:`modal`,"aria-modal":`true`,"aria-labelledby":o,onCancel:e=>{e.preventDefault(),t()},onKeyDown:e=>{if(e.key!==`Tab`||!a.current)return;let t=[...a.current.querySelectorAll(ie)],n=t[0],r=t[t.length-1];n&&r&&(e.shiftKey&&document.activeElement===n?(e.preventDefault(),r.focus()):!e.shiftKey&&document.activeElement===r&&(e.preventDefault(),n.focus()))},children:[(0,M.jsxs)(`header`,{className:`modal__header`,children:[(0,M.jsx)(`h2`,{id:o,className:`modal__title`,children:e}),(0,M.jsx)(N,{variant:`quiet`,className:`modal__close`,"aria-label":`Close`,onClick:t,children:(0,M.jsx)(`span`,{"aria-hidden":`true`,children:`×`})})]}),(0,M.jsx)(`div`,{className:`modal__body`,children:n}),r&&(0,M.jsx)(`footer`,{className:`modal__footer`,children:r})]})}function ae({title:e,onConfirm:t,onClose:n}){let[r,i]=(0,u.useState)(!1),[a,o]=(0,u.useState)(null),s=async()=>{i(!0);try{let e=await t();e.length===0?n():o(e.map(e=>e.message).join(` `))}catch(e){o(e instanceof Error?e.message:`The cancel could not be sent.`)}finally{i(!1)}};return(0,M.jsxs)(P,{title:`Cancel this run?`,onClose:n,footer:(0,M.jsxs)(M.Fragment,{children:[(0,M.jsx)(N,{variant:`secondary`,onClick:n,"data-autofocus":!0,children:`Keep running`}),(0,M.jsx)(N,{variant:`danger`,disabled:r,onClick:()=>void s(),children:`Cancel run`})]}),children:[(0,M.jsxs)(`p`,{children:[`“`,e,`” stops where it is. Steps already finished keep their results, and you can resume it from there or re-run it later.`]}),a&&(0,M.jsx)(`p`,{className:`review__error`,role:`alert`,children:a})]})}var oe={down:0,left:90,up:180,right:270};function F({direction:e}){return(0,M.jsx)(`svg`,{className:`chevron`,width:`16`,height:`16`,viewBox:`0 0 16 16`,"aria-hidden":`true`,focusable:`false`,style:{transform:`rotate(${oe[e]}deg)`},children:(0,M.jsx)(`path`,{d:`M4 6l4 4 4-4`,fill:`none`,stroke:`currentColor`,strokeWidth:`1.8`,strokeLinecap:`round`,strokeLinejoin:`round`})})}var se=(0,u.createContext)(null),ce=se.Provider;function le(e){let t=(0,u.useContext)(se);(0,u.useEffect)(()=>{if(e&&t)return t.opened(),t.closed},[e,t])}var ue=(0,u.createContext)(null),de=ue.Provider;function I(){let e=(0,u.useContext)(ue);if(!e)throw Error(`usePanelActions outside PanelActionsProvider`);return e}var fe=j(`
  fragment BackgroundScoreStepView_step on BackgroundScoreStep {
    music {
      durationSeconds
    }
  }
`);function pe({step:e}){let t=f(fe,e).music?.durationSeconds;return t==null?null:(0,M.jsxs)(`p`,{className:`step-detail`,children:[`One track, `,Math.round(t),` seconds`]})}var me=[`Content`,`Timing`,`Pictures`,`Sound`,`Models`],L={kind:`text`},R={kind:`integer`},he={kind:`decimal`},z={prompt:{label:`Prompt`,control:{kind:`longText`},group:`Content`},style:{label:`Style`,control:L,group:`Content`},audience:{label:`Audience`,control:L,group:`Content`},language:{label:`Language`,control:L,group:`Content`},durationSeconds:{label:`Duration (seconds)`,control:R,group:`Timing`,hint:`10 to 3600`},segmentLengthSeconds:{label:`Segment length (seconds)`,control:R,group:`Timing`,hint:`5 to 300`},imagesPerSegment:{label:`Images per segment`,control:R,group:`Pictures`,hint:`1 to 6`},imageStyle:{label:`Image style`,control:L,group:`Pictures`},imageSize:{label:`Image size`,control:{kind:`choice`,options:[{value:`LANDSCAPE`,label:`Landscape`},{value:`SQUARE`,label:`Square`},{value:`PORTRAIT`,label:`Portrait`}]},group:`Pictures`},voice:{label:`Voice`,control:L,group:`Sound`},speakingRate:{label:`Speaking rate`,control:he,group:`Sound`,hint:`0.5 to 2`},musicStyle:{label:`Music style`,control:L,group:`Sound`},musicVolume:{label:`Music volume`,control:he,group:`Sound`,hint:`0 to 1`},textModel:{label:`Text model`,control:L,group:`Models`},imageModel:{label:`Image model`,control:L,group:`Models`},speechModel:{label:`Speech model`,control:L,group:`Models`},musicModel:{label:`Music model`,control:L,group:`Models`}},B=Object.keys(z),ge=e=>e in z;function V(e){let t=e[e.length-1];return t!==void 0&&ge(t)?t:null}function H(e){return ge(e)?z[e].label:e}var _e=j(`
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
`);function U({configuration:e,onSubmit:t,submitLabel:n,submitUnchanged:r,secondaryAction:i,highlighted:a}){let o=f(_e,e),[s,c]=(0,u.useState)(()=>be(o)),[l,d]=(0,u.useState)({}),[p,m]=(0,u.useState)(null),[h,g]=(0,u.useState)(!1),_=(0,u.useId)(),v=(0,u.useRef)(null),[y,b]=(0,u.useState)(0);(0,u.useEffect)(()=>{if(y===0)return;let e=v.current?.querySelector(`[aria-invalid="true"]`);e?e.focus():v.current?.querySelector(`.config-form__error`)?.scrollIntoView({block:`nearest`})},[y]);let x=xe(s),S=Se(o,x.values),C=Object.keys(S).length===0,w=async e=>{if(e.preventDefault(),Object.keys(x.errors).length>0)d(x.errors),b(Date.now());else{g(!0),m(null);try{let e=await t(S),n={},r=[];for(let t of e){let e=V(t.field);e?n[e]??=ye(t.message):r.push(t.message)}d(n),m(r.length>0?r.join(` `):null),e.length>0&&b(Date.now())}catch(e){m(e instanceof Error?e.message:`The change could not be sent.`)}finally{g(!1)}}},T=(e,t)=>{c(n=>({...n,[e]:t})),d(({[e]:t,...n})=>n)};return(0,M.jsxs)(`form`,{className:`config-form`,onSubmit:w,noValidate:!0,ref:v,children:[me.map(e=>(0,M.jsxs)(`fieldset`,{className:`config-form__group`,children:[(0,M.jsx)(`legend`,{children:e}),B.filter(t=>z[t].group===e).map(e=>(0,M.jsx)(ve,{id:`${_}-${e}`,field:e,value:s[e],error:l[e],highlighted:a?.has(e)??!1,onChange:T},e))]},e)),p&&(0,M.jsx)(`p`,{className:`config-form__error`,role:`alert`,children:p}),(0,M.jsxs)(`div`,{className:`config-form__actions`,children:[i,(0,M.jsx)(N,{type:`submit`,variant:`primary`,disabled:h||C&&!r,children:n})]})]})}function ve({id:e,field:t,value:n,error:r,highlighted:i,onChange:a}){let o=z[t],s=`${e}-error`,c=`${e}-hint`,l=[r?s:null,o.hint?c:null].filter(Boolean).join(` `)||void 0,u={id:e,name:t,value:n,"aria-invalid":r?!0:void 0,"aria-describedby":l},d=o.control;return(0,M.jsxs)(`div`,{className:[`field`,i&&`field--highlighted`,r&&`field--invalid`].filter(Boolean).join(` `),children:[(0,M.jsxs)(`label`,{htmlFor:e,className:`field__label`,children:[o.label,i&&(0,M.jsx)(`span`,{className:`field__badge`,children:`from your prompt`})]}),d.kind===`longText`?(0,M.jsx)(`textarea`,{...u,rows:3,onChange:e=>a(t,e.target.value)}):d.kind===`choice`?(0,M.jsx)(`select`,{...u,onChange:e=>a(t,e.target.value),children:d.options.map(e=>(0,M.jsx)(`option`,{value:e.value,children:e.label},e.value))}):(0,M.jsx)(`input`,{...u,type:`text`,inputMode:d.kind===`integer`?`numeric`:d.kind===`decimal`?`decimal`:void 0,onChange:e=>a(t,e.target.value)}),o.hint&&(0,M.jsx)(`span`,{id:c,className:`field__hint`,children:o.hint}),r&&(0,M.jsx)(`p`,{id:s,className:`field__error`,role:`alert`,children:r})]})}var ye=e=>e.replace(/^[A-Za-z_][\w.]*: /,``);function be(e){let t={};for(let n of B)t[n]=String(e[n]);return t}function xe(e){let t={},n={};for(let r of B){let i=e[r].trim(),a=z[r].control.kind;if(a===`integer`||a===`decimal`){let e=Number(i);i!==``&&Number.isFinite(e)&&(a===`decimal`||Number.isInteger(e))?t[r]=e:n[r]=a===`integer`?`Enter a whole number.`:`Enter a number.`}else t[r]=a===`longText`?e[r]:i}return{values:t,errors:n}}function Se(e,t){let n={};for(let r of B){let i=t[r];i!==void 0&&i!==e[r]&&(n[r]=i)}return n}var Ce=j(`
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
`);function we({title:e,review:t,onDecide:n,onClose:r}){let i=f(Ce,t),[a,o]=(0,u.useState)(null),s=new Set(i.changes.map(e=>V([e.field])).filter(e=>e!==null)),c=async e=>{let t=await n(`ACCEPT`,Object.keys(e).length>0?e:void 0);return t.length===0&&r(),t},l=async()=>{o(null);try{let e=await n(`REJECT`);e.length===0?r():o(e.map(e=>e.message).join(` `))}catch(e){o(e instanceof Error?e.message:`The cancel could not be sent.`)}};return(0,M.jsxs)(P,{title:e,onClose:r,wide:!0,children:[i.changes.length>0&&(0,M.jsxs)(`div`,{className:`config-changes`,children:[(0,M.jsx)(`h3`,{className:`config-changes__title`,children:`From your prompt`}),(0,M.jsx)(`ul`,{className:`config-changes__list`,children:i.changes.map(e=>(0,M.jsxs)(`li`,{children:[H(e.field),`: `,(0,M.jsx)(`s`,{children:W(e.before)}),` → `,(0,M.jsx)(`strong`,{children:W(e.after)})]},e.field))})]}),a&&(0,M.jsx)(`p`,{className:`form-error`,role:`alert`,children:a}),(0,M.jsx)(U,{configuration:i.candidate,onSubmit:c,submitLabel:`Confirm`,submitUnchanged:!0,highlighted:s,secondaryAction:(0,M.jsx)(N,{variant:`secondary`,onClick:()=>void l(),children:`Cancel`})})]})}var W=e=>typeof e==`string`?e:JSON.stringify(e);function G(e,t=new Date){let n=new Date(e),r=n.getTime()-t.getTime();return Number.isNaN(r)?``:r<=0?`The time to answer has passed; the workflow is stopping.`:`Answer by ${new Intl.DateTimeFormat(void 0,{weekday:`short`,day:`numeric`,month:`short`,hour:`2-digit`,minute:`2-digit`}).format(n)} (${Ee(r)}); after that the workflow stops.`}var Te=[[`day`,864e5],[`hour`,36e5],[`minute`,6e4]];function Ee(e){let t=new Intl.RelativeTimeFormat(void 0,{numeric:`always`});for(let[n,r]of Te)if(e>=r)return t.format(Math.floor(e/r),n);return`in less than a minute`}function De({title:e,onOpen:t,children:n}){return(0,M.jsxs)(`div`,{className:`hil`,"data-testid":`hil-block`,children:[n&&(0,M.jsx)(`div`,{className:`hil__summary`,children:n}),(0,M.jsx)(N,{variant:`primary`,onClick:t,children:e})]})}var Oe=j(`
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
`);function ke({step:e,runId:t}){let n=f(Oe,e),r=I(),[i,a]=(0,u.useState)(!1);le(i&&!!(n.request&&n.configurationReview));let{request:o,configurationReview:s}=n;return!o||!s?null:(0,M.jsxs)(M.Fragment,{children:[(0,M.jsxs)(De,{title:o.title,onOpen:()=>a(!0),children:[n.changes.length>0?(0,M.jsx)(`ul`,{className:`hil__changes`,children:n.changes.map(e=>(0,M.jsxs)(`li`,{children:[H(e.field),`: `,(0,M.jsx)(`strong`,{children:String(e.after)})]},e.field))}):(0,M.jsx)(`p`,{children:`Your prompt kept the lecture’s current settings.`}),o.expiresAt&&(0,M.jsx)(`p`,{className:`hil__deadline`,"data-testid":`hil-deadline`,children:G(o.expiresAt)})]}),i&&(0,M.jsx)(we,{title:o.title,review:s,onClose:()=>a(!1),onDecide:(e,n)=>r.decide({runId:t,requestId:o.id,decision:e,version:o.version,...n?{configuration:n}:{}})})]})}function Ae(e){if(e===`cover`)return`Cover`;let t=/^segment-(\d+)-image-(\d+)$/.exec(e);return t?`Segment ${t[1]}, picture ${t[2]}`:e}function je({title:e,wide:t=!1,onDecide:n,onClose:r,errorsShownInBody:i=()=>!1,acceptDisabled:a=!1,rejectLabel:o=`Reject`,changeRoundsLeft:s=null,children:c}){let[l,d]=(0,u.useState)(null),[f,p]=(0,u.useState)(null),[m,h]=(0,u.useState)(!1),[g,_]=(0,u.useState)(``),v=async e=>{d(e),p(null);try{let t=await n(e,e===`REQUEST_CHANGES`?g.trim():void 0);if(t.length===0){r();return}let a=t.filter(e=>!i(e));a.length>0&&p(a.map(e=>e.message).join(` `))}catch(e){p(e instanceof Error?e.message:`The decision could not be sent.`)}finally{d(null)}},y=typeof s==`number`,b=m?(0,M.jsxs)(M.Fragment,{children:[(0,M.jsx)(N,{variant:`secondary`,disabled:l!==null,onClick:()=>h(!1),children:`Back`}),(0,M.jsx)(N,{variant:`primary`,disabled:l!==null||g.trim()===``,onClick:()=>void v(`REQUEST_CHANGES`),children:`Send feedback`})]}):(0,M.jsxs)(M.Fragment,{children:[y&&s>0&&(0,M.jsx)(N,{variant:`quiet`,disabled:l!==null,onClick:()=>h(!0),children:`Request changes`}),(0,M.jsx)(N,{variant:`secondary`,disabled:l!==null,onClick:()=>void v(`REJECT`),children:o}),(0,M.jsx)(N,{variant:`primary`,disabled:l!==null||a,onClick:()=>void v(`ACCEPT`),children:`Accept`})]});return(0,M.jsxs)(P,{title:e,onClose:r,wide:t,footer:b,children:[c,m&&(0,M.jsxs)(`div`,{className:`field review__feedback`,children:[(0,M.jsx)(`label`,{htmlFor:`review-feedback`,className:`field__label`,children:`What should change?`}),(0,M.jsx)(`textarea`,{id:`review-feedback`,rows:3,maxLength:2e3,value:g,placeholder:`For example: make it a night scene`,onChange:e=>_(e.target.value)}),(0,M.jsxs)(`p`,{className:`review__note`,children:[`A new version is made with your feedback.`,` `,s===1?`This is the last round of changes.`:`${s} rounds of changes left.`]})]}),y&&s===0&&(0,M.jsx)(`p`,{className:`review__note`,children:`All rounds of changes are used: accept or reject this version.`}),f&&(0,M.jsx)(`p`,{className:`review__error`,role:`alert`,children:f})]})}var Me=j(`
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
`);function Ne({title:e,media:t,noun:n,subject:r,review:i,changeRoundsLeft:a,onDecide:o,onClose:s}){let c=f(Me,i),[l,d]=(0,u.useState)(null),p=c.candidates.length>1,m=p&&l!==null&&c.candidates.some(e=>e.id===l)?l:null;return(0,M.jsxs)(je,{title:e,onClose:s,onDecide:(e,t)=>o(e,{...t===void 0?{}:{feedback:t},...e===`ACCEPT`&&m!==null?{choice:m}:{}}),wide:t===`image`,acceptDisabled:p&&m===null,rejectLabel:p?`Reject all`:`Reject`,changeRoundsLeft:a,children:[r&&(0,M.jsx)(`p`,{className:`review__subject`,children:r}),p?(0,M.jsxs)(M.Fragment,{children:[(0,M.jsxs)(`fieldset`,{className:`review__choices`,children:[(0,M.jsxs)(`legend`,{children:[`Pick one of the `,c.candidates.length,` new images`]}),c.candidates.map((e,r)=>(0,M.jsxs)(`label`,{className:`review__choice${m===e.id?` review__choice--picked`:``}`,children:[(0,M.jsx)(`input`,{type:`radio`,name:`review-choice`,value:e.id,checked:m===e.id,onChange:()=>d(e.id)}),(0,M.jsx)(K,{media:t,url:e.url,label:`New ${n} ${r+1}`}),(0,M.jsxs)(`span`,{children:[`Option `,r+1]})]},e.id))]}),(0,M.jsxs)(`figure`,{className:`review__item review__item--current-small`,children:[(0,M.jsxs)(`figcaption`,{children:[`Current `,n]}),c.previous?(0,M.jsx)(K,{media:t,url:c.previous.url,label:`Current ${n}`}):(0,M.jsxs)(`p`,{className:`review__empty`,children:[`No `,n,` yet`]})]}),(0,M.jsxs)(`p`,{className:`review__note`,children:[`Pick one and accept it to use it; the others are discarded. Reject all to keep the current `,n,`.`]})]}):(0,M.jsxs)(M.Fragment,{children:[(0,M.jsxs)(`div`,{className:`review review--${t}`,children:[(0,M.jsxs)(`figure`,{className:`review__item`,children:[(0,M.jsxs)(`figcaption`,{children:[`Current `,n]}),c.previous?(0,M.jsx)(K,{media:t,url:c.previous.url,label:`Current ${n}`}):(0,M.jsxs)(`p`,{className:`review__empty`,children:[`No `,n,` yet`]})]}),(0,M.jsxs)(`figure`,{className:`review__item review__item--candidate`,children:[(0,M.jsxs)(`figcaption`,{children:[`New `,n]}),(0,M.jsx)(K,{media:t,url:c.candidate.url,label:`New ${n}`})]})]}),(0,M.jsxs)(`p`,{className:`review__note`,children:[`Accept to use the new `,n,`. Reject to keep the current one.`]})]})]})}function K({media:e,url:t,label:n}){return e===`image`?(0,M.jsx)(`img`,{className:`review__image`,src:t,alt:n}):(0,M.jsx)(`audio`,{className:`review__audio`,src:t,controls:!0,preload:`metadata`,"aria-label":n})}function Pe({request:e,summary:t,modal:n}){let[r,i]=(0,u.useState)(!1);return le(r&&!!e),e?(0,M.jsxs)(M.Fragment,{children:[(0,M.jsxs)(De,{title:e.title,onOpen:()=>i(!0),children:[t,e.expiresAt&&(0,M.jsx)(`p`,{className:`hil__deadline`,"data-testid":`hil-deadline`,children:G(e.expiresAt)})]}),r&&n(e,()=>i(!1))]}):null}function q({runId:e,request:t,review:n,media:r,noun:i,subject:a}){let o=I();return n?(0,M.jsx)(Pe,{request:t,summary:(0,M.jsxs)(`p`,{children:[`The new `,i,a?` (${a})`:``,` is ready. Review it to keep it or the current one.`]}),modal:(t,s)=>(0,M.jsx)(Ne,{title:t.title,media:r,noun:i,subject:a,review:n,changeRoundsLeft:t.changeRoundsLeft,onClose:s,onDecide:(n,r)=>o.decide({runId:e,requestId:t.id,decision:n,...r,...t.version===void 0?{}:{version:t.version}})})}):null}var Fe=j(`
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
`);function Ie({step:e,runId:t}){let n=f(Fe,e);return(0,M.jsx)(q,{runId:t,request:n.request,review:n.review,media:`image`,noun:`image`,subject:n.slot?Ae(n.slot):void 0})}var Le=j(`
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
`);function Re({step:e,runId:t}){let n=f(Le,e);return(0,M.jsx)(q,{runId:t,request:n.request,review:n.review,media:`audio`,noun:`narration`,subject:n.segment?`Segment ${n.segment}`:void 0})}var ze=j(`
  fragment NarrationStepView_step on NarrationStep {
    voice
    files {
      segment
    }
  }
`);function Be({step:e}){let t=f(ze,e);return t.files.length===0?null:(0,M.jsxs)(`p`,{className:`step-detail`,children:[t.files.length,` narration files`,t.voice?`, voice “${t.voice}”`:``]})}var Ve=j(`
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
`);function He({step:e,runId:t}){let n=f(Ve,e);return(0,M.jsx)(q,{runId:t,request:n.request,review:n.review,media:`audio`,noun:`background score`})}var Ue=j(`
  fragment ScriptStepView_step on ScriptStep {
    scriptTitle
    scriptSegments {
      number
      narration
    }
  }
`);function We({step:e}){let t=f(Ue,e);return t.scriptSegments.length===0?null:(0,M.jsxs)(`details`,{className:`step-detail`,children:[(0,M.jsxs)(`summary`,{children:[t.scriptTitle??`Script`,` · `,t.scriptSegments.length,` segments`]}),(0,M.jsx)(`ol`,{className:`step-detail__script`,children:t.scriptSegments.map(e=>(0,M.jsx)(`li`,{children:e.narration},e.number))})]})}var Ge=j(`
  fragment SegmentImagesStepView_step on SegmentImagesStep {
    segmentImages {
      number
      images {
        id
        url
      }
    }
  }
`);function Ke({step:e}){let t=f(Ge,e).segmentImages.flatMap(e=>e.images.map((t,n)=>({...t,label:`Segment ${e.number}, picture ${n+1}`})));return t.length===0?null:(0,M.jsx)(`div`,{className:`thumbnails`,children:t.map(e=>(0,M.jsx)(`img`,{src:e.url,alt:e.label,loading:`lazy`},e.id))})}var qe=j(`
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
`),Je=e=>{let t=Math.max(0,Math.round(e*10));return`${Math.floor(t/600)}:${(t%600/10).toFixed(1).padStart(4,`0`)}`};function Ye({title:e,step:t,onDecide:n,onClose:r}){let{cues:i,maxLineLength:a}=f(qe,t),[o,s]=(0,u.useState)(()=>new Map),[c,l]=(0,u.useState)(()=>new Map),d=()=>i.flatMap(e=>{let t=o.get(e.number);return t!==void 0&&t.trim()!==e.text?[{number:e.number,text:t}]:[]}),p=(e,t)=>e.field[1]===`subtitles`&&e.field[2]===`cues`?t[Number(e.field[3])]?.number:void 0,m=(0,u.useRef)([]);return(0,M.jsxs)(je,{title:e,wide:!0,onClose:r,onDecide:async e=>{let t=e===`ACCEPT`?d():[];m.current=t;let r=await n(e,t.length>0?{cues:t}:void 0),i=new Map;for(let e of r){let n=p(e,t);n!==void 0&&i.set(n,e.message)}return l(i),r},errorsShownInBody:e=>p(e,m.current)!==void 0,children:[(0,M.jsxs)(`p`,{className:`review__note`,children:[`Edit any cue’s text; its timing stays. Lines wrap at `,a??42,` characters. Accept to show these subtitles in the video, Reject to keep the current ones.`]}),(0,M.jsx)(`ol`,{className:`cues`,"aria-label":`Subtitle cues`,children:i.map(e=>{let t=c.get(e.number),n=`cue-${e.number}-error`;return(0,M.jsxs)(`li`,{className:`cue`,children:[(0,M.jsxs)(`label`,{className:`cue__label`,htmlFor:`cue-${e.number}`,children:[(0,M.jsxs)(`span`,{className:`cue__number`,children:[`Cue `,e.number]}),(0,M.jsxs)(`span`,{className:`cue__time muted`,children:[Je(e.startSeconds),` – `,Je(e.endSeconds),` · segment `,e.segment]})]}),(0,M.jsx)(`textarea`,{id:`cue-${e.number}`,className:`cue__text`,rows:2,value:o.get(e.number)??e.text,"aria-label":`Cue ${e.number} text`,"aria-invalid":t?!0:void 0,"aria-describedby":t?n:void 0,onChange:t=>s(new Map(o).set(e.number,t.target.value))}),t&&(0,M.jsx)(`p`,{id:n,className:`field__error`,role:`alert`,children:t})]},e.number)})})]})}var Xe=j(`
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
`);function Ze({step:e,runId:t}){let n=f(Xe,e),r=I();return n.review?(0,M.jsx)(Pe,{request:n.request,summary:(0,M.jsxs)(`p`,{children:[n.cues.length,` subtitle cues are ready. Review them to edit their text, then keep them or the current subtitles.`]}),modal:(e,i)=>(0,M.jsx)(Ye,{title:e.title,step:n,onClose:i,onDecide:(n,i)=>r.decide({runId:t,requestId:e.id,decision:n,version:e.version,...i?{subtitles:i}:{}})})}):null}var Qe=j(`
  fragment TimelineStepView_step on TimelineStep {
    timeline {
      durationSeconds
    }
  }
`);function $e({step:e}){let t=f(Qe,e),{openVideoPreview:n}=I();return t.timeline?(0,M.jsx)(`div`,{className:`step-detail`,children:(0,M.jsx)(N,{variant:`secondary`,onClick:n,children:`Open video preview`})}):null}var et={ConfigurationStep:ke,ScriptStep:We,SegmentImagesStep:Ke,NarrationStep:Be,BackgroundScoreStep:pe,TimelineStep:$e,ImageGenerationStep:Ie,NarrationGenerationStep:Re,ScoreGenerationStep:He,SubtitlesGenerationStep:Ze};function tt({typename:e,step:t,runId:n}){let r=et[e];return(0,M.jsx)(r,{step:t,runId:n})}function nt({items:e}){return e.length===0?null:(0,M.jsx)(`ul`,{className:`bullets`,children:e.map(e=>(0,M.jsx)(`li`,{className:`bullets__item bullets__item--${e.tone}`,children:e.text},e.key))})}function rt({done:e,total:t,unit:n,label:r}){let i=Math.min(Math.max(e,0),t),a=t>0?i/t*100:0,o=`${i}/${t} ${n}`;return(0,M.jsxs)(`div`,{className:`progress`,children:[(0,M.jsx)(`div`,{className:`progress__track`,role:`progressbar`,"aria-label":r,"aria-valuemin":0,"aria-valuemax":t,"aria-valuenow":i,"aria-valuetext":o,children:(0,M.jsx)(`div`,{className:`progress__fill`,style:{width:`${a}%`}})}),(0,M.jsx)(`span`,{className:`progress__text`,children:o})]})}function it(e){let[t,n]=(0,u.useState)({forDefault:e,chosen:null}),r=t;t.forDefault!==e&&(r={forDefault:e,chosen:null},n(r));let i=r.chosen??e;return[i,()=>n({forDefault:e,chosen:!i})]}var at=j(`
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
`),ot={INFO:`info`,SUCCESS:`success`,ERROR:`error`};function st({step:e,isCurrent:t,children:n}){let r=f(at,e),[i,a]=it(t),o=(0,u.useId)(),s=r.summary||r.title;return(0,M.jsxs)(`section`,{className:`step step--${r.status.toLowerCase()}`,"data-testid":`step`,"data-step-key":r.key,"data-status":r.status,children:[(0,M.jsxs)(`header`,{className:`step__header`,children:[(0,M.jsxs)(`span`,{className:`step__number`,children:[r.number,`/`,r.total]}),(0,M.jsx)(`span`,{className:`step__summary`,children:s}),(0,M.jsx)(N,{variant:`quiet`,className:`step__toggle`,"aria-expanded":i,"aria-controls":o,"aria-label":`${i?`Collapse`:`Expand`} step ${r.number}: ${r.title}`,onClick:a,icon:(0,M.jsx)(F,{direction:i?`up`:`down`})})]}),r.progress&&r.status!==`COMPLETED`&&(0,M.jsx)(`div`,{className:`step__progress`,children:(0,M.jsx)(rt,{done:r.progress.done,total:r.progress.total,unit:r.progress.unit,label:`${r.title} progress`})}),(0,M.jsx)(`div`,{id:o,className:`step__body`,hidden:!i,children:i&&(0,M.jsxs)(M.Fragment,{children:[(0,M.jsx)(nt,{items:r.messages.map(e=>({key:e.key,text:e.text,tone:ot[e.level]}))}),n]})})]})}var ct=j(`
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
`),lt={QUEUED:`Queued`,RUNNING:null,WAITING_FOR_INPUT:`Waiting for you`,COMPLETED:`Completed`,FAILED:`Failed`,CANCELLED:`Cancelled`},ut=(0,u.memo)(function({run:e,isCurrent:t}){let n=f(ct,e),r=I(),[i,a]=it(t),[o,s]=(0,u.useState)(0),c=(0,u.useMemo)(()=>({opened:()=>s(e=>e+1),closed:()=>s(e=>Math.max(0,e-1))}),[]),l=i||o>0,[d,p]=(0,u.useState)(!1),[m,h]=(0,u.useState)(null),g=(0,u.useId)(),_=(0,u.useId)(),v=n.steps.filter(e=>e.status!==`PENDING`),y=lt[n.status],b=n.retrySteps[n.retrySteps.length-1],x=n.canRetry&&n.retrySteps.length>1,[S,C]=(0,u.useState)(void 0),w=(0,u.useId)(),[T,E]=(0,u.useState)(!1),D=(0,u.useRef)(!1),O=async(e,t)=>{if(!D.current){D.current=!0,h(null),E(!0);try{let t=await e();t.length>0&&h(t.map(e=>e.message).join(` `))}catch(e){h(e instanceof Error?e.message:t)}finally{D.current=!1,E(!1)}}},k=()=>O(()=>r.rerunRun(n.id),`The re-run could not be started.`),A=()=>O(()=>r.retryRun(n.id,S??b),`The run could not be resumed.`);return(0,M.jsxs)(`article`,{className:`run run--${n.status.toLowerCase()}`,"data-testid":`run-block`,"data-run-id":n.id,"data-status":n.status,"aria-labelledby":_,children:[(0,M.jsxs)(`header`,{className:`run__header`,children:[(0,M.jsx)(`h3`,{className:`run__title`,id:_,children:n.title}),(0,M.jsxs)(`span`,{className:`run__steps`,children:[n.currentStep,`/`,n.totalSteps,` Steps`]}),(0,M.jsx)(`span`,{className:`run__status run__status--${n.status.toLowerCase()}`,"data-testid":`run-status`,children:y??(0,M.jsx)(`span`,{className:`visually-hidden`,children:`Running`})}),(0,M.jsxs)(`span`,{className:`run__actions`,children:[n.canCancel&&(0,M.jsx)(N,{variant:`secondary`,icon:(0,M.jsx)(F,{direction:`left`}),onClick:()=>p(!0),children:`Cancel`}),x&&(0,M.jsx)(N,{variant:`primary`,icon:(0,M.jsx)(F,{direction:`right`}),disabled:T,onClick:()=>void A(),children:`Resume`}),!n.canCancel&&n.canRerun&&(0,M.jsx)(N,{variant:`secondary`,icon:(0,M.jsx)(F,{direction:`right`}),disabled:T,onClick:()=>void k(),children:`Re-run`}),(0,M.jsx)(N,{variant:`quiet`,"aria-expanded":l,"aria-controls":g,"aria-label":`${l?`Collapse`:`Expand`} ${n.title}`,onClick:a,icon:(0,M.jsx)(F,{direction:l?`up`:`down`})})]})]}),l&&x&&(0,M.jsxs)(`div`,{className:`run__resume`,children:[(0,M.jsx)(`label`,{htmlFor:w,children:`Resume from`}),(0,M.jsx)(`select`,{id:w,value:S??b,onChange:e=>C(e.target.value),children:n.retrySteps.map(e=>{let t=n.steps.find(t=>t.key===e);return(0,M.jsx)(`option`,{value:e,children:t?`${t.number}. ${t.title}`:e},e)})})]}),m&&(0,M.jsx)(`p`,{className:`run__error`,role:`alert`,children:m}),(0,M.jsx)(ce,{value:c,children:(0,M.jsxs)(`div`,{id:g,className:`run__body`,hidden:!l,children:[l&&n.origin&&(0,M.jsxs)(`p`,{className:`run__origin`,children:[(0,M.jsx)(`q`,{children:n.origin.request}),` `,(0,M.jsx)(`span`,{className:`run__reason`,children:n.origin.reason})]}),l&&v.map(e=>(0,M.jsx)(st,{step:e,isCurrent:e.number===n.currentStep,children:(0,M.jsx)(tt,{typename:e.__typename,step:e,runId:n.id})},e.key)),l&&n.error&&!n.error.stepKey&&(0,M.jsx)(`p`,{className:`run__error`,role:`status`,children:n.error.message})]})}),d&&n.canCancel&&(0,M.jsx)(ae,{title:n.title,onConfirm:()=>r.cancelRun(n.id),onClose:()=>p(!1)})]})}),dt={connecting:`Connecting…`,live:`Live`,reconnecting:`Reconnecting…`};function ft({runs:e,connection:t,hasEarlierRuns:n,onLoadEarlierRuns:r,loading:i,footer:a}){let o=(0,u.useRef)(null),s=(0,u.useRef)(!0),c=e[e.length-1]?.id,l=(0,u.useRef)(void 0);return(0,u.useLayoutEffect)(()=>{let e=o.current;if(e){if(c!==l.current){l.current=c;let t=c?e.querySelector(`[data-run-id="${CSS.escape(c)}"]`):null;t instanceof HTMLElement&&(e.scrollTop=t.offsetTop-e.offsetTop-8),s.current=!0}else s.current&&(e.scrollTop=e.scrollHeight)}}),(0,M.jsxs)(`section`,{className:`agent-progress`,"aria-label":`Agent Progress`,children:[(0,M.jsxs)(`header`,{className:`agent-progress__header`,children:[(0,M.jsx)(`h2`,{className:`agent-progress__title`,children:`Agent Progress`}),(0,M.jsx)(`span`,{className:`connection connection--${t}`,"data-testid":`connection-state`,role:`status`,children:dt[t]})]}),(0,M.jsxs)(`div`,{className:`agent-progress__runs`,ref:o,onScroll:()=>{let e=o.current;e&&(s.current=e.scrollHeight-e.scrollTop-e.clientHeight<48)},children:[n&&(0,M.jsx)(N,{variant:`quiet`,className:`agent-progress__earlier`,onClick:r,children:`Show earlier runs`}),e.length===0&&!i&&(0,M.jsx)(`p`,{className:`agent-progress__empty`,children:`Nothing has run on this lecture yet. Describe what you want below, or generate the full video.`}),e.map((t,n)=>(0,M.jsx)(ut,{run:t.block,isCurrent:n===e.length-1},t.id))]}),(0,M.jsx)(`footer`,{className:`agent-progress__footer`,children:a})]})}var pt=`/graphql`,J=class extends Error{reason;name=`RequestFailed`;constructor(e,t){super(e),this.reason=t}};async function Y(e,t,n){let r={"content-type":`application/json`,accept:`application/graphql-response+json, application/json`},i=c();i&&(r.authorization=i);let a;try{a=await fetch(pt,{method:`POST`,headers:r,body:JSON.stringify({query:e.toString(),variables:t}),...n?{signal:n}:{}})}catch(e){throw n?.aborted?e:new J(`The server cannot be reached. Check that it is running.`,`unreachable`)}if(a.status===401)throw s(i),new J(`The server needs a valid access token.`,`unauthorized`);let o;try{o=await a.json()}catch{throw new J(`The server answered ${a.status} without data.`,`malformed`)}if(o.errors?.length||o.data==null){let e=o.errors?.map(e=>e.message).join(`; `);throw new J(e||`The server answered ${a.status} without data.`,`refused`)}return o.data}var X=j(`
  fragment LiveRun on WorkflowRun {
    id
    version
    createdAt
    status
    currentStep
    ...RunBlock_run
  }
`),mt=j(`
  fragment UserErrors on UserError {
    field
    message
    code
  }
`),ht=j(`
  query LecturePanel($id: ID!) {
    lecture(id: $id) {
      id
      title
      ...LecturePage_lecture
    }
  }
`),gt=j(`
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
`),_t=j(`
  query RunsByIds($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on WorkflowRun {
        ...LiveRun
      }
    }
  }
`),vt=j(`
  subscription LectureRunChanges($lectureId: ID!, $after: String) {
    runChanges(lectureId: $lectureId, after: $after) {
      runIds
      cursor
    }
  }
`),yt=j(`
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
`),bt=j(`
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
`),xt=j(`
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
`),St=j(`
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
`),Ct=j(`
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
`),wt=j(`
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
`),Tt=j(`
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
`),Et=j(`
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
`),Dt=j(`
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
`),Ot=20,kt=100;function At(e){let t=Math.min(15e3,500*2**e),n=t/2+t/2*Math.random();return new Promise(e=>setTimeout(e,n))}var jt=4403;function Mt(e){return typeof e==`object`&&!!e&&`code`in e&&typeof e.code==`number`}function Nt(e){let t=new URL(e,window.location.href);return t.protocol=t.protocol===`https:`?`wss:`:`ws:`,t.toString()}var Pt=(e,t)=>e.createdAt<t.createdAt?-1:e.createdAt>t.createdAt?1:e.id<t.id?-1:+(e.id>t.id),Ft=class{lectureId;snapshot={lecture:void 0,runs:[],runsLoaded:!1,hasEarlierRuns:!1,connection:`connecting`,error:null};listeners=new Set;runsById=new Map;cursor=null;earlierRuns=null;toReread=new Set;rereading=!1;lectureReading=!1;lectureStale=!1;initialLoad=null;client=null;unsubscribe=null;stopped=!1;resubscribeAttempts=0;socketCredential=null;constructor(e){this.lectureId=e}subscribe=e=>(this.listeners.add(e),()=>this.listeners.delete(e));getSnapshot=()=>this.snapshot;start(){this.stopped=!1,this.refreshLecture(),this.openSubscription()}stop(){this.stopped=!0,this.unsubscribe?.(),It(this.client),this.client=null}acceptLecture(e){e&&this.update({lecture:e})}acceptRun(e){e&&this.merge([f(X,e)])}rereadRun=e=>{this.toReread.add(e),this.reread()};refreshLecture=async()=>{if(this.lectureReading)this.lectureStale=!0;else{this.lectureReading=!0;try{do{this.lectureStale=!1;let e=await Y(ht,{id:this.lectureId});if(this.stopped)return;this.update({lecture:e.lecture??null}),e.lecture||this.stop()}while(this.lectureStale)}catch(e){this.snapshot.lecture===void 0&&e instanceof J&&e.reason===`refused`?(this.update({lecture:null}),this.stop()):this.fail(e)}finally{this.lectureReading=!1}}};loadEarlierRuns=async()=>{if(this.earlierRuns)try{await this.loadRunsPage(this.earlierRuns)}catch(e){this.fail(e)}};openSubscription(){let e=o({url:Nt(pt),connectionParams:()=>{let e=c();return this.socketCredential=e,e?{authorization:e}:{}},retryAttempts:1/0,retryWait:At,shouldRetry:e=>Mt(e)&&e.code===jt?(s(this.socketCredential),!1):!0,on:{connecting:e=>this.update({connection:e?`reconnecting`:this.snapshot.connection}),connected:()=>{this.resubscribeAttempts=0,this.cursor!==null&&this.update({connection:`live`,error:null})},closed:()=>{this.stopped||this.update({connection:`reconnecting`})}}});this.client=e;let t=this.lectureId,n=this,r={query:vt.toString(),get variables(){return{lectureId:t,after:n.cursor}}};this.unsubscribe=e.subscribe(r,{next:e=>{let t=e.data?.runChanges;if(t){this.cursor=t.cursor,this.snapshot.connection!==`live`&&this.update({connection:`live`,error:null}),this.initialLoad||(this.initialLoad=this.loadRunsPage(null).catch(e=>{this.initialLoad=null,this.fail(e)}),this.refreshLecture());for(let e of t.runIds)this.toReread.add(e);this.reread()}},error:()=>this.resubscribeLater(),complete:()=>this.resubscribeLater()})}resubscribeLater(){this.stopped||(this.update({connection:`reconnecting`}),this.unsubscribe=null,It(this.client),this.client=null,At(this.resubscribeAttempts++).then(()=>{this.stopped||this.openSubscription()}))}async loadRunsPage(e){let t=await Y(gt,{id:this.lectureId,first:Ot,after:e});if(this.stopped)return;let n=t.lecture?.runs;n?((e===null||this.earlierRuns===e)&&(this.earlierRuns=n.pageInfo.hasNextPage?n.pageInfo.endCursor??null:null),this.merge(n.nodes.map(e=>f(X,e)),!0),this.update({runsLoaded:!0,hasEarlierRuns:this.earlierRuns!==null})):this.update({runsLoaded:!0})}async reread(){if(!this.rereading){this.rereading=!0;try{for(;this.toReread.size>0&&!this.stopped;){let e=[...this.toReread].slice(0,kt);for(let t of e)this.toReread.delete(t);let t=(await Y(_t,{ids:e})).nodes.flatMap(e=>e?.__typename===`WorkflowRun`?[f(X,e)]:[]);this.stopped||this.merge(t)}}catch(e){this.fail(e)}finally{this.rereading=!1}}}merge(e,t=!1){let n=this.snapshot.runs[0],r=!1,i=!1;for(let a of e){let e=this.runsById.get(a.id);e&&e.version>=a.version||!e&&!t&&this.earlierRuns&&n&&Pt(a,n)<0||(e&&e.status===a.status&&e.currentStep===a.currentStep||(i=!0),this.runsById.set(a.id,a),r=!0)}r&&(this.update({runs:[...this.runsById.values()].sort(Pt)}),i&&!t&&this.refreshLecture())}fail(e){this.stopped||this.update({error:e instanceof Error?e.message:`Something went wrong.`})}update(e){this.snapshot={...this.snapshot,...e};for(let e of this.listeners)e()}};function It(e){e&&Promise.resolve(e.dispose()).catch(()=>void 0)}var Z=e=>e.map(e=>{let{field:t,message:n,code:r}=f(mt,e);return{field:t,message:n,code:r}});function Lt(e){let[t]=(0,u.useState)(()=>new Ft(e));(0,u.useEffect)(()=>(t.start(),()=>t.stop()),[t]);let n=(0,u.useSyncExternalStore)(t.subscribe,t.getSnapshot),r=(0,u.useMemo)(()=>({async startRun(n){let{startRun:r}=await Y(yt,{input:{lectureId:e,workflow:n}});return t.acceptRun(r.run),Z(r.userErrors)},async startRunFromPrompt(n){let{startRunFromPrompt:r}=await Y(bt,{input:{lectureId:e,prompt:n}});return t.acceptRun(r.run),Z(r.userErrors)},async decide({runId:e,requestId:n,decision:r,configuration:i,subtitles:a,feedback:o,choice:s,version:c}){let{resolveHumanRequest:l}=await Y(xt,{input:{runId:e,requestId:n,decision:r,...i?{edits:{configuration:i}}:{},...a?{edits:{subtitles:a}}:{},...o===void 0?{}:{feedback:o},...s===void 0?{}:{choice:s},...c===void 0?{}:{version:c}}});t.acceptRun(l.run);let u=Z(l.userErrors);return u.some(e=>e.code===`CONFLICT`)&&t.rereadRun(e),u},async saveConfiguration(n){let{updateLectureConfiguration:r}=await Y(Tt,{input:{lectureId:e,configuration:n}});return t.acceptLecture(r.lecture),Z(r.userErrors)},async cancelRun(e){let{cancelRun:n}=await Y(St,{input:{runId:e}});return t.acceptRun(n.run),Z(n.userErrors)},async rerunRun(e){let{rerunRun:n}=await Y(Ct,{input:{runId:e}});return t.acceptRun(n.run),Z(n.userErrors)},async retryRun(e,n){let{retryRun:r}=await Y(wt,{input:{runId:e,fromStep:n}});return t.acceptRun(r.run),Z(r.userErrors)},refreshLecture:t.refreshLecture,loadEarlierRuns:t.loadEarlierRuns}),[t,e]);return{...n,actions:r}}var Q=e=>`tab-${e}`,Rt=e=>`tabpanel-${e}`;function zt({label:e,tabs:t,selected:n,onSelect:r,children:i}){let a=(0,u.useRef)(null);return(0,M.jsxs)(`div`,{className:`tabs`,children:[(0,M.jsx)(`div`,{className:`tabs__list`,role:`tablist`,"aria-label":e,ref:a,onKeyDown:e=>{let i={ArrowRight:1,ArrowLeft:-1}[e.key];if(i===void 0)return;e.preventDefault();let o=t[(t.findIndex(e=>e.key===n)+i+t.length)%t.length];o&&(r(o.key),a.current?.querySelector(`#${Q(o.key)}`)?.focus())},children:t.map(e=>(0,M.jsx)(`button`,{id:Q(e.key),type:`button`,role:`tab`,className:`tabs__tab`,"aria-selected":e.key===n,"aria-controls":Rt(e.key),tabIndex:e.key===n?0:-1,onClick:()=>r(e.key),children:e.label},e.key))}),(0,M.jsx)(`div`,{className:`tabs__panel`,role:`tabpanel`,id:Rt(n),"aria-labelledby":Q(n),children:i})]})}var Bt=j(`
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
`);function Vt({lecture:e,onGenerateNarration:t,onGenerateScore:n}){let r=f(Bt,e),[i,a]=(0,u.useState)(null),o=new Map((r.timeline?.segments??[]).map(e=>[e.number,e.text])),s=async e=>{a(null);try{let t=await e();t.length>0&&a(t.map(e=>e.message).join(` `))}catch(e){a(e instanceof Error?e.message:`The generation could not be started.`)}};return(0,M.jsxs)(`div`,{className:`tab-content`,children:[i&&(0,M.jsx)(`p`,{className:`form-error`,role:`alert`,children:i}),(0,M.jsxs)(`section`,{className:`audio-section`,"aria-labelledby":`narration-heading`,children:[(0,M.jsx)(`h3`,{id:`narration-heading`,children:`Narration`}),r.narrations.length===0&&(0,M.jsx)(`p`,{className:`muted`,children:`Narration appears here once a full video has been generated.`}),(0,M.jsx)(`ol`,{className:`audio-list`,children:r.narrations.map(({segment:e,audio:n})=>(0,M.jsxs)(`li`,{className:`audio-item`,children:[(0,M.jsxs)(`div`,{className:`audio-item__text`,children:[(0,M.jsxs)(`strong`,{children:[`Segment `,e]}),(0,M.jsx)(`span`,{className:`muted`,children:o.get(e)})]}),(0,M.jsx)(`audio`,{controls:!0,preload:`metadata`,src:n.url,"aria-label":`Narration segment ${e}`}),(0,M.jsx)(N,{variant:`secondary`,onClick:()=>void s(()=>t(e)),children:`Generate Narration`})]},e))})]}),(0,M.jsxs)(`section`,{className:`audio-section`,"aria-labelledby":`score-heading`,children:[(0,M.jsx)(`h3`,{id:`score-heading`,children:`Background score`}),(0,M.jsxs)(`div`,{className:`audio-item audio-item--score`,children:[r.score?(0,M.jsx)(`audio`,{controls:!0,preload:`metadata`,src:r.score.url,"aria-label":`Background score`}):(0,M.jsx)(`p`,{className:`muted`,children:`No background score yet.`}),(0,M.jsx)(N,{variant:`secondary`,onClick:()=>void s(n),children:`Generate Background Score`})]})]})]})}var Ht=j(`
  fragment ConfigurationTab_lecture on Lecture {
    config {
      ...ConfigurationForm_configuration
    }
  }
`);function Ut({lecture:e,onSave:t}){let n=f(Ht,e);return(0,M.jsxs)(`div`,{className:`tab-content`,children:[(0,M.jsx)(`p`,{className:`tab-content__intro`,children:`Every generation uses these settings. A full video started from a prompt proposes changes for you to review first.`}),(0,M.jsx)(U,{configuration:n.config,onSubmit:t,submitLabel:`Save`,submitUnchanged:!1},JSON.stringify(n.config))]})}function Wt({onStart:e,onGenerateFullVideo:t}){let[n,r]=(0,u.useState)(``),[i,a]=(0,u.useState)(null),[o,s]=(0,u.useState)(!1),c=(0,u.useId)(),l=async(e,t)=>{if(t&&!n.trim())a(`Describe what you want first.`);else{s(!0),a(null);try{let t=await e(n.trim());t.length>0?a(t.map(e=>e.message).join(` `)):r(``)}catch(e){a(e instanceof Error?e.message:`The run could not be started.`)}finally{s(!1)}}};return(0,M.jsxs)(`form`,{className:`prompt-box`,onSubmit:t=>{t.preventDefault(),l(e,!0)},children:[(0,M.jsx)(`label`,{htmlFor:c,className:`visually-hidden`,children:`Describe what you want`}),(0,M.jsx)(`textarea`,{id:c,className:`prompt-box__input`,rows:2,value:n,placeholder:`Describe what you want`,"aria-invalid":i?!0:void 0,"aria-describedby":i?`${c}-error`:void 0,onChange:e=>r(e.target.value),onKeyDown:t=>{t.key===`Enter`&&!t.shiftKey&&(t.preventDefault(),l(e,!0))}}),i&&(0,M.jsx)(`p`,{id:`${c}-error`,className:`form-error`,role:`alert`,children:i}),(0,M.jsxs)(`div`,{className:`prompt-box__actions`,children:[(0,M.jsx)(N,{variant:`secondary`,disabled:o,onClick:()=>void l(t,!1),children:`Generate Full Video`}),(0,M.jsx)(N,{type:`submit`,variant:`primary`,disabled:o,children:`Start`})]})]})}function Gt({onGenerate:e,unavailable:t}){let n=(0,u.useId)(),[r,i]=(0,u.useState)(null),a=async()=>{i(null);try{let t=await e();t.length>0&&i(t.map(e=>e.message).join(` `))}catch(e){i(e instanceof Error?e.message:`The generation could not be started.`)}};return(0,M.jsxs)(`span`,{className:`subtitles-action`,children:[(0,M.jsx)(N,{variant:`secondary`,disabled:t!==null,"aria-describedby":t===null?void 0:n,onClick:()=>void a(),children:`Generate Subtitles`}),t!==null&&(0,M.jsx)(`span`,{id:n,className:`muted subtitles-action__reason`,children:t}),r&&(0,M.jsx)(`span`,{className:`form-error`,role:`alert`,children:r})]})}function Kt(e){let[t,n]=(0,u.useState)(null),[r,i]=(0,u.useState)(void 0),a=(0,u.useCallback)(e=>n(e),[]);return(0,u.useEffect)(()=>{if(i(void 0),!t||e===void 0)return;let n=()=>{let e=t.track.cues;e&&i(Array.from(e).map(e=>({startTime:e.startTime,endTime:e.endTime,text:e instanceof VTTCue?e.text:``})))};return t.track.mode=`hidden`,t.addEventListener(`load`,n),t.readyState===HTMLTrackElement.LOADED&&n(),()=>t.removeEventListener(`load`,n)},[t,e]),[a,r]}var qt=j(`
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
`),$=e=>{let t=Math.max(0,Math.floor(e));return`${Math.floor(t/60)}:${String(t%60).padStart(2,`0`)}`};function Jt({lecture:e,playFromStart:t,onPlayStarted:n,onGenerateSubtitles:r}){let{timeline:i,narrations:a}=f(qt,e),o=(0,M.jsx)(Gt,{onGenerate:r,unavailable:i&&a.length>0?null:`Subtitles follow the narration: generate the full video first.`}),s=i?.tracks.find(e=>e.kind===`subtitles`||e.kind===`captions`),[c,l]=Kt(s?.file.id),d=(0,u.useRef)(null),p=(0,u.useRef)(null),[m,h]=(0,u.useState)(0),[g,_]=(0,u.useState)(0),[v,y]=(0,u.useState)(!1),b=i?.segments??[],x=b[m],S=b.flatMap(e=>e.images),C=S.find(e=>g>=e.startSeconds&&g<e.endSeconds)??S[0],w=(e,t)=>{let n=b[e];n&&(h(e),_(n.startSeconds+t),y(!0),p.current&&(p.current.currentTime=n.startSeconds+t),T.current=t)},T=(0,u.useRef)(null);if((0,u.useEffect)(()=>{let e=d.current,t=p.current;e&&t&&i&&(t.volume=Math.min(1,Math.max(0,i.musicVolume)),v?(T.current!==null&&(e.currentTime=T.current,T.current=null),e.play().catch(()=>y(!1)),t.play().catch(()=>void 0)):(e.pause(),t.pause()))},[v,m,i]),(0,u.useEffect)(()=>{t&&i&&(n(),w(0,0))}),!i||!x)return(0,M.jsxs)(`section`,{className:`preview preview--empty`,"aria-label":`Video preview`,children:[(0,M.jsx)(`p`,{className:`muted`,children:`The video appears here once “Generate Full Video” has finished.`}),o]});let E=l?.find(e=>g>=e.startTime&&g<e.endTime),D=l?E?.text??``:x.text,O=()=>{let e=d.current;e&&_(x.startSeconds+e.currentTime)},k=()=>{m+1<b.length?w(m+1,0):(y(!1),h(0),_(0),T.current=0,p.current&&(p.current.currentTime=0))},A=e=>{let t=0;b.forEach((n,r)=>{n.startSeconds<=e&&(t=r)});let n=b[t];n&&(h(t),_(e),T.current=e-n.startSeconds,p.current&&(p.current.currentTime=e),!v&&d.current&&(d.current.currentTime=e-n.startSeconds,T.current=null))};return(0,M.jsxs)(`section`,{className:`preview`,"aria-label":`Video preview`,children:[(0,M.jsxs)(`div`,{className:`preview__screen`,children:[C&&(0,M.jsx)(`img`,{className:`preview__image`,src:C.image.url,alt:`Video frame, segment ${x.number}`}),D&&(0,M.jsx)(`p`,{className:`preview__caption`,"data-testid":`preview-caption`,"aria-live":`off`,children:D})]}),(0,M.jsxs)(`div`,{className:`preview__controls`,children:[(0,M.jsx)(N,{variant:`primary`,onClick:()=>y(!v),children:v?`Pause`:`Play`}),(0,M.jsx)(`input`,{className:`preview__seek`,type:`range`,min:0,max:i.durationSeconds,step:.1,value:Math.min(g,i.durationSeconds),"aria-label":`Position`,"aria-valuetext":`${$(g)} of ${$(i.durationSeconds)}`,onChange:e=>A(Number(e.target.value))}),(0,M.jsxs)(`span`,{className:`preview__time`,children:[$(g),` / `,$(i.durationSeconds)]}),o]}),(0,M.jsx)(`ol`,{className:`preview__strip`,"aria-label":`Timeline`,children:S.map((e,t)=>(0,M.jsx)(`li`,{style:{flexGrow:e.endSeconds-e.startSeconds},className:e===C?`preview__frame preview__frame--current`:`preview__frame`,children:(0,M.jsx)(`button`,{type:`button`,className:`preview__frame-button`,"aria-label":`Jump to ${$(e.startSeconds)}`,onClick:()=>A(e.startSeconds),children:(0,M.jsx)(`img`,{src:e.image.url,alt:``})})},`${e.image.id}-${t}`))}),(0,M.jsx)(`audio`,{ref:d,src:x.narration.url,preload:`auto`,"aria-label":`Video narration`,onTimeUpdate:O,onEnded:k}),(0,M.jsx)(`audio`,{ref:p,src:i.music.url,preload:`auto`,"aria-label":`Video background score`,children:s&&(0,M.jsx)(`track`,{ref:c,kind:s.kind,label:s.label,src:s.file.url,default:!0},s.file.id)})]})}var Yt=j(`
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
`);function Xt(e){let t=e.images.map(e=>({slot:e.slot,label:e.segment==null?`Cover`:`Segment ${e.segment}, picture ${e.position??1}`,url:e.image.url}));return t.some(e=>e.slot===`cover`)?t:[{slot:`cover`,label:`Cover`,url:null},...t]}function Zt({lecture:e,onGenerate:t}){let n=f(Yt,e),[r,i]=(0,u.useState)(``),[a,o]=(0,u.useState)(1),[s,c]=(0,u.useState)(null),[l,d]=(0,u.useState)(null),p=async e=>{d(e),c(null);try{let n=await t(e,r.trim(),a);n.length>0&&c(n.map(e=>e.message).join(` `))}catch(e){c(e instanceof Error?e.message:`The generation could not be started.`)}finally{d(null)}};return(0,M.jsxs)(`div`,{className:`tab-content`,children:[(0,M.jsxs)(`div`,{className:`field field--inline`,children:[(0,M.jsx)(`label`,{htmlFor:`image-prompt`,className:`field__label`,children:`Image prompt`}),(0,M.jsx)(`input`,{id:`image-prompt`,type:`text`,value:r,placeholder:`Leave empty to use the lecture’s prompt`,onChange:e=>i(e.target.value)})]}),(0,M.jsxs)(`div`,{className:`field field--inline`,children:[(0,M.jsx)(`label`,{htmlFor:`image-variations`,className:`field__label`,children:`Variations`}),(0,M.jsxs)(`select`,{id:`image-variations`,value:a,onChange:e=>o(Number(e.target.value)),children:[(0,M.jsx)(`option`,{value:1,children:`1 image`}),(0,M.jsx)(`option`,{value:2,children:`2 images to choose from`}),(0,M.jsx)(`option`,{value:3,children:`3 images to choose from`}),(0,M.jsx)(`option`,{value:4,children:`4 images to choose from`})]})]}),s&&(0,M.jsx)(`p`,{className:`form-error`,role:`alert`,children:s}),(0,M.jsx)(`ul`,{className:`slots`,children:Xt(n).map(e=>(0,M.jsxs)(`li`,{className:`slot`,"data-slot":e.slot,children:[e.url?(0,M.jsx)(`img`,{className:`slot__image`,src:e.url,alt:`${e.slot} image`}):(0,M.jsx)(`div`,{className:`slot__empty`,children:`No image yet`}),(0,M.jsxs)(`div`,{className:`slot__footer`,children:[(0,M.jsx)(`span`,{className:`slot__label`,children:e.label}),(0,M.jsx)(N,{variant:`secondary`,disabled:l===e.slot,onClick:()=>void p(e.slot),children:`Generate Image`})]})]},e.slot))})]})}var Qt=j(`
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
`),$t=[{key:`configuration`,label:`Configuration`},{key:`visuals`,label:`Visuals`},{key:`audio`,label:`Audio`},{key:`video`,label:`Video preview`}];function en({lectureId:e,onTitle:t}){let n=Lt(e),{actions:r}=n,[i,a]=(0,u.useState)(`configuration`),[o,s]=(0,u.useState)(!1),c=n.lecture?f(Qt,n.lecture):n.lecture;(0,u.useEffect)(()=>{c&&t(c.title)},[c,t]);let l=c?.timeline?`${c.timeline.music.id}:${c.timeline.durationSeconds}`:null,d=(0,u.useRef)(void 0);(0,u.useEffect)(()=>{c!==void 0&&(d.current!==void 0&&l!==null&&l!==d.current&&(a(`video`),s(!0)),d.current=l)},[c,l]);let p=(0,u.useMemo)(()=>({decide:r.decide,cancelRun:r.cancelRun,rerunRun:r.rerunRun,retryRun:r.retryRun,openVideoPreview:()=>a(`video`)}),[r]);return c===null?(0,M.jsx)(`main`,{className:`lecture-missing`,children:(0,M.jsx)(`p`,{children:`This lecture does not exist, or it is not yours.`})}):(0,M.jsx)(de,{value:p,children:(0,M.jsxs)(`main`,{className:`lecture`,children:[(0,M.jsxs)(`div`,{className:`lecture__main`,children:[(0,M.jsx)(`h1`,{className:`lecture__title`,children:c?.title??`Loading…`}),n.error&&(0,M.jsx)(`p`,{className:`form-error`,role:`alert`,children:n.error}),c&&(0,M.jsxs)(zt,{label:`Lecture`,tabs:$t,selected:i,onSelect:a,children:[i===`configuration`&&(0,M.jsx)(Ut,{lecture:c,onSave:r.saveConfiguration}),i===`visuals`&&(0,M.jsx)(Zt,{lecture:c,onGenerate:(e,t,n)=>r.startRun({image:{slot:e,prompt:t,variations:n}})}),i===`audio`&&(0,M.jsx)(Vt,{lecture:c,onGenerateNarration:e=>r.startRun({narration:{segment:e}}),onGenerateScore:()=>r.startRun({backgroundScore:{}})}),i===`video`&&(0,M.jsx)(Jt,{lecture:c,playFromStart:o,onPlayStarted:()=>s(!1),onGenerateSubtitles:()=>r.startRun({subtitles:{}})})]})]}),(0,M.jsx)(ft,{runs:n.runs.map(e=>({id:e.id,block:e})),connection:n.connection,loading:!n.runsLoaded,hasEarlierRuns:n.hasEarlierRuns,onLoadEarlierRuns:()=>void r.loadEarlierRuns(),footer:(0,M.jsx)(Wt,{onStart:r.startRunFromPrompt,onGenerateFullVideo:e=>r.startRun({fullVideo:{prompt:e||c?.prompt||c?.title||``}})})})]})})}var tn=100;function nn(){let[e,t]=(0,u.useState)(null),[n,r]=(0,u.useState)(0);return(0,u.useEffect)(()=>{let e=!0;return Y(Et,{first:tn,after:null}).then(n=>e&&t(n.lectures.nodes),()=>e&&t(e=>e??[])),()=>{e=!1}},[n]),{lectures:e,reload:(0,u.useCallback)(()=>r(e=>e+1),[])}}function rn({onCreated:e,onClose:t}){let[n,r]=(0,u.useState)(``),[i,a]=(0,u.useState)(``),[o,s]=(0,u.useState)(null),[c,l]=(0,u.useState)(!1),d=(0,u.useId)(),p=async t=>{t.preventDefault(),l(!0),s(null);try{let{createLecture:t}=await Y(Dt,{input:{title:n.trim(),prompt:i}}),r=t.userErrors.map(e=>f(mt,e).message);t.lecture?e(t.lecture):s(r.join(` `)||`The lecture could not be created.`)}catch(e){s(e instanceof Error?e.message:`The lecture could not be created.`)}finally{l(!1)}};return(0,M.jsx)(P,{title:`New lecture`,onClose:t,children:(0,M.jsxs)(`form`,{className:`new-lecture`,onSubmit:e=>void p(e),noValidate:!0,children:[(0,M.jsxs)(`div`,{className:`field`,children:[(0,M.jsx)(`label`,{htmlFor:`${d}-title`,className:`field__label`,children:`Title`}),(0,M.jsx)(`input`,{id:`${d}-title`,value:n,required:!0,"data-autofocus":!0,"aria-describedby":o?`${d}-error`:void 0,onChange:e=>r(e.target.value)})]}),(0,M.jsxs)(`div`,{className:`field`,children:[(0,M.jsx)(`label`,{htmlFor:`${d}-prompt`,className:`field__label`,children:`Prompt`}),(0,M.jsx)(`textarea`,{id:`${d}-prompt`,rows:3,value:i,onChange:e=>a(e.target.value)})]}),o&&(0,M.jsx)(`p`,{id:`${d}-error`,className:`form-error`,role:`alert`,children:o}),(0,M.jsxs)(`div`,{className:`config-form__actions`,children:[(0,M.jsx)(N,{variant:`secondary`,onClick:t,children:`Cancel`}),(0,M.jsx)(N,{type:`submit`,variant:`primary`,disabled:c||!n.trim(),children:`Create`})]})]})})}var an=/^\/lectures\/([^/]+)\/?$/;function on(e){let t=an.exec(e);return t?.[1]?decodeURIComponent(t[1]):null}function sn(){let[e,t]=(0,u.useState)(()=>on(window.location.pathname));return(0,u.useEffect)(()=>{let e=()=>t(on(window.location.pathname));return window.addEventListener(`popstate`,e),()=>window.removeEventListener(`popstate`,e)},[]),[e,(0,u.useCallback)(e=>{let n=`/lectures/${encodeURIComponent(e)}`;window.location.pathname!==n&&window.history.pushState(null,``,n),t(e)},[])]}function cn({refused:e,onToken:t}){let[n,r]=(0,u.useState)(``),i=(0,u.useId)();return(0,M.jsx)(`main`,{className:`token-prompt`,children:(0,M.jsxs)(`form`,{className:`token-prompt__card`,onSubmit:e=>{e.preventDefault(),n.trim()&&(l.set(n),t())},children:[(0,M.jsx)(`h1`,{children:`Agent Progress`}),(0,M.jsx)(`p`,{children:`This server needs an access token.`}),(0,M.jsx)(`label`,{htmlFor:i,className:`field__label`,children:`Access token`}),(0,M.jsx)(`input`,{id:i,type:`password`,autoComplete:`off`,value:n,"aria-describedby":e?`${i}-error`:void 0,onChange:e=>r(e.target.value)}),e&&(0,M.jsx)(`p`,{id:`${i}-error`,className:`form-error`,role:`alert`,children:`The server refused that token. Try another one.`}),(0,M.jsx)(N,{type:`submit`,variant:`primary`,children:`Continue`})]})})}function ln(){let[t,n]=(0,u.useState)(null),[i,a]=(0,u.useState)(()=>l.get()!==null),[o,s]=(0,u.useState)(!1);return(0,u.useEffect)(()=>{r().then(n)},[]),(0,u.useEffect)(()=>e(()=>{a(!1),s(!0)}),[]),t===null?null:t===`tokens`&&!i?(0,M.jsx)(cn,{refused:o,onToken:()=>{a(!0),s(!1)}}):(0,M.jsx)(un,{})}function un(){let[e,t]=sn(),{lectures:n,reload:r}=nn(),[i,a]=(0,u.useState)(!1),[o,s]=(0,u.useState)(null);(0,u.useEffect)(()=>{let r=n?.[0];e===null&&r&&t(r.id)},[e,n,t]);let c=n??[],l=e&&!c.some(t=>t.id===e)?[{id:e,title:o??`This lecture`},...c]:c;return(0,M.jsxs)(`div`,{className:`studio`,children:[(0,M.jsxs)(`header`,{className:`topbar`,children:[(0,M.jsx)(`span`,{className:`topbar__brand`,children:`Lecture Studio`}),(0,M.jsxs)(`div`,{className:`topbar__picker`,children:[(0,M.jsx)(`label`,{htmlFor:`lecture-picker`,className:`topbar__label`,children:`Lecture`}),(0,M.jsxs)(`select`,{id:`lecture-picker`,value:e??``,onChange:e=>e.target.value&&t(e.target.value),children:[e===null&&(0,M.jsx)(`option`,{value:``,children:`Choose a lecture`}),l.map(e=>(0,M.jsx)(`option`,{value:e.id,children:e.title},e.id))]}),(0,M.jsx)(N,{variant:`secondary`,onClick:()=>a(!0),children:`New lecture`})]})]}),e?(0,M.jsx)(en,{lectureId:e,onTitle:s},e):(0,M.jsxs)(`main`,{className:`welcome`,children:[(0,M.jsx)(`h1`,{children:`Make a video lecture`}),(0,M.jsx)(`p`,{children:`Create a lecture, describe what you want, and watch the agent work.`}),(0,M.jsx)(N,{variant:`primary`,onClick:()=>a(!0),children:`New lecture`})]}),i&&(0,M.jsx)(rn,{onClose:()=>a(!1),onCreated:e=>{r(),a(!1),t(e.id)}})]})}var dn=document.getElementById(`root`);if(!dn)throw Error(`index.html has no #root`);(0,d.createRoot)(dn).render((0,M.jsx)(u.StrictMode,{children:(0,M.jsx)(ln,{})}));