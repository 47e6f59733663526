"""The GraphQL documents the terminal client sends: the same API the panel uses.

Plain strings, parsed by `gql`; tests/test_terminal_documents.py validates each against the
server's schema. Documents that select fields newer servers add (a review's `version`,
`candidates`, ...) come in two forms: `review_document(rich=True)` and the one older servers
accept."""

from __future__ import annotations

RUN_FIELDS = """
fragment TerminalRun on WorkflowRun {
  id kind title status currentStep totalSteps version createdAt
  lecture { id title }
  error { message stepKey }
  steps {
    __typename
    ... on Step {
      key number total title status summary
      messages { key text level }
      request { id title }
      progress { done total unit }
    }
  }
}
"""

RICH_RUN_FIELDS = RUN_FIELDS.replace(
    "request { id title }", "request { id title expiresAt changeRoundsLeft }"
)
"""RUN_FIELDS with what issue 10 adds to a pending request (its deadline, the rounds of
changes left), for `watch` on servers that have them."""

_RUNS_BY_IDS = """
query TerminalRunsByIds($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ... on WorkflowRun { ...TerminalRun } }
}
"""
RUNS_BY_IDS = _RUNS_BY_IDS + RUN_FIELDS
RICH_RUNS_BY_IDS = _RUNS_BY_IDS + RICH_RUN_FIELDS

_LECTURE_RUNS = """
query TerminalLectureRuns($id: ID!, $first: Int!) {
  lecture(id: $id) {
    id title
    runs(first: $first, order: NEWEST_FIRST) { nodes { ...TerminalRun } }
  }
}
"""
LECTURE_RUNS = _LECTURE_RUNS + RUN_FIELDS
RICH_LECTURE_RUNS = _LECTURE_RUNS + RICH_RUN_FIELDS

LATEST = """
query TerminalLatest {
  runs(first: 1) { nodes { lecture { id } } }
  lectures(first: 1) { nodes { id } }
}
"""

RUN = (
    """
query TerminalRun($id: ID!) { run(id: $id) { ...TerminalRun } }
"""
    + RUN_FIELDS
)

CONFIGURATION_FIELDS = (
    "prompt",
    "style",
    "audience",
    "language",
    "durationSeconds",
    "segmentLengthSeconds",
    "imagesPerSegment",
    "imageStyle",
    "imageSize",
    "voice",
    "speakingRate",
    "musicStyle",
    "musicVolume",
    "textModel",
    "imageModel",
    "speechModel",
    "musicModel",
)
"""LectureConfiguration's fields: what "Review and Confirm Configuration" shows and edits."""

ASSET_FIELDS = "id url mediaType width height durationSeconds"


def review_document(*, rich: bool) -> str:
    """One run with everything its pending review shows. `rich` also selects what the review
    decisions of issue 10 add (request version and deadline, all candidates of a round)."""
    request_extra = "version expiresAt changeRoundsLeft" if rich else ""
    candidates = f"candidates {{ {ASSET_FIELDS} }}" if rich else ""
    return (
        f"""
query TerminalReview($id: ID!) {{
  run(id: $id) {{
    ...TerminalRun
    steps {{
      __typename
      ... on Step {{ key request {{ id title {request_extra} }} }}
      ... on ConfigurationStep {{
        configurationReview {{
          candidate {{ {" ".join(CONFIGURATION_FIELDS)} }}
          changes {{ field before after }}
        }}
      }}
      ... on ReviewedAsset {{
        review {{ candidate {{ {ASSET_FIELDS} }} previous {{ {ASSET_FIELDS} }} }}
        {candidates}
      }}
      ... on ImageGenerationStep {{ prompt }}
      ... on NarrationGenerationStep {{ text }}
      ... on ScoreGenerationStep {{ prompt }}
      ... on SubtitlesGenerationStep {{ cues {{ number startSeconds endSeconds text }} }}
    }}
  }}
}}
"""
        + RUN_FIELDS
    )


CREATE_LECTURE = """
mutation TerminalCreateLecture($title: String!, $prompt: String!) {
  createLecture(input: {title: $title, prompt: $prompt}) {
    lecture { id title }
    userErrors { field message code }
  }
}
"""

START_RUN = (
    """
mutation TerminalStartRun($input: StartRunInput!) {
  startRun(input: $input) { run { ...TerminalRun } userErrors { field message code } }
}
"""
    + RUN_FIELDS
)

RESOLVE = (
    """
mutation TerminalResolve($input: ResolveHumanRequestInput!) {
  resolveHumanRequest(input: $input) { run { ...TerminalRun } userErrors { field message code } }
}
"""
    + RUN_FIELDS
)

RUN_CHANGES = """
subscription TerminalRunChanges($lectureId: ID, $after: String) {
  runChanges(lectureId: $lectureId, after: $after) { runIds cursor }
}
"""
