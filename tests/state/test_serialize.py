"""The store's incremental state JSON is the same document as pydantic's full serialisation."""

from __future__ import annotations

import json

from hypothesis import given, settings

from src.state import Event, MessageAdded, RunStarted, StepStarted, apply_all
from src.state.serialize import state_json
from tests.state.builders import at, queued_run
from tests.state.test_transition_properties import sequences, walk


@settings(max_examples=60, deadline=None)
@given(sequences())
def test_every_reachable_state_serialises_to_the_same_document(sequence: list[Event]) -> None:
    for state in walk(sequence).states:
        assert json.loads(state_json(state)) == json.loads(state.model_dump_json())


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
