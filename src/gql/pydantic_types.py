"""GraphQL types derived from the domain's pydantic models, so the two never drift apart."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.experimental.pydantic import input as pydantic_input
from strawberry.experimental.pydantic import type as pydantic_type

from src.lectures.config import ImageSize, LectureConfig
from src.steps.full_video.models import ConfigDelta

strawberry.enum(ImageSize, description="Picture frames: square, landscape or portrait.")


def _empty(name: str) -> type:
    return type(name, (), {})


LectureConfiguration: Any = pydantic_type(
    model=LectureConfig,
    all_fields=True,
    name="LectureConfiguration",
    description="A lecture's generation settings; every model prompt is built from them.",
)(_empty("LectureConfiguration"))

LectureConfigurationEdit: Any = pydantic_input(
    model=ConfigDelta,
    all_fields=True,
    name="LectureConfigurationEdit",
    description="Settings to change; omitted fields keep the reviewed value.",
)(_empty("LectureConfigurationEdit"))


def configuration(config: LectureConfig) -> Any:
    return LectureConfiguration.from_pydantic(config)
