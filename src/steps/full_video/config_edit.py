"""The full video's configuration: a prompt's delta merged onto the lecture's settings, the
difference between two configurations, and a person's edit of the proposed one validated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from src.errors import InvalidInput
from src.lectures.config import LectureConfig, RunLimits, edited_config
from src.state.model import HumanRequest
from src.state.payloads import Payload
from src.steps.full_video.models import ConfigChange, ConfigurationReview


def merge_delta(
    base: LectureConfig, delta: Mapping[str, Any], prompt: str
) -> tuple[LectureConfig, tuple[ConfigChange, ...], tuple[str, ...]]:
    """The defaults merged with what the prompt changed; out-of-range values are ignored."""
    wanted = {k: v for k, v in delta.items() if v is not None}
    wanted.setdefault("prompt", prompt)
    ignored: list[str] = []
    while True:
        try:
            merged = LectureConfig.model_validate({**base.model_dump(), **wanted})
            break
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
            ignored.extend(sorted(bad))
            wanted = {k: v for k, v in wanted.items() if k not in bad}
    return merged, diff_configs(base, merged), tuple(ignored)


def diff_configs(before: LectureConfig, after: LectureConfig) -> tuple[ConfigChange, ...]:
    old, new = before.model_dump(), after.model_dump()
    return tuple(
        ConfigChange(field=name, before=old[name], after=new[name])
        for name in new
        if new[name] != old[name]
    )


def check_confirmed_configuration(payload: Payload, limits: RunLimits) -> None:
    """The configuration a person confirms must stay within the run limits."""
    if isinstance(payload, ConfigurationReview):
        limits.check(payload.candidate)


def validate_config_edit(request: HumanRequest, edited: Mapping[str, Any]) -> Payload:
    """A person's edit of the candidate configuration, validated field by field.

    The result's `changes` are the person's own edits to the candidate."""
    if not isinstance(request.payload, ConfigurationReview):
        raise InvalidInput("this request has no configuration to edit", field=("edits",))
    try:
        config = edited_config(request.payload.candidate, edited)
    except InvalidInput as error:
        raise InvalidInput(error.message, field=("edits", "configuration", *error.field)) from None
    return ConfigurationReview(
        candidate=config, changes=diff_configs(request.payload.candidate, config)
    )
