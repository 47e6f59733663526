"""The full video's configuration merge, diff and edit validation, as pure functions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from src.errors import InvalidInput
from src.lectures.config import LectureConfig, RunLimits
from src.state.model import HumanRequest
from src.steps.full_video.config_edit import (
    check_confirmed_configuration,
    diff_configs,
    merge_delta,
    validate_config_edit,
)
from src.steps.full_video.models import ConfigChange, ConfigurationReview, ScriptPayload

BASE = LectureConfig()


def test_merge_delta_applies_what_the_prompt_changed_and_lists_each_change() -> None:
    merged, changes, ignored = merge_delta(
        BASE, {"voice": "nova", "duration_seconds": 120, "style": None}, "volcanoes"
    )
    assert (merged.voice, merged.duration_seconds, merged.prompt) == ("nova", 120, "volcanoes")
    assert merged.style == BASE.style  # None means "not asked for"
    assert {c.field for c in changes} == {"voice", "duration_seconds", "prompt"}
    assert ConfigChange(field="voice", before="alloy", after="nova") in changes
    assert ignored == ()


def test_merge_delta_ignores_out_of_range_values_and_keeps_the_rest() -> None:
    merged, changes, ignored = merge_delta(
        BASE, {"images_per_segment": 40, "speaking_rate": 9.0, "voice": "echo"}, "tides"
    )
    assert ignored == ("images_per_segment", "speaking_rate")
    assert merged.images_per_segment == BASE.images_per_segment
    assert merged.speaking_rate == BASE.speaking_rate
    assert merged.voice == "echo"
    assert "images_per_segment" not in {c.field for c in changes}


def test_merge_delta_keeps_a_prompt_the_delta_gives() -> None:
    merged, _, _ = merge_delta(BASE, {"prompt": "how tides work"}, "A lecture on tides")
    assert merged.prompt == "how tides work"


def test_diff_configs_is_empty_for_equal_configurations() -> None:
    assert diff_configs(BASE, BASE.model_copy()) == ()


def _review(candidate: LectureConfig = BASE) -> HumanRequest:
    return HumanRequest(
        id="review-configuration",
        title="Review and Confirm Configuration",
        payload=ConfigurationReview(candidate=candidate, changes=()),
        requested_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_validate_config_edit_returns_the_edited_candidate_and_the_persons_changes() -> None:
    edited = validate_config_edit(_review(), {"voice": "nova", "music_volume": 0.5})
    assert isinstance(edited, ConfigurationReview)
    assert (edited.candidate.voice, edited.candidate.music_volume) == ("nova", 0.5)
    assert {c.field for c in edited.changes} == {"voice", "music_volume"}


def test_validate_config_edit_names_the_bad_setting_under_edits_configuration() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_config_edit(_review(), {"duration_seconds": 5})
    assert refused.value.field == ("edits", "configuration", "duration_seconds")


def test_validate_config_edit_refuses_a_request_without_a_configuration() -> None:
    request = _review().model_copy(update={"payload": ScriptPayload(title="t", segments=())})
    with pytest.raises(InvalidInput) as refused:
        validate_config_edit(request, {"voice": "nova"})
    assert refused.value.field == ("edits",)


def test_a_confirmed_configuration_over_the_segment_limit_is_refused() -> None:
    big = BASE.model_copy(update={"duration_seconds": 600, "segment_length_seconds": 5})
    review = ConfigurationReview(candidate=big, changes=())
    with pytest.raises(InvalidInput):
        check_confirmed_configuration(review, RunLimits(max_segments=60))
    check_confirmed_configuration(review, RunLimits(max_segments=200, max_model_calls=1000))
