"""A fuzz run of the GraphQL endpoint: Schemathesis' generated queries and mutations, valid and
invalid, then hostile requests (fragment bombs, deep variables, unstorable text, bodies that are
not one JSON object, hostile graphql-transport-ws frames), all sent to the real server. None
may get a server error — a 5xx, a dropped connection, a body that is not a GraphQL response, a
null in a non-null field, an error raised by a bug in our code rather than a refusal of bad
input — and none may hold up the server (issue 8).

"Hold up" is checked by what the server did, not by a clock: costly documents must be refused
by the linear limits (src/gql/limits.py) before graphql-core's validation, so no document's
parse and validation may outlast the worker thread's budget (src/gql/document_check.py), which
the server counts. A wall-clock threshold (1 s here once) failed at 1.002 s on a loaded
machine; the slowest request is still printed, for a reader, not asserted."""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import graphql
import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.graphql import nodes

from src.ops.metrics import REGISTRY
from tests.graphql_client import GraphQLClient
from tests.hostile_requests import Tally, play_hostile_requests

SCHEMA_FILE = Path(__file__).parents[1] / "schema.graphql"
EXAMPLES_PER_MODE = 25
"""Per operation, for valid and for invalid documents each: about 20 s for the whole run."""

# Bugs a fuzz run finds and that are not fixed yet: the exact error text -> why. The fuzz run
# skips those and a strict xfail test pins each. Empty now: the first run's three findings (NUL
# characters reaching PostgreSQL; naive and out-of-range DateTimes in runStatistics) are fixed
# and pinned below as ordinary tests.
KNOWN_BUGS: dict[str, str] = {}


def root_fields() -> list[str]:
    """`Query.x` and `Mutation.y` labels from the checked-in schema (kept fresh by a test)."""
    schema = graphql.build_schema(SCHEMA_FILE.read_text())
    return [
        f"{root.name}.{name}"
        for root in (schema.query_type, schema.mutation_type)
        if root is not None
        for name in root.fields
    ]


@dataclass(eq=False)
class ResolverErrors(logging.Handler):
    """Every record the server logs at ERROR: unexpected errors (src.gql.incidents logs them
    with their exception and reference) and anything uvicorn or Strawberry report."""

    records: list[logging.LogRecord] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(level=logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def problems_in(
    response: requests.Response | httpx.Response, logged: list[logging.LogRecord]
) -> list[str]:
    """What is wrong with one response, given the errors the server logged while serving it."""
    if response.status_code >= 500:
        return [f"HTTP {response.status_code}: {response.text[:500]}"]
    problems = [
        f"logged: {record.getMessage()[:300]} "
        f"({type(record.exc_info[1]).__name__ if record.exc_info else 'no exception'})"
        for record in logged
    ]
    try:
        body = response.json()
    except ValueError:
        return [*problems, f"not JSON: {response.text[:200]!r}"]
    if not isinstance(body, dict) or not ({"data", "errors"} & body.keys()):
        return [*problems, f"not a GraphQL response: {str(body)[:200]}"]
    for error in body.get("errors") or []:
        message = str(error.get("message"))
        if "Traceback" in message or "Something went wrong on our side" in message:
            problems.append(f"crash shown to the client: {message[:300]}")
        if "Cannot return null for non-nullable field" in message:
            problems.append(f"schema violated: {message[:300]}")
    return problems


def known_bug(problem: str) -> str | None:
    return next((why for sign, why in KNOWN_BUGS.items() if sign in problem), None)


def checks_over_budget() -> float:
    """Documents whose parse and validation the server cut off at its budget, so far (the
    server runs in this process)."""
    name = "agent_progress_graphql_document_checks_over_budget_total"
    return REGISTRY.get_sample_value(name) or 0.0


@pytest.fixture(scope="module")
def resolver_errors() -> Iterator[ResolverErrors]:
    handler = ResolverErrors()
    loggers = [logging.getLogger(), logging.getLogger("uvicorn")]  # uvicorn's do not propagate
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


CANCEL = "mutation($r: ID!) { cancelRun(input: {runId: $r}) { run { id } } }"


async def start_run(client: GraphQLClient, lecture_id: str, workflow: str) -> str:
    started = await client.execute(
        f"mutation($l: ID!) {{ startRun(input: {{lectureId: $l, workflow: {{{workflow}}}}}) "
        "{ run { id } } }",
        l=lecture_id,
    )
    run_id: str = started["startRun"]["run"]["id"]
    return run_id


@pytest.fixture(scope="module")
async def known_ids(server: str) -> list[str]:
    """A lecture and runs of it in several states, so fuzzed IDs sometimes name something."""
    client = GraphQLClient(server)
    try:
        data = await client.execute(
            'mutation { createLecture(input: {title: "Fuzz", prompt: "Rivers"}) { lecture { id } } }'
        )
        lecture_id: str = data["createLecture"]["lecture"]["id"]
        ids = [lecture_id]
        for workflow in ('image: {prompt: "a river"}', 'fullVideo: {prompt: "rivers"}'):
            ids.append(await start_run(client, lecture_id, workflow))
        cancelled = await start_run(client, lecture_id, 'image: {prompt: "a lake"}')
        await client.execute(CANCEL, r=cancelled)
        ids.append(cancelled)
    finally:
        await client.close()
    return ids


@pytest.fixture(scope="module")
async def fuzz_schema(server: str, known_ids: list[str]) -> Any:
    """The schema the server serves, loaded by introspection."""
    # Registered process-wide; nothing else in the suite generates GraphQL. IDs: real ones or
    # any text. DateTimes: the whole range, with or without a UTC offset (Schemathesis' own
    # strategy only makes UTC ones).
    schemathesis.graphql.scalar(
        "ID", st.one_of(st.sampled_from(known_ids), st.text(max_size=60)).map(nodes.String)
    )
    offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
    schemathesis.graphql.scalar(
        "DateTime",
        st.datetimes(timezones=st.none() | offsets).map(lambda d: nodes.String(d.isoformat())),
    )
    # Blocking HTTP: off the event loop, which must keep serving the server.
    return await asyncio.to_thread(schemathesis.graphql.from_url, f"{server}/graphql", timeout=30)


@dataclass
class Finding:
    body: str
    problem: str

    def __str__(self) -> str:
        return f"{self.problem}\n  request: {self.body}"


def fuzz(operation: Any, errors: ResolverErrors) -> tuple[list[Finding], Counter[str], list[float]]:
    """Send generated requests for one operation: what went wrong, a tally of outcomes, and
    how long each request took."""
    findings: list[Finding] = []
    outcomes: Counter[str] = Counter()
    durations: list[float] = []
    session = requests.Session()
    strategy = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    # Findings are collected, not raised: one run reports every distinct problem at once.
    @settings(
        max_examples=2 * EXAMPLES_PER_MODE,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def send(case: Any) -> None:
        logged = len(errors.records)
        started = time.perf_counter()
        response = case.call(session=session, timeout=30)
        durations.append(time.perf_counter() - started)
        outcomes[outcome(response)] += 1
        for problem in problems_in(response, errors.records[logged:]):
            if known_bug(problem):
                outcomes["known bug"] += 1
            else:
                findings.append(Finding(case.body, problem))

    try:
        send()
    finally:
        session.close()
    return findings, outcomes, durations


def outcome(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    if not isinstance(body, dict):
        return "not an object"
    if body.get("errors"):
        return "refused" if body.get("data") is None else "partly refused"
    return "served"


@pytest.mark.parametrize("label", root_fields())
async def test_generated_requests_get_no_server_error(
    label: str, fuzz_schema: Any, resolver_errors: ResolverErrors
) -> None:
    operation = fuzz_schema.find_operation_by_label(label)
    assert operation is not None, f"{label} is in schema.graphql but the server does not serve it"
    over_budget = checks_over_budget()
    findings, outcomes, durations = await asyncio.to_thread(fuzz, operation, resolver_errors)
    assert sum(outcomes.values()) > 0
    print(f"{label}: {len(durations)} requests, slowest {max(durations):.3f} s")
    distinct = {f.problem: f for f in findings}
    assert not findings, (
        f"{len(findings)} server errors ({dict(outcomes)}), {len(distinct)} distinct:\n"
        + "\n".join(str(f) for f in list(distinct.values())[:10])
    )
    assert checks_over_budget() == over_budget, "a document's check outlasted the budget"


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(
            'mutation { createLecture(input: {title: "a\\u0000b"}) { lecture { id } } }',
            id="nul-in-lecture-title",
        ),
        pytest.param(
            "mutation($lecture: ID!) { startRun(input: {lectureId: $lecture, "
            'workflow: {image: {prompt: "a\\u0000"}}}) { run { id } } }',
            id="nul-in-image-prompt",
        ),
        pytest.param(
            "mutation($lecture: ID!) { startRunFromPrompt(input: {lectureId: $lecture, "
            'prompt: "make an image\\u0000"}) { run { id } } }',
            id="nul-in-sentence-prompt",
        ),
        pytest.param(
            '{ runs(filter: {kinds: ["\\u0000"]}) { edges { cursor } } }',
            id="nul-in-kind-filter",
        ),
        pytest.param(
            '{ runStatistics(since: "2020-01-01T00:00:00") { kind } }',
            id="naive-datetime",
        ),
        pytest.param(
            '{ runStatistics(since: "0001-01-01T00:00:00+14:00", '
            'until: "0001-01-01T01:00:00+14:00") { kind } }',
            id="datetime-before-year-1-utc",
        ),
    ],
)
async def test_bad_input_found_by_fuzzing_is_refused_cleanly(
    query: str, gql: GraphQLClient, known_ids: list[str], resolver_errors: ResolverErrors
) -> None:
    variables = {"lecture": known_ids[0]} if "$lecture" in query else {}
    logged = len(resolver_errors.records)
    response = await gql.http.post("/graphql", json={"query": query, "variables": variables})
    assert problems_in(response, resolver_errors.records[logged:]) == []
    message = response.json()["errors"][0]["message"]
    assert any(clear in message for clear in ("NUL (U+0000)", "UTC offset", "out of range"))


async def test_a_nul_in_a_configuration_edit_is_refused_cleanly(
    gql: GraphQLClient, known_ids: list[str], resolver_errors: ResolverErrors
) -> None:
    changes_query = "subscription($l: ID) { runChanges(lectureId: $l) { runIds } }"
    status_query = "query($id: ID!) { run(id: $id) { status } }"
    async with gql.subscribe(changes_query, l=known_ids[0]) as changes:
        run_id = await start_run(gql, known_ids[0], 'fullVideo: {prompt: "rivers"}')

        async def reviewing() -> None:
            while True:
                if run_id in (await changes.get())["runChanges"]["runIds"]:
                    run = (await gql.execute(status_query, id=run_id))["run"]
                    if run["status"] == "WAITING_FOR_INPUT":
                        return

        await asyncio.wait_for(reviewing(), timeout=20)
    logged = len(resolver_errors.records)
    response = await gql.http.post(
        "/graphql",
        json={
            "query": "mutation($r: ID!) { resolveHumanRequest(input: {runId: $r, "
            'requestId: "review-configuration", decision: ACCEPT, '
            'edits: {configuration: {style: "a\\u0000"}}}) { run { id } userErrors { code } } }',
            "variables": {"r": run_id},
        },
    )
    try:
        assert problems_in(response, resolver_errors.records[logged:]) == []
        assert "NUL (U+0000)" in response.json()["errors"][0]["message"]
    finally:
        await gql.execute(CANCEL, r=run_id)


# -- Hostile requests ----------------------------------------------------------------------

HOSTILE_HTTP_EXAMPLES = 4_600
HOSTILE_WS_SESSIONS = 400
"""Together 5,000 generated requests (issue 8 asks for at least that many), in about a
minute: the strategies are cheap and nothing is shrunk."""


async def test_hostile_requests_get_no_server_error_and_none_is_slow(
    server: str, resolver_errors: ResolverErrors
) -> None:
    """ "None is slow": none made the server spend its parse-and-validate budget (see the
    module docstring for why this, and not a wall-clock threshold)."""
    # The requests come from a process of their own, so that Hypothesis' heap does not
    # lengthen this process's garbage collections (which pause the server, > 1 s on a loaded
    # machine); this process's own harness heap is frozen for the same reason, as the
    # server's start-up heap is (app lifespan).
    logged = len(resolver_errors.records)
    over_budget = checks_over_budget()
    gc.freeze()
    try:
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as client:
            tally: Tally = await asyncio.get_running_loop().run_in_executor(
                client, play_hostile_requests, server, HOSTILE_HTTP_EXAMPLES, HOSTILE_WS_SESSIONS
            )
    finally:
        gc.unfreeze()
    findings = tally.findings + [
        f"logged: {record.getMessage()[:300]}" for record in resolver_errors.records[logged:]
    ]
    slowest, slowest_case = tally.slowest
    print(
        f"hostile requests: {len(tally.durations)} sent "
        f"({HOSTILE_HTTP_EXAMPLES} HTTP, {HOSTILE_WS_SESSIONS} websocket sessions), "
        f"{len(findings)} server errors, slowest {slowest:.3f} s: {slowest_case[:200]}"
    )
    distinct = sorted(set(findings))
    assert not findings, f"{len(findings)} server errors, {len(distinct)} distinct:\n" + (
        "\n".join(distinct[:10])
    )
    assert len(tally.durations) >= 5_000
    # No hostile document got past the limits with work enough to outlast the check budget
    # (each would have been refused with "This query took too long to check").
    assert checks_over_budget() == over_budget, (
        f"{checks_over_budget() - over_budget:.0f} documents outlasted the check budget"
    )
