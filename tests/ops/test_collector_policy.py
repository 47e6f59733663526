"""The collector's policy for many websockets (src/ops/collector.py): a settled burst of
connections is frozen out of the collector's walk, and once many frozen connections have gone,
their reference cycles are reclaimed."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from src.ops.collector import SettledFreeze


@dataclass
class Connections:
    opened: int = 0
    open: int = 0

    def __len__(self) -> int:
        return self.open

    def connect(self, n: int) -> None:
        self.opened += n
        self.open += n

    def disconnect(self, n: int) -> None:
        self.open -= n


class Cycle:
    """An object in a reference cycle: only the collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the session collects as before


def tracked(obj: object) -> bool:
    """Is `obj` in a generation the collector walks (not frozen)?"""
    return any(o is obj for o in gc.get_objects())


def test_a_settled_burst_of_connections_is_frozen_out_of_the_collectors_walk() -> None:
    connections = Connections()
    policy = SettledFreeze(connections, burst=100)
    state = [[i] for i in range(10)]  # what the connections keep (lists: always tracked)

    connections.connect(60)
    assert policy.check() is None  # still connecting
    assert policy.check() is None  # settled, but too few to be worth a freeze
    assert tracked(state)

    connections.connect(60)
    assert policy.check() is None, "no freeze while connections are still opening"
    assert policy.check() == "freeze"
    assert not tracked(state)
    assert not any(tracked(each) for each in state)

    assert policy.check() is None, "nothing new: no second freeze"

    for _ in range(4):
        connections.connect(120)
        assert policy.check() is None, "a burst still going on"
    connections.connect(120)
    assert policy.check() == "freeze", "five bursts' worth: frozen without waiting any longer"


def test_once_half_the_frozen_connections_are_gone_their_cycles_are_reclaimed() -> None:
    connections = Connections()
    policy = SettledFreeze(connections, burst=100)
    left_behind = Cycle()
    gone = weakref.ref(left_behind)
    connections.connect(400)
    policy.check()
    assert policy.check() == "freeze"

    del left_behind  # garbage now, but frozen: a collection does not see it
    gc.collect()
    assert gone() is not None

    connections.disconnect(150)
    assert policy.check() is None, "fewer than half of the frozen connections have gone"
    connections.disconnect(100)
    assert policy.check() == "refresh"
    assert gone() is None
    assert policy.check() is None


def test_with_a_burst_of_zero_the_policy_never_freezes() -> None:
    connections = Connections()
    policy = SettledFreeze(connections, burst=0)
    state = [["kept"]]
    connections.connect(10_000)
    assert [policy.check() for _ in range(3)] == [None, None, None]
    assert tracked(state)
