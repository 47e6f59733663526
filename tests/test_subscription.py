"""The run-change subscription over real graphql-transport-ws: resume without gaps, batches,
a cap on subscriptions per connection."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import websockets
from strawberry import relay

from src.resources import LOCAL_VIEWER, Resources
from src.state import MessageAdded, RunStarted, StepStarted
from src.state.feed import ChangeFeed
from src.state.store import NewRun, RunStore
from src.steps import get_kind
from tests.graphql_client import GraphQLClient

CHANGES = """subscription($lectureId: ID, $after: String) {
  runChanges(lectureId: $lectureId, after: $after) { runIds cursor } }"""


async def lecture_with_runs(
    gql: GraphQLClient, store: RunStore, count: int, feed: ChangeFeed
) -> tuple[str, list[uuid.UUID]]:
    """A new lecture with `count` started runs, once `feed` (the server's) has delivered their
    creation: `store` is another store than the server's, whose feed hears of its commits a
    notification later, and a subscription opened before that would be told of them."""
    data = await gql.execute(
        'mutation { createLecture(input: {title: "Resume"}) { lecture { id } } }'
    )
    lecture_gid = data["createLecture"]["lecture"]["id"]
    lecture_id = uuid.UUID(relay.GlobalID.from_id(lecture_gid).node_id)
    kind = get_kind("image")
    now = datetime.now(UTC)
    runs = []
    for _ in range(count):
        record = await store.create(
            NewRun(
                id=uuid.uuid4(),
                owner_id=LOCAL_VIEWER.id,
                lecture_id=lecture_id,
                kind=kind.key,
                state=kind.initial_state(now),
                input={},
                triggered_by=LOCAL_VIEWER.id,
                trigger="api",
            )
        )
        await store.apply(
            record.id,
            [RunStarted(at=now), StepStarted(step="generate_image", summary="", at=now)],
        )
        runs.append(record.id)
    await delivered(feed, store, runs)
    return lecture_gid, runs


async def delivered(feed: ChangeFeed, store: RunStore, run_ids: list[uuid.UUID]) -> None:
    """Wait until `feed` has delivered the latest change of every run in `run_ids`."""
    latest = 0
    for run_id in run_ids:
        record = await store.get(run_id)
        assert record is not None
        latest = max(latest, record.change_xid)
    for _ in range(500):
        if feed.cursor >= latest:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the feed stayed at {feed.cursor}, before {latest}")


async def touch(store: RunStore, run_id: uuid.UUID, key: str) -> None:
    await store.apply(
        run_id, [MessageAdded(step="generate_image", key=key, text=key, at=datetime.now(UTC))]
    )


async def registered(changes: asyncio.Queue[dict[str, Any]]) -> str:
    """The first message of a subscription without `after`: no runs, the cursor to resume from."""
    message = await asyncio.wait_for(changes.get(), timeout=10)
    assert message["runChanges"]["runIds"] == []
    cursor: str = message["runChanges"]["cursor"]
    return cursor


def gid(run_id: uuid.UUID) -> str:
    return str(relay.GlobalID("WorkflowRun", str(run_id)))


async def collect(
    queue: asyncio.Queue[dict[str, Any]], until: set[str]
) -> tuple[list[str], str, int]:
    """Run IDs received (in order, with repeats) until every ID in `until` came; the last
    cursor; how many messages it took."""
    seen: list[str] = []
    cursor = ""
    messages = 0
    while not until <= set(seen):
        message = await asyncio.wait_for(queue.get(), timeout=10)
        seen += message["runChanges"]["runIds"]
        cursor = message["runChanges"]["cursor"]
        messages += 1
    return seen, cursor, messages


async def test_a_resumed_subscription_receives_exactly_the_runs_changed_while_away(
    gql: GraphQLClient, run_store: RunStore, resources: Resources
) -> None:
    lecture_id, runs = await lecture_with_runs(gql, run_store, 5, resources.feed)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        cursor = await registered(changes)

    # Away: three runs change (one of them twice); two do not.
    for run_id, key in [(runs[1], "a"), (runs[3], "b"), (runs[1], "c"), (runs[4], "d")]:
        await touch(run_store, run_id, key)

    async with gql.subscribe(CHANGES, lectureId=lecture_id, after=cursor) as changes:
        replayed = await asyncio.wait_for(changes.get(), timeout=10)
        assert sorted(replayed["runChanges"]["runIds"]) == sorted(
            gid(r) for r in (runs[1], runs[3], runs[4])
        )
        # Then live changes follow on the same subscription.
        await touch(run_store, runs[2], "live")
        live, _, _ = await collect(changes, {gid(runs[2])})
        assert live == [gid(runs[2])]


async def test_a_new_subscription_first_says_where_it_starts_and_then_misses_nothing(
    gql: GraphQLClient, run_store: RunStore, resources: Resources
) -> None:
    lecture_id, runs = await lecture_with_runs(gql, run_store, 2, resources.feed)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        cursor = await registered(changes)  # before any run changed: the listener is ready
        await touch(run_store, runs[0], "right-after")  # no retry: it cannot predate the listener
        seen, _, _ = await collect(changes, {gid(runs[0])})
        assert seen == [gid(runs[0])]

    # The first cursor is a resume point: what changed after it is replayed.
    async with gql.subscribe(CHANGES, lectureId=lecture_id, after=cursor) as changes:
        replayed, _, _ = await collect(changes, {gid(runs[0])})
        assert gid(runs[0]) in replayed


async def test_a_cursor_taken_mid_stream_resumes_with_exactly_what_followed_it(
    gql: GraphQLClient, run_store: RunStore, resources: Resources
) -> None:
    lecture_id, runs = await lecture_with_runs(gql, run_store, 4, resources.feed)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        await registered(changes)
        await touch(run_store, runs[0], "seen")
        _, cursor, _ = await collect(changes, {gid(runs[0])})

    for run_id, key in [(runs[1], "away"), (runs[2], "away"), (runs[1], "away again")]:
        await touch(run_store, run_id, key)

    async with gql.subscribe(CHANGES, lectureId=lecture_id, after=cursor) as changes:
        replayed = await asyncio.wait_for(changes.get(), timeout=10)
        assert sorted(replayed["runChanges"]["runIds"]) == sorted([gid(runs[1]), gid(runs[2])])
        await touch(run_store, runs[3], "live")
        live, _, _ = await collect(changes, {gid(runs[3])})
        assert live == [gid(runs[3])]


def legacy_cursor(change_cursor: int) -> str:
    """A resume cursor as handed out before the feed read by transaction ID."""
    return base64.urlsafe_b64encode(f"changes:{change_cursor}".encode()).decode()


async def test_a_cursor_from_before_the_upgrade_resumes_once_by_change_cursor(
    gql: GraphQLClient, run_store: RunStore, resources: Resources
) -> None:
    """Clients reconnecting after the upgrade keep their place: the old cursor replays the
    runs changed after it, and the cursors that follow are the new kind."""
    lecture_id, runs = await lecture_with_runs(gql, run_store, 3, resources.feed)
    lecture = uuid.UUID(relay.GlobalID.from_id(lecture_id).node_id)
    before: int = await run_store.pool.fetchval(
        "SELECT max(change_cursor) FROM workflow_runs WHERE lecture_id = $1", lecture
    )
    for run_id, key in [(runs[0], "after"), (runs[2], "after")]:
        await touch(run_store, run_id, key)

    async with gql.subscribe(CHANGES, lectureId=lecture_id, after=legacy_cursor(before)) as got:
        replayed = (await asyncio.wait_for(got.get(), timeout=10))["runChanges"]
        assert sorted(replayed["runIds"]) == sorted([gid(runs[0]), gid(runs[2])])
        await touch(run_store, runs[1], "live")
        live, cursor, _ = await collect(got, {gid(runs[1])})
        assert live == [gid(runs[1])]
    assert base64.urlsafe_b64decode(replayed["cursor"]).decode().startswith("feed:")

    # The new cursor resumes after everything delivered: nothing is replayed twice.
    await touch(run_store, runs[2], "later")
    async with gql.subscribe(CHANGES, lectureId=lecture_id, after=cursor) as got:
        again, _, _ = await collect(got, {gid(runs[2])})
        assert again == [gid(runs[2])]


async def test_a_burst_of_commits_arrives_in_few_messages(
    gql: GraphQLClient, run_store: RunStore, resources: Resources
) -> None:
    lecture_id, runs = await lecture_with_runs(gql, run_store, 31, resources.feed)
    warm_up, runs = runs[0], runs[1:]
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        await registered(changes)
        await touch(run_store, warm_up, "warm-up")
        await collect(changes, {gid(warm_up)})
        await asyncio.sleep(0.1)  # the warm-up's stragglers, if any, drain first
        while not changes.empty():
            changes.get_nowait()
        await asyncio.gather(*(touch(run_store, r, "burst") for r in runs))
        seen, _, messages = await collect(changes, {gid(r) for r in runs})
    assert sorted(seen) == sorted(gid(r) for r in runs)  # each run once
    assert messages < len(runs)  # commits a few milliseconds apart share a message


async def test_a_bad_resume_cursor_is_a_clear_error(gql: GraphQLClient) -> None:
    url = gql.base_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": CHANGES, "variables": {"after": "bogus"}},
                }
            )
        )
        reply = json.loads(await asyncio.wait_for(ws.recv(), timeout=10))
        errors = reply["payload"] if reply["type"] == "error" else reply["payload"]["errors"]
        assert "not a change cursor" in errors[0]["message"]


async def test_one_connection_holds_at_most_twenty_subscriptions(gql: GraphQLClient) -> None:
    url = gql.base_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        for n in range(21):
            await ws.send(
                json.dumps({"id": str(n), "type": "subscribe", "payload": {"query": CHANGES}})
            )
        while (reply := json.loads(await asyncio.wait_for(ws.recv(), timeout=10)))["id"] != "20":
            assert reply["type"] == "next"  # each accepted one first says where it starts
        errors = reply["payload"] if reply["type"] == "error" else reply["payload"]["errors"]
        assert "at most 20 subscriptions" in errors[0]["message"]
