"""Shared fan-out of live `runChanges` batches: one execution per batch per selection, one
pre-encoded frame written to every subscriber.

Per subscriber, Strawberry used to wake a generator, execute the selection on the batch,
serialise the `next` message and push it down the ASGI send path: about 300 µs of CPU for
every subscriber of every change, almost all of it identical between subscribers. Here:

- a **channel** per feed interest (an owner or a lecture) holds the one `FeedSubscription`,
  coalesces bursts (as `changed_runs` does) and dispatches each batch to its groups;
- a **group** is the subscribers that would get the same bytes: the same viewer, document,
  operation name and variables. It executes the operation once per batch (graphql-core's
  per-event executor, exactly what Strawberry runs per subscriber, errors masked by the
  schema's `process_errors`) and serialises the payload once;
- a **member** is one subscription. It starts on its own path: Strawberry executes and sends
  what its resolver yields (the first message, the replay after a cursor, and whatever the
  channel dispatched meanwhile, filtered against the replay). Once it has nothing pending and
  the channel has dispatched past everything it replayed, it goes **direct**: the channel
  writes `{"id":…,"type":"next","payload":…}` — the payload bytes shared, the id its own —
  to its socket through `FrameWriter`, and its resolver parks. If the socket is backed up or
  not writable, the member drops back to its own path (Strawberry's awaited send), with the
  batch queued and coalesced per run as the feed does, and returns to direct when caught up.

Ordering holds because every transition happens between messages: the resolver only parks
after Strawberry has sent what it yielded, and the channel only queues to a member that is
not direct. Authorisation is unchanged: the interest and the group both carry the viewer's
scope (the interest is the viewer's own owner ID, or a lecture the resolver checked they
may see), and a group is never shared between viewers.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, cast
from uuid import UUID
from weakref import WeakKeyDictionary

from graphql import DocumentNode, ExecutionResult, GraphQLError
from graphql.execution import Executor
from strawberry.execution import optimized_is_awaitable

from src.gql.frames import FrameWriter, text_frame
from src.gql.incidents import report
from src.ops.metrics import MESSAGES_SENT
from src.runs.change_stream import ChangeBatch, merge_changes
from src.state.changes import Change
from src.state.feed import ChangeFeed, FeedSubscription

log = logging.getLogger(__name__)

FeedKey = tuple[str, UUID]


@dataclass(frozen=True)
class LiveOperation:
    """The graphql-transport-ws operation a resolver runs for (set by the handler)."""

    operations: dict[str, Any]
    """The handler's live operations by id: the member is live while its own is there."""
    id: str
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None
    writer: FrameWriter | None


CURRENT_OPERATION: ContextVar[LiveOperation | None] = ContextVar(
    "agent_progress_current_operation", default=None
)


class _Group:
    """Subscribers that receive the same payload bytes for a batch."""

    def __init__(self, executor: Executor[Any] | None, schema: Any, to_root: Callable[..., Any]):
        self.executor = executor
        self.schema = schema
        self.to_root = to_root
        self.members: set[Member] = set()

    def render(self, batch: ChangeBatch) -> bytes | None:
        """The `next` payload for `batch`, serialised; None if it cannot be shared (the
        members then take their own path, where Strawberry executes it for each)."""
        if self.executor is None:
            return None
        result = self.executor.build_per_event_executor(self.to_root(batch)).execute_operation(
            False
        )
        if not isinstance(result, ExecutionResult):  # an async field in the selection
            if inspect.iscoroutine(result):
                result.close()
            self.executor = None  # not shared: each member's own path executes it
            return None
        payload: dict[str, Any] = {"data": result.data}  # as Strawberry's `send_next`
        if result.errors:
            errors: list[GraphQLError] = list(result.errors)
            self.schema.process_errors(errors, None)
            payload["errors"] = [error.formatted for error in errors]
        return json.dumps(payload, separators=(",", ":")).encode()


class Member:
    """One subscription on a channel: direct (written by the channel) or on its own path."""

    def __init__(
        self, channel: _Channel, group: _Group, live: LiveOperation, writer: FrameWriter
    ) -> None:
        self.channel = channel
        self.group = group
        self.writer = writer
        self._operations = live.operations
        self._id = live.id
        self._operation = live.operations.get(live.id)
        self._prefix = b'{"id":' + json.dumps(live.id).encode() + b',"type":"next","payload":'
        self.direct = False
        self.floor = -1
        """Changes at or before this cursor are not this member's (before it started)."""
        self.replayed: dict[UUID, int] = {}
        self._pending: OrderedDict[UUID, Change] = OrderedDict()
        self._wake = asyncio.Event()

    def alive(self) -> bool:
        return self._operations.get(self._id) is self._operation

    def offer(self, batch: ChangeBatch, payload: bytes | None, frames: dict[bytes, bytes]) -> bool:
        """Take one dispatched batch; True if it was written to the socket here. `frames`:
        the batch's frames by operation-id prefix, shared by the members of one group (most
        clients number their operations alike, so most members share a frame too)."""
        if self.direct:
            if not self.alive():
                return False  # completed by the client; its task is being cancelled
            if payload is not None:
                frame = frames.get(self._prefix)
                if frame is None:
                    frame = frames[self._prefix] = text_frame(self._prefix + payload + b"}")
                if self.writer.write_frame(frame):
                    return True
            self.direct = False  # backed up (or not shareable): queue it, and wake the resolver
        for change in batch.changes:
            self._pending.pop(change.run_id, None)
            self._pending[change.run_id] = change
        self._wake.set()
        return False

    def _fresh(self, changes: list[Change]) -> list[Change]:
        floor, replayed = self.floor, self.replayed
        return [c for c in changes if c.cursor > floor and c.cursor > replayed.get(c.run_id, -1)]

    def _may_go_direct(self) -> bool:
        horizon = max(self.floor, max(self.replayed.values(), default=-1))
        return (
            not self._pending
            and self.channel.dispatched >= horizon
            and self.group.executor is not None
            and self.writer.writable()
        )

    async def live(self) -> AsyncIterator[ChangeBatch]:
        """What the resolver yields itself (its own path); parks while the member is direct."""
        while True:
            if self._may_go_direct():
                self.direct = True
                self._wake.clear()
                await self._wake.wait()  # set when the channel hands a batch back
                continue
            await self._wake.wait()
            changes = list(self._pending.values())
            self._pending.clear()
            self._wake.clear()
            fresh = self._fresh(changes)
            if fresh:
                yield ChangeBatch.of(fresh)

    def leave(self) -> None:
        self.channel.remove(self)


class _Channel:
    """One feed interest: its subscription, its coalescing, and its groups."""

    def __init__(
        self, fanout: Fanout, key: tuple[FeedKey, float], subscription: FeedSubscription
    ) -> None:
        self.fanout = fanout
        self.key = key
        self.subscription = subscription
        self.coalesce_seconds = key[1]
        self.groups: dict[Hashable, _Group] = {}
        self.dispatched = fanout.feed.cursor
        """The cursor of the last batch dispatched (the feed's when the channel opened)."""
        self.task = asyncio.create_task(self._run(), name=f"fanout-{key[0][0]}")
        self.task.add_done_callback(_report_failure)

    async def _run(self) -> None:
        subscription = self.subscription
        loop = asyncio.get_running_loop()
        last = float("-inf")
        while True:
            batch = await subscription.next_batch()
            # A burst of commits lands in few messages: at most one per `coalesce_seconds`.
            # Leading edge, not a fixed delay: a lone commit goes out at once, and the server
            # does not give up its CPU (on a busy machine, tens of ms) before writing it.
            wait = last + self.coalesce_seconds - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
                if subscription.has_pending():
                    batch = merge_changes(batch, await subscription.next_batch())
            self.dispatch(ChangeBatch.of(batch))
            last = loop.time()

    def dispatch(self, batch: ChangeBatch) -> None:
        self.dispatched = batch.cursor
        for group in list(self.groups.values()):
            members = list(group.members)
            payload = None
            if any(m.direct for m in members):
                try:
                    payload = group.render(batch)
                except Exception as error:  # a bug of ours: each member's own path answers
                    report("Unexpected error executing a shared subscription batch", error)
                    group.executor = None
            sent = 0
            frames: dict[bytes, bytes] = {}
            for member in members:
                sent += member.offer(batch, payload, frames)
            if sent:
                MESSAGES_SENT.inc(sent)

    def remove(self, member: Member) -> None:
        group = member.group
        group.members.discard(member)
        if not group.members:
            for key, candidate in list(self.groups.items()):
                if candidate is group:
                    del self.groups[key]
        if not self.groups:
            self.close()

    def close(self) -> None:
        self.task.cancel()
        self.subscription.close()
        if self.fanout.channels.get(self.key) is self:
            del self.fanout.channels[self.key]


def _report_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (error := task.exception()) is not None:
        report("A shared subscription channel stopped", error)


class Fanout:
    """The channels of one change feed."""

    def __init__(self, feed: ChangeFeed) -> None:
        self.feed = feed
        self.channels: dict[tuple[FeedKey, float], _Channel] = {}

    def join(
        self,
        *,
        interest: FeedKey,
        coalesce_seconds: float,
        group_key: Hashable,
        make_group: Callable[[], tuple[Executor[Any] | None, Any, Callable[..., Any]]],
        live: LiveOperation,
        writer: FrameWriter,
    ) -> Member:
        """A member on its own path, registered so that every change the feed delivers from
        now on reaches it (directly or queued)."""
        key = (interest, coalesce_seconds)
        channel = self.channels.get(key)
        if channel is None:
            kind, value = interest
            subscription = self.feed.subscribe(**{f"{kind}_id": value})
            channel = self.channels[key] = _Channel(self, key, subscription)
        group = channel.groups.get(group_key)
        if group is None:
            group = channel.groups[group_key] = _Group(*make_group())
        member = Member(channel, group, live, writer)
        group.members.add(member)
        return member

    def subscriber_count(self) -> int:
        return sum(len(g.members) for c in self.channels.values() for g in c.groups.values())


_fanouts: WeakKeyDictionary[ChangeFeed, Fanout] = WeakKeyDictionary()


def fanout_for(feed: ChangeFeed) -> Fanout:
    fanout = _fanouts.get(feed)
    if fanout is None:
        fanout = _fanouts[feed] = Fanout(feed)
    return fanout


def build_executor(info: Any, live: LiveOperation) -> Executor[Any] | None:
    """graphql-core's executor for the resolver's operation (as Strawberry builds it to map
    each event), or None if it cannot be built (then nothing is shared)."""
    raw = info._raw_info  # Strawberry's Info wraps graphql-core's
    document = DocumentNode(definitions=(raw.operation, *raw.fragments.values()))
    built = Executor.build(
        raw.schema,
        document,
        context_value=raw.context,
        raw_variable_values=live.variables,
        operation_name=live.operation_name,
        is_awaitable=cast(Any, optimized_is_awaitable),
    )
    return built if isinstance(built, Executor) else None  # errors: not shared


def group_key(viewer_id: UUID, live: LiveOperation) -> Hashable:
    variables = json.dumps(live.variables, sort_keys=True, default=str)
    return (viewer_id, live.query, live.operation_name, variables)
