"""Typed payloads carried by steps and human requests, discriminated by `kind`.

Each workflow module declares its own payload classes; registering them here makes the run
state validate and serialize them without a central union that every new kind would edit.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, PlainSerializer, PlainValidator

_P = TypeVar("_P", bound="Payload")


class Payload(BaseModel):
    """Base of every step or review payload; `kind` names the concrete class."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    registry: ClassVar[dict[str, type[Payload]]] = {}

    kind: str


def register_payload(cls: type[_P]) -> type[_P]:
    """Class decorator: make `cls` known to state validation under its `kind` default."""
    kind = cls.model_fields["kind"].default
    if not isinstance(kind, str):
        raise TypeError(f"{cls.__name__}.kind needs a string default")
    known = Payload.registry.get(kind)
    if known is not None and known.__qualname__ != cls.__qualname__:
        raise TypeError(f"payload kind {kind!r} is taken by {known.__qualname__}")
    Payload.registry[kind] = cls
    return cls


class UnknownPayloadKind(ValueError):
    """A stored payload names a kind no module registered."""


def _validate(value: Any) -> Payload:
    if isinstance(value, Payload):
        return value
    if not isinstance(value, dict) or not isinstance(value.get("kind"), str):
        raise ValueError("a payload is an object with a string `kind`")
    cls = Payload.registry.get(value["kind"])
    if cls is None:
        raise UnknownPayloadKind(f"unknown payload kind {value['kind']!r}")
    return cls.model_validate(value)


def _serialize(value: Payload) -> dict[str, Any]:
    return value.model_dump(mode="json")


AnyPayload = Annotated[Payload, PlainValidator(_validate), PlainSerializer(_serialize)]
"""A field type holding any registered payload, validated by its `kind`."""
