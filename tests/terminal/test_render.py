"""The pure parts of the terminal client: how a run reads (as the panel), what is appended
when it changes, and what a review, a decision and a start send."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from datetime import UTC, timedelta, timezone
from typing import Any

import pytest
from rich.console import Console, RenderableType

from src.terminal.model import Run, parse_run
from src.terminal.render import (
    changed_lines,
    deadline_in_words,
    progress_view,
    request_block,
    review_view,
    rounds_left,
)
from src.terminal.review import (
    Answer,
    BadAnswer,
    Decision,
    Flags,
    answer_from_flags,
    edits_between,
    read_json,
    resolve_input,
)
from src.terminal.start import BadStart, StartOptions, lecture_title, workflow_input
from src.terminal.transport import Endpoint, backoff_seconds


def step(number: int, status: str, summary: str, *messages: str, **extra: Any) -> dict[str, Any]:
    return {
        "__typename": extra.pop("typename", "ScriptStep"),
        "key": f"step-{number}",
        "number": number,
        "total": 3,
        "title": f"Step {number}",
        "status": status,
        "summary": summary,
        "messages": [
            {"key": f"m{i}", "text": text, "level": "INFO"} for i, text in enumerate(messages)
        ],
        "request": None,
        "progress": None,
        **extra,
    }


def run(status: str, current: int, steps: list[dict[str, Any]], version: int = 1) -> Run:
    return parse_run(
        {
            "id": "run-1",
            "kind": "full_video",
            "title": "Generating Full Video",
            "status": status,
            "currentStep": current,
            "totalSteps": 3,
            "version": version,
            "createdAt": "2026-11-27T10:00:00",
            "lecture": {"id": "lecture-1", "title": "Volcanoes"},
            "error": None,
            "steps": steps,
        }
    )


def shown(renderable: RenderableType) -> str:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


WAITING = run(
    "WAITING_FOR_INPUT",
    1,
    [
        step(
            1,
            "WAITING_FOR_INPUT",
            "Configuration Ready for Review",
            "Analyzing the input prompt",
            request={"id": "review-configuration", "title": "Review and Confirm Configuration"},
            typename="ConfigurationStep",
        ),
        step(2, "PENDING", "Pending"),
        step(3, "PENDING", "Pending"),
    ],
)
RUNNING = run(
    "RUNNING",
    2,
    [
        step(1, "COMPLETED", "Configuration saved", "Analyzing the input prompt", "Saved"),
        step(
            2,
            "RUNNING",
            "Generating images",
            "Starting to generate images",
            progress={"done": 4, "total": 12, "unit": "images"},
        ),
        step(3, "PENDING", "Pending"),
    ],
    version=5,
)


def test_a_block_reads_like_the_panel_header_steps_bullets_and_the_hil_block() -> None:
    text = shown(progress_view([WAITING], lecture_title="Volcanoes", connected=True))
    assert "Agent Progress · Volcanoes · Live" in text
    assert "Generating Full Video · 1/3 Steps · Waiting for you" in text
    assert "? 1/3 Configuration Ready for Review" in text
    assert "• Analyzing the input prompt" in text
    assert "▶ Review and Confirm Configuration" in text
    assert re.search(r"answer with: +│\n│ +agent-progress review run-1 ", text)  # own line
    assert "2/3" not in text  # pending steps are not shown yet, as in the panel


def test_the_current_step_is_open_and_older_ones_show_their_header_only() -> None:
    text = shown(progress_view([RUNNING], lecture_title="Volcanoes", connected=False))
    assert "Reconnecting…" in text
    assert "Generating Full Video · 2/3 Steps" in text and "Waiting" not in text
    assert "✓ 1/3 Configuration saved" in text and "Saved" not in text.split("✓ 1/3")[1][:40]
    assert "● 2/3 Generating images" in text and "• Starting to generate images" in text
    assert "4/12 images" in text


def test_older_finished_blocks_collapse_to_their_header() -> None:
    older = replace(RUNNING, id="run-0", status=parse_run_status("COMPLETED"), created_at="1")
    text = shown(progress_view([older, WAITING], lecture_title="V", connected=None))
    assert "Generating Full Video · 2/3 Steps · Completed" in text
    assert "Generating images" not in text  # the older block's steps are folded away


def test_the_live_view_keeps_three_older_finished_blocks_and_counts_the_rest() -> None:
    done = parse_run_status("COMPLETED")
    older = [replace(RUNNING, id=f"old-{i}", status=done, created_at=f"0{i}") for i in range(5)]
    text = shown(progress_view([*older, WAITING], lecture_title="V", connected=True))
    assert "2 earlier runs not shown" in text
    assert "old-0" not in text and "old-1" not in text
    assert all(f"old-{i}" in text for i in (2, 3, 4))
    assert "Waiting for you" in text


def parse_run_status(value: str) -> Any:
    from src.terminal.model import RunStatus

    return RunStatus(value)


def test_changed_lines_append_only_what_moved() -> None:
    first = [line.plain for line in changed_lines(None, WAITING)]
    assert first == [
        "Generating Full Video · 1/3 Steps · Waiting for you",
        "  ? 1/3 Configuration Ready for Review",
        "    • Analyzing the input prompt",
        "    ▶ Review and Confirm Configuration — answer with: agent-progress review run-1",
    ]
    later = [line.plain for line in changed_lines(WAITING, RUNNING)]
    assert later == [
        "Generating Full Video · 2/3 Steps",
        "  ✓ 1/3 Configuration saved",
        "    • Saved",  # only the new bullet of step 1
        "  ● 2/3 Generating images",
        "    • Starting to generate images",
        "    4/12 images",
    ]
    assert changed_lines(RUNNING, RUNNING) == []


def test_a_configuration_review_shows_the_values_and_what_the_prompt_changed() -> None:
    data = step(
        1,
        "WAITING_FOR_INPUT",
        "Configuration Ready for Review",
        request={"id": "review-configuration", "title": "Review and Confirm Configuration"},
        typename="ConfigurationStep",
        configurationReview={
            "candidate": {"durationSeconds": 90, "voice": "alloy"},
            "changes": [{"field": "durationSeconds", "before": 120, "after": 90}],
        },
    )
    reviewed = run("WAITING_FOR_INPUT", 1, [data])
    pending = reviewed.pending
    assert pending is not None
    text = shown(review_view(reviewed, *pending))
    assert "Review and Confirm Configuration" in text
    assert "durationSeconds  90     120" in text
    assert "voice            alloy" in text


def asset(asset_id: str) -> dict[str, Any]:
    return {"id": asset_id, "url": f"/assets/{asset_id}/x.png", "mediaType": "image/png"}


IMAGE_STEP = step(
    1,
    "WAITING_FOR_INPUT",
    "Image Ready for Review",
    request={
        "id": "review-image",
        "title": "Review Image",
        "version": 3,
        "changeRoundsLeft": 2,
        "expiresAt": "2026-11-28T10:00:00+00:00",
    },
    typename="ImageGenerationStep",
    review={"candidate": asset("a1"), "previous": asset("old")},
    candidates=[asset("a1"), asset("a2")],
)
IMAGE = run("WAITING_FOR_INPUT", 1, [json.loads(json.dumps(IMAGE_STEP))])


def test_an_image_review_lists_every_candidate_with_its_id_and_absolute_url() -> None:
    pending = IMAGE.pending
    assert pending is not None
    text = shown(review_view(IMAGE, *pending, Endpoint("http://example.test").absolute, UTC))
    assert "Choose one of 2 candidates (--choose ID):" in text
    # Numbered lines, never cut: the whole ID to pass to --choose, the whole URL to open.
    assert re.search(r"^  1\. a1  http://example.test/assets/a1/x.png$", text, re.MULTILINE)
    assert re.search(r"^  2\. a2  http://example.test/assets/a2/x.png$", text, re.MULTILINE)
    assert "Current: http://example.test/assets/old/x.png" in text
    assert "Review Image · 2 change requests left · answer by Sat 28 Nov, 10:00 UTC" in text


def test_a_long_candidate_url_is_never_cut_on_a_narrow_screen() -> None:
    long_id = "b3dc2a51-0b83-4132-b9bd-35e48a183643"
    data = json.loads(json.dumps(IMAGE_STEP))
    data["candidates"] = [asset("a1"), asset(long_id)]
    reviewed = run("WAITING_FOR_INPUT", 1, [data])
    pending = reviewed.pending
    assert pending is not None
    absolute = Endpoint("http://127.0.0.1:40481").absolute
    out = io.StringIO()
    Console(file=out, width=60, color_system=None, soft_wrap=True).print(
        review_view(reviewed, *pending, absolute)
    )
    assert f"2. {long_id}  http://127.0.0.1:40481/assets/{long_id}/x.png" in out.getvalue()
    assert "…" not in out.getvalue()


def test_rounds_left_in_plain_words() -> None:
    request = IMAGE.steps[0].request
    assert request is not None
    assert rounds_left(request) == "2 change requests left"
    assert rounds_left(replace(request, change_rounds_left=1)) == "1 change request left"
    assert rounds_left(replace(request, change_rounds_left=0)) == "no change requests left"
    assert rounds_left(replace(request, change_rounds_left=None)) is None


def test_the_watched_request_shows_its_deadline_and_rounds_left_when_it_has_them() -> None:
    request = IMAGE.steps[0].request
    assert request is not None
    assert request_block(IMAGE, request, zone=UTC).plain == (
        "▶ Review Image — answer with: agent-progress review run-1 "
        "(answer by Sat 28 Nov, 10:00 UTC; 2 change requests left)"
    )
    last = replace(request, change_rounds_left=0)
    assert request_block(IMAGE, last).plain.endswith("; no change requests left)")
    configuration = replace(request, change_rounds_left=None)
    assert request_block(IMAGE, configuration, zone=UTC).plain.endswith(
        "run-1 (answer by Sat 28 Nov, 10:00 UTC)"
    )
    older = replace(request, change_rounds_left=None, expires_at=None)
    assert request_block(IMAGE, older).plain.endswith("agent-progress review run-1")
    # The live view: the command alone on its line (to copy whole), the rest below it.
    assert request_block(IMAGE, request, one_line=False, zone=UTC).plain == (
        "▶ Review Image — answer with:\n  agent-progress review run-1\n"
        "  answer by Sat 28 Nov, 10:00 UTC; 2 change requests left"
    )
    # Appended lines (output that is not a terminal) show the re-issued request's new count.
    again = replace(
        IMAGE.steps[0],
        request=replace(request, id="review-image-2", version=4, change_rounds_left=1),
    )
    lines = [line.plain for line in changed_lines(IMAGE, replace(IMAGE, steps=(again,)))]
    assert any(line.endswith("; 1 change request left)") for line in lines), lines


def test_the_deadline_in_plain_words_in_the_terminal_s_time_zone() -> None:
    expires = "2026-11-28T10:00:00.595312+00:00"
    assert deadline_in_words(expires, UTC) == "answer by Sat 28 Nov, 10:00 UTC"
    paris = timezone(timedelta(hours=1), "CET")
    assert deadline_in_words(expires, paris) == "answer by Sat 28 Nov, 11:00 CET"
    assert deadline_in_words("soon") == "answer by soon"  # not a date: the server's words


def test_decisions_send_choice_feedback_and_the_version_looked_at() -> None:
    image_step, request = IMAGE.pending or (None, None)
    assert image_step is not None and request is not None
    chosen = answer_from_flags(image_step, Flags(choose="a2"), io.StringIO())
    assert chosen == Answer(Decision.ACCEPT, choice="a2")
    assert resolve_input(IMAGE, image_step, request, chosen) == {
        "runId": "run-1",
        "requestId": "review-image",
        "decision": "ACCEPT",
        "choice": "a2",
        "version": 3,
    }
    changes = answer_from_flags(image_step, Flags(request_changes="warmer light"), io.StringIO())
    assert resolve_input(IMAGE, image_step, request, changes or Answer(Decision.ACCEPT)) == {
        "runId": "run-1",
        "requestId": "review-image",
        "decision": "REQUEST_CHANGES",
        "feedback": "warmer light",
        "version": 3,
    }
    with pytest.raises(BadAnswer, match="the feedback is empty"):
        resolve_input(IMAGE, image_step, request, Answer(Decision.REQUEST_CHANGES, feedback=" "))
    with pytest.raises(BadAnswer, match="Review Image has nothing to edit"):
        answer_from_flags(image_step, Flags(edit_json="-"), io.StringIO("{}"))


def test_an_old_server_s_request_sends_no_version() -> None:
    waiting_step, request = WAITING.pending or (None, None)
    assert waiting_step is not None and request is not None
    assert "version" not in resolve_input(WAITING, waiting_step, request, Answer(Decision.REJECT))


def test_configuration_edits_send_only_the_settings_that_changed() -> None:
    waiting_step = WAITING.steps[0]
    original = {"durationSeconds": 90, "voice": "alloy"}
    assert edits_between(waiting_step, original, {"durationSeconds": 60, "voice": "alloy"}) == {
        "durationSeconds": 60
    }
    with pytest.raises(BadAnswer, match="Unknown setting colour"):
        edits_between(waiting_step, original, {"colour": "red"})
    with pytest.raises(BadAnswer, match="must be a JSON object"):
        edits_between(waiting_step, original, [1])


def test_subtitle_edits_send_only_the_cues_whose_text_changed() -> None:
    subtitles = replace(WAITING.steps[0], typename="SubtitlesGenerationStep")
    original = {"cues": [{"number": 1, "text": "Hello"}, {"number": 2, "text": "World"}]}
    edited = {"cues": [{"number": 1, "text": "Hello"}, {"number": 2, "text": "Earth"}]}
    assert edits_between(subtitles, original, edited) == {"cues": [{"number": 2, "text": "Earth"}]}


def test_json_that_does_not_parse_is_refused_before_anything_is_sent() -> None:
    with pytest.raises(BadAnswer, match=r"Standard input is not valid JSON \(line 1, column 2\)"):
        read_json("-", io.StringIO("{"))
    assert read_json("-", io.StringIO(json.dumps({"voice": "nova"}))) == {"voice": "nova"}


def test_start_inputs_per_kind() -> None:
    assert workflow_input(StartOptions("full-video", prompt="Tides")) == {
        "fullVideo": {"prompt": "Tides"}
    }
    assert workflow_input(StartOptions("image", prompt="x", size="portrait", variations=4)) == {
        "image": {"prompt": "x", "size": "PORTRAIT", "variations": 4}
    }
    assert workflow_input(StartOptions("score", music_style="jazz")) == {
        "backgroundScore": {"musicStyle": "jazz"}
    }
    assert workflow_input(StartOptions("subtitles")) == {"subtitles": {}}
    with pytest.raises(BadStart, match="full-video needs --prompt"):
        workflow_input(StartOptions("full-video"))
    with pytest.raises(BadStart, match="narration does not take --prompt"):
        workflow_input(StartOptions("narration", prompt="x"))
    assert lecture_title(StartOptions("image", prompt="  a   volcano ")) == "a volcano"
    assert len(lecture_title(StartOptions("image", prompt="word " * 40))) == 60


def test_reconnect_backoff_grows_and_is_capped() -> None:
    assert 0.25 <= backoff_seconds(0) <= 0.5
    assert 2.0 <= backoff_seconds(3) <= 4.0
    assert 7.5 <= backoff_seconds(30) <= 15.0
