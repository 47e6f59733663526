"""A run state as JSON, reusing the JSON of the parts that did not change.

Transitions are pure and share structure: the next state keeps every step it did not touch,
and a touched step keeps every message it already had (the same frozen objects). Serialising
the whole document on every write redid all of that — about 50 µs for a run near its end, a
tenth of a write. Here each step's fields and each message are serialised once, by pydantic,
and remembered by object identity; a write serialises only the run's own fields, the step that
changed (without its messages) and the new message.

The result is the same JSON document as `RunState.model_dump_json()` (keys in another order:
`steps` last, a step's `messages` last), which is all PostgreSQL's JSONB keeps. Hand-written
because pydantic has no per-object cache; `tests/state/test_serialize.py` checks it against
`model_dump_json` on random reachable states.
"""

from __future__ import annotations

from pydantic import BaseModel

from src.state.model import Message, RunState, StepState

_LIMIT_CHARS = 16_000_000
"""Characters of JSON remembered (about 16 MB, the objects kept alive with them as much again);
past this the cache starts over. Every version of a changed step is remembered until then,
so this bounds memory, not a count of fragments."""

_cache: dict[int, tuple[BaseModel, str]] = {}
# The cached object is kept alive beside its JSON, so its id cannot be reused while cached.
_cached_chars = 0


def _remembered(obj: BaseModel) -> str | None:
    hit = _cache.get(id(obj))
    if hit is not None and hit[0] is obj:
        return hit[1]
    return None


def _remember(obj: BaseModel, text: str) -> str:
    global _cached_chars
    if _cached_chars + len(text) > _LIMIT_CHARS:
        _cache.clear()
        _cached_chars = 0
    _cache[id(obj)] = (obj, text)
    _cached_chars += len(text)
    return text


def _message_json(message: Message) -> str:
    return _remembered(message) or _remember(message, message.model_dump_json())


def _step_json(step: StepState) -> str:
    found = _remembered(step)
    if found is not None:
        return found
    head = step.model_dump_json(exclude={"messages"})
    messages = ",".join(_message_json(m) for m in step.messages)
    return _remember(step, f'{head[:-1]},"messages":[{messages}]}}')


def state_json(state: RunState) -> str:
    """`state` as a JSON document, equal to `state.model_dump_json()` once parsed."""
    head = state.model_dump_json(exclude={"steps"})
    steps = ",".join(_step_json(s) for s in state.steps)
    return f'{head[:-1]},"steps":[{steps}]}}'
