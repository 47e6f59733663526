"""A run state as JSON, reusing the JSON of the parts that did not change.

Transitions are pure and share structure: the next state keeps every step it did not touch and
every field it did not change, and a touched step keeps every message it already had (the same
frozen objects). Serialising the whole document on every write redid all of that — about 50 µs
for a run near its end, a tenth of a write. Here the JSON of each part is remembered by object
identity, so a write serialises only what is new:

- a step, whole, by its identity (the steps a write did not touch);
- the run's own fields and a step's own fields (all but `steps` / `messages`), by the identity
  of their values: a new message leaves them all as they were, so neither is serialised again;
- a step's messages, by the identity of the tuple's elements, and a tuple that extends a
  remembered one by one message (the transition's `(*step.messages, message)`) by that one's
  JSON plus the new message's.

Cached objects are kept alive beside their JSON, so an identity cannot be reused while cached,
and they are immutable (frozen models, tuples, strings, datetimes), so the same objects always
serialise the same. The result is the same JSON document as `RunState.model_dump_json()` (keys
in another order: `steps` last, a step's `messages` last), which is all PostgreSQL's JSONB
keeps. Hand-written because pydantic has no per-object cache; `tests/state/test_serialize.py`
checks it against `model_dump_json` on random reachable states.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from src.state.model import Message, RunState, StepState

_LIMIT_CHARS = 16_000_000
"""Characters of JSON remembered (about 16 MB, the objects kept alive with them as much again);
past this the cache starts over. Every version of a changed step is remembered until then,
so this bounds memory, not a count of fragments."""

_cache: dict[object, tuple[object, str]] = {}
"""Key -> (the object(s) the JSON is of, kept alive so that their ids stay theirs; the JSON)."""
_cached_chars = 0

_Fields = Callable[[dict[str, Any]], tuple[Any, ...]]
_RUN_FIELDS: _Fields = operator.itemgetter(*(f for f in RunState.model_fields if f != "steps"))
_STEP_FIELDS: _Fields = operator.itemgetter(*(f for f in StepState.model_fields if f != "messages"))


def _remember(key: object, kept: object, text: str) -> str:
    global _cached_chars
    if _cached_chars + len(text) > _LIMIT_CHARS:
        _cache.clear()
        _cached_chars = 0
    _cache[key] = (kept, text)
    _cached_chars += len(text)
    return text


def _model_json(obj: BaseModel) -> str | None:
    hit = _cache.get(id(obj))
    if hit is not None and hit[0] is obj:
        return hit[1]
    return None


def _own_fields_json(model: BaseModel, fields: _Fields, nested: str) -> str:
    """`model` without its `nested` field, remembered by the identity of the other fields'
    values (the values are kept alive in the cache, so their ids identify them)."""
    values = fields(model.__dict__)
    key = (nested, *map(id, values))
    hit = _cache.get(key)
    if hit is not None:
        return hit[1]
    return _remember(key, values, model.model_dump_json(exclude={nested}))


def _message_json(message: Message) -> str:
    return _model_json(message) or _remember(id(message), message, message.model_dump_json())


def _messages_json(messages: tuple[Message, ...]) -> str:
    """The messages joined with commas (no brackets), remembered by their last message."""
    if not messages:
        return ""
    last = messages[-1]
    hit = _cache.get(("messages", id(last)))
    if hit is not None and _same(hit[0], messages, len(messages)):
        return hit[1]
    if len(messages) > 1:
        before = _cache.get(("messages", id(messages[-2])))
        if before is not None and _same(before[0], messages, len(messages) - 1):
            text = f"{before[1]},{_message_json(last)}"
            return _remember(("messages", id(last)), messages, text)
    text = ",".join(_message_json(m) for m in messages)
    return _remember(("messages", id(last)), messages, text)


def _same(kept: object, messages: tuple[Message, ...], length: int) -> bool:
    """Whether `kept` is a tuple of the same objects as the first `length` of `messages`."""
    return (
        isinstance(kept, tuple) and len(kept) == length and all(map(operator.is_, kept, messages))
    )


def _step_json(step: StepState) -> str:
    found = _model_json(step)
    if found is not None:
        return found
    head = _own_fields_json(step, _STEP_FIELDS, "messages")
    messages = _messages_json(step.messages)
    return _remember(id(step), step, f'{head[:-1]},"messages":[{messages}]}}')


def state_json(state: RunState) -> str:
    """`state` as a JSON document, equal to `state.model_dump_json()` once parsed."""
    head = _own_fields_json(state, _RUN_FIELDS, "steps")
    steps = ",".join(map(_step_json, state.steps))
    return f'{head[:-1]},"steps":[{steps}]}}'


@dataclass(frozen=True)
class StatePatch:
    """What turns the document of one state into the next's when the write only appended one
    message to one step, the most common write (a progress message). The store applies it in
    SQL with one `jsonb_insert`, sending the message alone instead of the whole document, which
    PostgreSQL would otherwise parse whole. (A general patch — the run's and the step's fields
    merged with `||`, then `jsonb_set` — cost PostgreSQL more than parsing the document:
    every operator copies it; docs/benchmarks.md, goal 4.)"""

    step: int
    """The index of the step."""
    message: str
    """The appended message, as a JSON object."""


def state_patch(before: RunState, after: RunState) -> StatePatch | None:
    """The patch from `before`'s document to `after`'s, or None when the write is anything but
    one message appended to one step (then the whole document is written)."""
    if len(before.steps) != len(after.steps) or not _same_values(before, after, _RUN_FIELDS):
        return None
    changed = [
        i
        for i, (old, new) in enumerate(zip(before.steps, after.steps, strict=True))
        if old is not new
    ]
    if len(changed) != 1:
        return None
    index = changed[0]
    old, new = before.steps[index], after.steps[index]
    kept = len(old.messages)
    if (
        len(new.messages) != kept + 1
        or not all(map(operator.is_, old.messages, new.messages))
        or not _same_values(old, new, _STEP_FIELDS)
    ):
        return None
    return StatePatch(step=index, message=_message_json(new.messages[-1]))


def _same_values(before: BaseModel, after: BaseModel, fields: _Fields) -> bool:
    """Whether the two models' `fields` hold the very same objects (transitions keep what they
    do not change)."""
    return all(map(operator.is_, fields(before.__dict__), fields(after.__dict__)))
