"""Shared fan-out (src/gql/fanout.py): a live batch is executed once per selection and written
to every subscriber, yet each subscriber still gets exactly its own selection, variables and
operation id, and a viewer still hears only of their own runs."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
import websockets
from strawberry import relay

from src.gql.fanout import fanout_for
from src.resources import Resources
from src.settings import AuthMode, Settings
from src.state import RunStarted, StepStarted
from src.state.store import NewRun, RunStore
from src.steps import get_kind
from tests.graphql_client import GraphQLClient
from tests.servers import serving
from tests.test_subscription import gid, lecture_with_runs, touch

FULL = "subscription { runChanges { runIds cursor } }"
CURSOR_ONLY = "subscription { runChanges { cursor } }"
BY_LECTURE = """subscription($lectureId: ID) {
  runChanges(lectureId: $lectureId) { ids: runIds } }"""
MAYBE_IDS = """subscription($withIds: Boolean!) {
  runChanges { cursor runIds @include(if: $withIds) } }"""


class Connection:
    """One graphql-transport-ws connection with several operations, every frame kept."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.frames: dict[str, list[dict[str, Any]]] = {}
        self.protocol_errors: list[dict[str, Any]] = []
        self.pongs = 0

    async def subscribe(self, op_id: str, query: str, **variables: Any) -> dict[str, Any]:
        """Subscribe and return the first `next` payload (the one that says where it starts)."""
        self.frames[op_id] = []
        message = {"id": op_id, "type": "subscribe", "payload": {"query": query}}
        if variables:
            message["payload"]["variables"] = variables
        await self.ws.send(json.dumps(message))
        return await self.next(op_id)

    async def pump(self) -> None:
        async for raw in self.ws:
            message = json.loads(raw)
            if message["type"] == "ping":
                await self.ws.send(json.dumps({"type": "pong"}))
            elif message["type"] == "next":
                self.frames[message["id"]].append(message["payload"])
            elif message["type"] == "pong":
                self.pongs += 1
            else:
                self.protocol_errors.append(message)

    async def settled(self) -> None:
        """Return once the server has handled every message sent before: it reads a
        connection's messages in order, so its answer to a ping comes after them."""
        before = self.pongs
        await self.ws.send(json.dumps({"type": "ping"}))
        for _ in range(500):
            if self.pongs > before:
                return
            await asyncio.sleep(0.02)
        raise AssertionError("no pong")

    async def next(self, op_id: str, index: int = 0) -> dict[str, Any]:
        for _ in range(500):
            if len(self.frames[op_id]) > index:
                return self.frames[op_id][index]
            await asyncio.sleep(0.02)
        raise AssertionError(f"no message {index} for operation {op_id}: {self.frames}")

    async def until(self, op_id: str, predicate: Any) -> list[dict[str, Any]]:
        for _ in range(500):
            if predicate(self.frames[op_id]):
                return self.frames[op_id]
            await asyncio.sleep(0.02)
        raise AssertionError(f"operation {op_id} never got there: {self.frames[op_id]}")


@asynccontextmanager
async def connection(base_url: str, token: str | None = None) -> AsyncIterator[Connection]:
    url = base_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        init = {"authorization": f"Bearer {token}"} if token else {}
        await ws.send(json.dumps({"type": "connection_init", "payload": init}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        conn = Connection(ws)
        task = asyncio.create_task(conn.pump())
        try:
            yield conn
        finally:
            task.cancel()
            with pytest.raises((asyncio.CancelledError, websockets.ConnectionClosed)):
                await task


def ids_in(payloads: list[dict[str, Any]], field: str = "runIds") -> list[str]:
    return [i for p in payloads for i in p["data"]["runChanges"].get(field, [])]


async def test_subscribers_with_different_selections_and_variables_each_get_their_own_payload(
    gql: GraphQLClient, run_store: RunStore, server: str, resources: Resources
) -> None:
    lecture_one, runs_one = await lecture_with_runs(gql, run_store, 2, resources.feed)
    lecture_two, runs_two = await lecture_with_runs(gql, run_store, 1, resources.feed)
    async with connection(server) as a, connection(server) as b:
        await a.subscribe("full", FULL)
        await b.subscribe("same-as-a", FULL)  # a second member of the same group
        await a.subscribe("cursor", CURSOR_ONLY)
        await a.subscribe("one", BY_LECTURE, lectureId=lecture_one)
        await b.subscribe("two", BY_LECTURE, lectureId=lecture_two)
        await b.subscribe("without", MAYBE_IDS, withIds=False)
        await b.subscribe("with", MAYBE_IDS, withIds=True)

        # One write first: every subscription is then live and on the shared path.
        await touch(run_store, runs_two[0], "warm")
        everyone = [(a, "full"), (b, "same-as-a"), (a, "cursor"), (b, "two"), (b, "without")]
        for conn, op in [*everyone, (b, "with")]:
            await conn.next(op, 1)
        # Where the burst starts on the subscriptions that name runs: after the warm-up's
        # message (another test's change of this viewer may come before it).
        warm = gid(runs_two[0])
        after_warm = {}
        for conn, op in [(a, "full"), (b, "same-as-a"), (b, "with")]:
            frames = await conn.until(op, lambda f: warm in ids_in(f[1:]))
            after_warm[op] = 1 + next(i for i, p in enumerate(frames[1:]) if warm in ids_in([p]))
        members = [
            m
            for channel in fanout_for(resources.feed).channels.values()
            for group in channel.groups.values()
            for m in group.members
        ]
        assert len(members) >= 7
        assert all(m.direct for m in members), "every member writes through the shared path"

        # A burst across both lectures: several changes land in the same batches.
        burst = [*runs_one, *runs_two]
        await asyncio.gather(*(touch(run_store, run, "burst") for run in burst))
        everything = {gid(r) for r in burst}
        full = await a.until("full", lambda f: everything <= set(ids_in(f[2:])))
        # Same group: the same payloads. The first message is each subscription's own starting
        # point (the feed's position when it subscribed, which other commits move).
        same = await b.until("same-as-a", lambda f: len(f) >= len(full))
        assert same[1 : len(full)] == full[1:]
        await b.until("with", lambda f: everything <= set(ids_in(f[2:])))
        await a.until("one", lambda f: {gid(r) for r in runs_one} <= set(ids_in(f, "ids")))

        # Each payload carries exactly its own selection.
        last_cursor = full[-1]["data"]["runChanges"]["cursor"]
        cursors = await a.until(
            "cursor", lambda f: f[-1]["data"]["runChanges"]["cursor"] == last_cursor
        )
        assert all(set(p["data"]["runChanges"]) == {"cursor"} for p in cursors)
        without = await b.until(
            "without", lambda f: f[-1]["data"]["runChanges"]["cursor"] == last_cursor
        )
        assert all(set(p["data"]["runChanges"]) == {"cursor"} for p in without)
        assert all(set(p["data"]["runChanges"]) == {"cursor", "runIds"} for p in full)
        # Each lecture's subscriber hears of its own lecture's runs only, under its alias.
        await b.until("two", lambda f: ids_in(f[2:], "ids").count(gid(runs_two[0])) >= 1)
        assert set(ids_in(a.frames["one"], "ids")) == {gid(r) for r in runs_one}
        assert set(ids_in(b.frames["two"], "ids")) == {gid(runs_two[0])}
        assert all(set(p["data"]["runChanges"]) == {"ids"} for p in a.frames["one"])
        # Every burst run reaches every subscription, once (each was touched once in it).
        for conn, op in [(a, "full"), (b, "same-as-a"), (b, "with")]:
            seen = [i for i in ids_in(conn.frames[op][after_warm[op] + 1 :]) if i in everything]
            assert sorted(seen) == sorted(everything), (op, seen)
        assert not a.protocol_errors
        assert not b.protocol_errors


async def test_a_client_that_completes_an_operation_hears_nothing_more_of_it(
    gql: GraphQLClient, run_store: RunStore, server: str, resources: Resources
) -> None:
    _, runs = await lecture_with_runs(gql, run_store, 1, resources.feed)
    async with connection(server) as a:
        await a.subscribe("gone", FULL)
        await a.subscribe("stays", FULL)
        await touch(run_store, runs[0], "first")
        await a.next("gone", 1)
        await a.next("stays", 1)
        await a.ws.send(json.dumps({"id": "gone", "type": "complete"}))
        await a.settled()  # the server has handled the complete
        # Every frame for "gone" sent before the complete was handled has arrived by now (one
        # socket, in order). Count them rather than assume two: another change of this viewer's
        # (an earlier test's run in the same server) may have reached it first.
        heard, stays = len(a.frames["gone"]), len(a.frames["stays"])
        await touch(run_store, runs[0], "second")
        second = await a.until("stays", lambda f: gid(runs[0]) in ids_in(f[stays:]))
        await a.settled()  # anything sent for "gone" with the second change has arrived
        assert second, "the operation that stays hears of the second change"
        assert len(a.frames["gone"]) == heard, a.frames["gone"][heard:]
        assert not a.protocol_errors


@pytest.fixture(scope="module")
async def two_viewers(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[dict[str, Any]]:
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path_factory.mktemp("fanout-tenancy"),
        auth=AuthMode.TOKENS,
    )
    resources = await Resources.open(settings)
    assert resources.tokens is not None
    alice, alice_token = await resources.tokens.issue(name="alice")
    bob, bob_token = await resources.tokens.issue(name="bob")
    async with serving(resources) as url:
        yield {
            "url": url,
            "store": resources.store,
            "alice": (alice.id, alice_token),
            "bob": (bob.id, bob_token),
        }
    await resources.close()


async def a_run_of(store: RunStore, owner_id: uuid.UUID, url: str, token: str) -> uuid.UUID:
    client = GraphQLClient(url, token)
    data = await client.execute(
        'mutation { createLecture(input: {title: "Mine"}) { lecture { id } } }'
    )
    await client.close()
    lecture_id = uuid.UUID(relay.GlobalID.from_id(data["createLecture"]["lecture"]["id"]).node_id)
    kind = get_kind("image")
    now = datetime.now(UTC)
    record = await store.create(
        NewRun(
            id=uuid.uuid4(),
            owner_id=owner_id,
            lecture_id=lecture_id,
            kind=kind.key,
            state=kind.initial_state(now),
            input={},
            triggered_by=owner_id,
            trigger="api",
        )
    )
    await store.apply(
        record.id, [RunStarted(at=now), StepStarted(step="generate_image", summary="", at=now)]
    )
    return record.id


async def test_viewers_with_the_same_document_share_nothing_but_the_code(
    two_viewers: dict[str, Any],
) -> None:
    store: RunStore = two_viewers["store"]
    alice_id, alice_token = two_viewers["alice"]
    bob_id, bob_token = two_viewers["bob"]
    url = two_viewers["url"]
    alices = await a_run_of(store, alice_id, url, alice_token)
    bobs = await a_run_of(store, bob_id, url, bob_token)
    async with connection(url, alice_token) as alice, connection(url, bob_token) as bob:
        await alice.subscribe("1", FULL)
        await bob.subscribe("1", FULL)  # the same id, the same document, another viewer
        for round_ in range(3):  # live, then shared
            await touch(store, alices, f"alice-{round_}")
            await touch(store, bobs, f"bob-{round_}")
            await alice.until("1", lambda f, n=round_: ids_in(f).count(gid(alices)) > n)
            await bob.until("1", lambda f, n=round_: ids_in(f).count(gid(bobs)) > n)
        await asyncio.sleep(0.1)
        assert set(ids_in(alice.frames["1"])) == {gid(alices)}
        assert set(ids_in(bob.frames["1"])) == {gid(bobs)}


@pytest.mark.parametrize("size", [0, 125, 126, 65535, 65536, 70000])
def test_a_pre_encoded_frame_is_one_final_unmasked_text_frame_a_websocket_parser_reads(
    size: int,
) -> None:
    from websockets.frames import Frame, Opcode
    from websockets.streams import StreamReader

    from src.gql.frames import text_frame

    payload = ("é" * (size // 2)).encode().ljust(size, b"x")  # UTF-8 text of `size` bytes
    reader = StreamReader()
    reader.feed_data(text_frame(payload) + b"trailing")
    parser = Frame.parse(reader.read_exact, mask=False)
    with pytest.raises(StopIteration) as parsed:
        next(parser)
    frame: Frame = parsed.value.value
    assert (frame.opcode, frame.fin, frame.rsv1, bytes(frame.data)) == (
        Opcode.TEXT,
        True,
        False,
        payload,
    )
    rest = reader.read_exact(8)
    with pytest.raises(StopIteration) as after:
        next(rest)
    assert after.value.value == b"trailing"  # the frame's bytes, not one more or fewer
