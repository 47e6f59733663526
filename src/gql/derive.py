"""Step node types derived from a kind's payload models.

A kind declares, per step, its payload model, the words that describe each field and (where a
field's name would clash across the `WorkflowStep` union) the name the API gives it; the
GraphQL type, its fields' types and the values of a node are all derived from the model. A
model type maps to its GraphQL type through `view_of`: assets, configurations, timelines and
the small nested types register there once.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Union

import strawberry
from pydantic import BaseModel

from src.gql.step import Step, step_fields, step_node
from src.state.model import StepState
from src.state.payloads import Payload


@dataclass(frozen=True)
class View:
    """How values of one model type appear in the API: a GraphQL type and a converter
    (given the value and its 1-based place when it is an item of a list)."""

    graphql_type: Any
    convert: Callable[[Any, int], Any]


_VIEWS: dict[type, View] = {}


def view_of(model: type, graphql_type: Any, convert: Callable[[Any, int], Any]) -> None:
    """Register how values of `model` are shown: as `graphql_type`, built by `convert`."""
    _VIEWS[model] = View(graphql_type, convert)


@dataclass(frozen=True)
class Shown:
    """How one payload field is shown on its step node."""

    description: str
    name: str | None = None
    """The API's (snake_case) name for it, when it is not the payload's own."""
    convert: Callable[[Any], Any] | None = None
    """A change of value on the way out (e.g. setting names in GraphQL spelling)."""


@dataclass(frozen=True)
class Review:
    """The pending review of a step, shown from its human request's payload."""

    name: str
    payload: type[Payload]
    description: str


def _optional(annotation: Any) -> tuple[Any, bool]:
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (Union, types.UnionType) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return inner, True
    return annotation, False


def _field_type(annotation: Any) -> tuple[Any, Callable[[Any], Any], bool]:
    """The GraphQL type of a payload field, a converter of its values, and whether it is a
    list (shown as [] rather than null when the step has no payload yet)."""
    annotation, _ = _optional(annotation)
    if typing.get_origin(annotation) in (tuple, list):
        item = typing.get_args(annotation)[0]
        view = _VIEWS.get(item)
        if view is None:
            return list[item], lambda values: list(values), True  # type: ignore[valid-type]
        convert = view.convert
        return (
            list[view.graphql_type],  # type: ignore[name-defined]
            lambda values: [convert(v, n) for n, v in enumerate(values, start=1)],
            True,
        )
    view = _VIEWS.get(annotation)
    if view is not None:
        convert = view.convert
        return view.graphql_type | None, lambda v: None if v is None else convert(v, 1), False
    if annotation in (str, int, float, bool) or (
        isinstance(annotation, type) and issubclass(annotation, Enum)
    ):
        return annotation | None, lambda v: v, False
    raise TypeError(f"no GraphQL view of {annotation!r}; register one with view_of()")


def _then(first: Callable[[Any], Any], second: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: second(first(value))


def _reader(source: str, convert: Callable[[Any], Any], is_list: bool) -> Callable[[Any], Any]:
    """Reads one field's value off a payload (or the empty value when there is none yet)."""

    def read(data: Any) -> Any:
        if data is None:
            return [] if is_list else None
        return convert(getattr(data, source))

    return read


def derive_step_node(
    *,
    kind: str,
    step: str,
    name: str,
    description: str,
    payload: type[BaseModel],
    shown: Mapping[str, Shown],
    review: Review | None = None,
    interfaces: tuple[type, ...] = (),
) -> type:
    """The step node type of step `step` of `kind`, registered in the `WorkflowStep` union.

    Every payload field (but `kind`) is a field of the node; `shown` must describe each."""
    fields = [f for f in payload.model_fields if f != "kind"]
    if set(shown) != set(fields):
        raise ValueError(f"{name}: describe exactly the fields of {payload.__name__}: {fields}")
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__annotations__": annotations}
    readers: dict[str, Callable[[Any], Any]] = {}
    for source in fields:
        how = shown[source]
        graphql_type, convert, is_list = _field_type(payload.model_fields[source].annotation)
        if how.convert is not None:
            convert = _then(how.convert, convert)
        target = how.name or source
        annotations[target] = graphql_type
        namespace[target] = strawberry.field(description=how.description)
        readers[target] = _reader(source, convert, is_list)
    if review is not None:
        view = _VIEWS[review.payload]
        annotations[review.name] = view.graphql_type | None
        namespace[review.name] = strawberry.field(description=review.description)

    def from_state(cls: type, state: StepState, total: int) -> Any:
        data = state.payload if isinstance(state.payload, payload) else None
        values = {target: read(data) for target, read in readers.items()}
        if review is not None:
            pending = state.request.payload if state.request is not None else None
            is_review = isinstance(pending, review.payload)
            values[review.name] = _VIEWS[review.payload].convert(pending, 1) if is_review else None
        return cls(**step_fields(state, total), **values)

    namespace["from_state"] = classmethod(from_state)
    cls = type(name, (Step, *interfaces), namespace)
    node = strawberry.type(name=name, description=description)(cls)
    return step_node(kind, step)(node)


def _register_shared_views() -> None:
    from src.assets.library import AssetRef
    from src.gql.common import Asset
    from src.gql.pydantic_types import LectureConfiguration, configuration
    from src.gql.timeline import Timeline
    from src.lectures.config import LectureConfig
    from src.lectures.timeline import Timeline as TimelineModel

    view_of(AssetRef, Asset, lambda ref, _: Asset(ref=ref))
    view_of(LectureConfig, LectureConfiguration, lambda config, _: configuration(config))
    view_of(TimelineModel, Timeline, lambda timeline, _: Timeline.from_model(timeline))


_register_shared_views()
