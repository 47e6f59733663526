"""GraphQL types derived from the domain's pydantic models, so the two never drift apart."""

from __future__ import annotations

import typing
from typing import Any

import strawberry
from pydantic import BaseModel
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


_INPUTS: dict[type[BaseModel], Any] = {}


def input_type_of(model: type[BaseModel]) -> Any:
    """The GraphQL input type derived from `model` (named as the model is), its nested models'
    input types derived first; each model's type is made once."""
    if model in _INPUTS:
        return _INPUTS[model]
    for field in model.model_fields.values():
        for nested in (field.annotation, *typing.get_args(field.annotation)):
            if isinstance(nested, type) and issubclass(nested, BaseModel):
                input_type_of(nested)
    name = model.__name__
    description = (model.__doc__ or name).strip().split("\n\n")[0]
    _INPUTS[model] = pydantic_input(
        model=model, all_fields=True, name=name, description=description
    )(_empty(name))
    return _INPUTS[model]
