"""The store's incremental state JSON is the same document as pydantic's full serialisation."""

from __future__ import annotations

import itertools
import json
from datetime import timedelta, timezone

from hypothesis import given, settings

from src.state import (
    Event,
    Message,
    MessageAdded,
    RunStarted,
    RunState,
    StepStarted,
    apply_all,
)
from src.state.serialize import StatePatch, state_json, state_patch
from tests.state.builders import at, queued_run, running_run
from tests.state.test_transition_properties import sequences, walk


@settings(max_examples=60, deadline=None)
@given(sequences())
def test_every_reachable_state_serialises_to_the_same_document(sequence: list[Event]) -> None:
    for state in walk(sequence).states:
        assert json.loads(state_json(state)) == json.loads(state.model_dump_json())


def patched(before: RunState, patch: StatePatch) -> object:
    """`before`'s document with `patch` applied as the store's statement applies it (the message
    inserted at the end of the step's list), on parsed JSON."""
    document = json.loads(state_json(before))
    document["steps"][patch.step]["messages"].append(json.loads(patch.message))
    return document


@settings(max_examples=80, deadline=None)
@given(sequences())
def test_a_patch_turns_each_state_s_document_into_the_next(sequence: list[Event]) -> None:
    states = walk(sequence).states
    for before, after in itertools.pairwise(states):
        patch = state_patch(before, after)
        if patch is not None:
            assert patched(before, patch) == json.loads(after.model_dump_json())


def test_only_a_message_alone_is_a_patch() -> None:
    before = running_run("prompt")
    after = apply_all(before, [MessageAdded(at=at(5), step="prompt", key="k", text="hello")])
    patch = state_patch(before, after)
    assert patch is not None and patch.step == 0
    assert json.loads(patch.message) == json.loads(after.steps[0].messages[-1].model_dump_json())
    # A message that also changes the step's summary: the whole document.
    summarised = MessageAdded(at=at(6), step="prompt", key="s", text="more", summary="New")
    assert state_patch(after, apply_all(after, [summarised])) is None
    # A step started (the run's current step moves too): the whole document.
    started = apply_all(after, [StepStarted(at=at(6), step="script", summary="s")])
    assert state_patch(after, started) is None
    # Two messages at once, or messages replaced rather than extended: the whole document.
    two = apply_all(
        before,
        [
            MessageAdded(at=at(5), step="prompt", key="a", text="a"),
            MessageAdded(at=at(5), step="prompt", key="b", text="b"),
        ],
    )
    assert state_patch(before, two) is None
    assert state_patch(after, _with_messages(after)) is None


def test_a_new_message_is_written_and_the_earlier_state_keeps_its_own_document() -> None:
    first = apply_all(
        queued_run(), [RunStarted(at=at(0)), StepStarted(at=at(0), step="script", summary="s")]
    )
    before = state_json(first)
    second = apply_all(first, [MessageAdded(at=at(1), step="script", key="k", text="hello")])
    assert json.loads(state_json(second)) == json.loads(second.model_dump_json())
    assert "hello" in state_json(second)
    assert state_json(first) == before
    assert "hello" not in before


def _same_document(state: RunState) -> bool:
    return bool(json.loads(state_json(state)) == json.loads(state.model_dump_json()))


def _with_messages(state: RunState, *messages: Message) -> RunState:
    """`state` with the running step's messages replaced (not a transition: a shape only)."""
    step = state.steps[0].model_copy(update={"messages": messages})
    return state.model_copy(update={"steps": (step, *state.steps[1:])})


def test_messages_are_reused_only_after_the_same_earlier_messages() -> None:
    # The JSON of a step's messages is found by its last-but-one message; another tuple that
    # shares that message but not everything before it must be written out afresh.
    base = running_run("prompt")
    m0, m1, m2, m3 = (Message(key=f"m{i}", text=f"text {i}", at=at(i)) for i in range(4))
    states = [
        _with_messages(base, m1, m2),
        _with_messages(base, m2, m3),  # m2 was last-but-one of nothing: fresh
        _with_messages(base, m0, m2, m3),  # (m1, m2) remembered, but m0 is not m1
        _with_messages(base, m1, m2, m3),  # extends (m1, m2): reused
        _with_messages(base, m3),
    ]
    for state in states:
        assert _same_document(state)
    assert '"m0"' in state_json(states[2]) and '"m1"' not in state_json(states[2])


def test_fields_equal_but_not_the_same_are_written_as_they_are() -> None:
    # The run's and a step's own fields are remembered by the identity of their values; two
    # equal datetimes in different zones are different JSON.
    state = running_run("prompt")
    assert _same_document(state)
    elsewhere = state.created_at.astimezone(timezone(timedelta(hours=2)))
    assert elsewhere == state.created_at
    moved = state.model_copy(update={"created_at": elsewhere})
    step = state.steps[0]
    moved_step = step.model_copy(
        update={"started_at": step.started_at.astimezone(elsewhere.tzinfo)}
    )  # type: ignore[union-attr]
    moved = moved.model_copy(update={"steps": (moved_step, *state.steps[1:])})
    assert _same_document(moved)
    assert "+02:00" in json.loads(state_json(moved))["created_at"]
    assert "+02:00" in json.loads(state_json(moved))["steps"][0]["started_at"]
    assert "+02:00" not in state_json(state)
