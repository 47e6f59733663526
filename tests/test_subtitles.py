"""The fifth kind, Generating Subtitles: WebVTT cues from the lecture's script and its
narration's real durations (one per sentence, timed within its segment), reviewed with editable
text, attached to the timeline on accept, kept as they were on reject."""

from __future__ import annotations

import base64
import uuid
from typing import Any

from src.assets.library import AssetRef
from src.lectures.timeline import SegmentParts, lay_out
from src.resources import LOCAL_VIEWER
from src.steps.subtitles import cues_of, render_vtt
from tests.graphql_client import GraphQLClient
from tests.lecture_video import give_lecture_a_video
from tests.test_image_workflow_e2e import CHANGES, awaiting_review, finished, until
from tests.test_lecture_tabs_api import START, new_lecture

RUN = """query($id: ID!) { run(id: $id) { id title status outcome
  steps { __typename ... on Step { summary messages { text } request { id title } }
    ... on SubtitlesGenerationStep { maxLineLength decision candidate { url mediaType }
      cues { number segment startSeconds endSeconds text }
      review { candidate { url } previous { url } } } } } }"""
RESOLVE = """mutation($runId: ID!, $decision: Decision!, $edits: HumanRequestEdits) {
  resolveHumanRequest(input: {runId: $runId, requestId: "review-subtitles",
                              decision: $decision, edits: $edits}) {
    run { id } userErrors { field message code } } }"""
TRACKS = """query($id: ID!) { lecture(id: $id) { timeline {
  segments { startSeconds endSeconds } tracks { slot kind label file { url mediaType } } } } }"""


def _audio(seconds: float) -> AssetRef:
    return AssetRef(
        id=uuid.uuid4(),
        slot="n",
        media_type="audio/wav",
        content_hash="0" * 64,
        byte_size=1,
        details={"duration_seconds": seconds},
    )


def test_one_cue_per_sentence_timed_within_its_segment_by_length() -> None:
    timeline = lay_out(
        [
            SegmentParts(number=1, text="One two three. Four!", narration=_audio(4.0), images=()),
            SegmentParts(number=2, text="A single sentence", narration=_audio(2.5), images=()),
        ],
        _audio(6.5),
        0.3,
    )
    cues = cues_of(timeline)
    assert [(c.number, c.segment, c.text) for c in cues] == [
        (1, 1, "One two three."),
        (2, 1, "Four!"),
        (3, 2, "A single sentence"),
    ]
    # 14 and 5 characters share segment 1's 4 seconds; the last cue ends with its segment.
    assert [(c.start_seconds, c.end_seconds) for c in cues] == [
        (0.0, round(4.0 * 14 / 19, 3)),
        (round(4.0 * 14 / 19, 3), 4.0),
        (4.0, 6.5),
    ]


def test_webvtt_has_the_header_numbered_cues_and_wrapped_lines() -> None:
    timeline = lay_out(
        [
            SegmentParts(
                number=1,
                text="A sentence long enough to wrap onto two lines here.",
                narration=_audio(3661.5),
                images=(),
            )
        ],
        _audio(1),
        0.3,
    )
    vtt = render_vtt(cues_of(timeline), max_line_length=30)
    assert vtt == (
        "WEBVTT\n\n1\n00:00:00.000 --> 01:01:01.500\n"
        "A sentence long enough to wrap\nonto two lines here.\n"
    )


def _uuid(global_id: str) -> uuid.UUID:
    return uuid.UUID(base64.b64decode(global_id).decode().split(":", 1)[1])


async def _start(gql: GraphQLClient, lecture_id: str, **given: Any) -> dict[str, Any]:
    started = await gql.execute(START, lectureId=lecture_id, workflow={"subtitles": given})
    return dict(started["startRun"])


async def _run(gql: GraphQLClient, changes: Any, run_id: str, predicate: Any) -> dict[str, Any]:
    await until(gql, changes, run_id, predicate)
    return dict((await gql.execute(RUN, id=run_id))["run"])


async def test_a_lecture_without_script_or_narration_is_refused_with_a_typed_error(
    gql: GraphQLClient,
) -> None:
    lecture_id = await new_lecture(gql, "No video yet")
    started = await _start(gql, lecture_id)
    assert started["run"] is None
    (error,) = started["userErrors"]
    assert (error["code"], error["field"]) == ("INVALID_INPUT", ["workflow", "subtitles"])
    assert error["message"] == (
        "This lecture has no script and narration yet: generate the full video first, "
        "then its subtitles."
    )


async def test_subtitles_are_reviewed_edited_and_attached_to_the_timeline_reject_keeps_them(
    gql: GraphQLClient, resources: Any
) -> None:
    lecture_id = await new_lecture(gql, "Captioned")
    await give_lecture_a_video(
        resources.lectures, resources.assets, owner_id=LOCAL_VIEWER.id, lecture_id=_uuid(lecture_id)
    )
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        started = await _start(gql, lecture_id, maxLineLength=30)
        assert started["userErrors"] == []
        run = await _run(gql, changes, started["run"]["id"], awaiting_review)
        assert run["title"] == "Generating Subtitles"
        (step,) = run["steps"]
        assert step["__typename"] == "SubtitlesGenerationStep"
        assert step["summary"] == "Subtitles Ready for Review"
        assert step["request"] == {"id": "review-subtitles", "title": "Review Subtitles"}
        assert [m["text"] for m in step["messages"]] == ["Starting subtitle generation"]
        assert step["candidate"]["mediaType"] == "text/vtt"
        assert step["review"]["previous"] is None
        # One cue per sentence of the script, each inside its segment's narration.
        timeline = (await gql.execute(TRACKS, id=lecture_id))["lecture"]["timeline"]
        assert timeline["tracks"] == []
        cues = step["cues"]
        assert [c["text"] for c in cues] == [
            "Volcanoes form where magma rises.",
            "Pressure builds under the crust!",
            "Lava cools into new rock.",
            "Islands can grow this way.",
        ]
        assert [c["segment"] for c in cues] == [1, 1, 2, 2]
        for cue in cues:
            segment = timeline["segments"][cue["segment"] - 1]
            assert segment["startSeconds"] <= cue["startSeconds"] < cue["endSeconds"]
            assert cue["endSeconds"] <= segment["endSeconds"]

        # A bad edit is refused on its path and changes nothing.
        refused = (
            await gql.execute(
                RESOLVE,
                runId=run["id"],
                decision="ACCEPT",
                edits={"subtitles": {"cues": [{"number": 9, "text": "x"}]}},
            )
        )["resolveHumanRequest"]
        assert refused["userErrors"][0]["code"] == "INVALID_INPUT"
        assert refused["userErrors"][0]["field"][:4] == ["edits", "subtitles", "cues", "0"]

        accepted = (
            await gql.execute(
                RESOLVE,
                runId=run["id"],
                decision="ACCEPT",
                edits={"subtitles": {"cues": [{"number": 2, "text": "  Pressure   builds! "}]}},
            )
        )["resolveHumanRequest"]
        assert accepted["userErrors"] == []
        done = await _run(gql, changes, run["id"], finished)
        assert done["status"] == "COMPLETED"
        assert done["outcome"] == "Subtitles saved"
        (step,) = done["steps"]
        assert [m["text"] for m in step["messages"]] == [
            "Starting subtitle generation",
            "Subtitles are saved and will be shown in the video",
        ]
        assert step["decision"] == "ACCEPT"
        assert step["cues"][1]["text"] == "Pressure builds!"

        tracks = (await gql.execute(TRACKS, id=lecture_id))["lecture"]["timeline"]["tracks"]
        (track,) = tracks
        assert (track["slot"], track["kind"], track["label"]) == (
            "subtitles",
            "subtitles",
            "Subtitles",
        )
        assert track["file"]["url"] == step["candidate"]["url"]
        served = await gql.http.get(track["file"]["url"])
        assert served.headers["content-type"].startswith("text/vtt")
        assert served.text.startswith("WEBVTT\n\n1\n00:00:00.000 --> ")
        assert "Pressure builds!" in served.text

        # Rejecting new subtitles keeps the ones in use.
        again = await _start(gql, lecture_id)
        second = await _run(gql, changes, again["run"]["id"], awaiting_review)
        assert second["steps"][0]["review"]["previous"]["url"] == track["file"]["url"]
        await gql.execute(RESOLVE, runId=second["id"], decision="REJECT", edits=None)
        rejected = await _run(gql, changes, second["id"], finished)
        assert [m["text"] for m in rejected["steps"][0]["messages"]][-1] == (
            "The subtitles are not selected. You can try another generation"
        )
        kept = (await gql.execute(TRACKS, id=lecture_id))["lecture"]["timeline"]["tracks"]
        assert kept == tracks


async def test_add_captions_starts_subtitles_and_workflow_kinds_lists_them(
    gql: GraphQLClient, resources: Any
) -> None:
    kinds = await gql.execute("{ workflowKinds { key title startableFromPrompt } }")
    assert {
        "key": "subtitles",
        "title": "Generating Subtitles",
        "startableFromPrompt": True,
    } in kinds["workflowKinds"]

    lecture_id = await new_lecture(gql, "Routed captions")
    await give_lecture_a_video(
        resources.lectures, resources.assets, owner_id=LOCAL_VIEWER.id, lecture_id=_uuid(lecture_id)
    )
    started = await gql.execute(
        """mutation($id: ID!) { startRunFromPrompt(input: {lectureId: $id, prompt: "add captions"})
        { run { title origin { reason } } userErrors { message } } }""",
        id=lecture_id,
    )
    run = started["startRunFromPrompt"]["run"]
    assert run["title"] == "Generating Subtitles"
    assert run["origin"]["reason"] == "The request asks for subtitles."
