"""Hostile requests for the fuzz suite: Hypothesis strategies, cheap to generate (fragment
bombs, deep variables, unstorable text, bodies that are not one JSON object, bytes that are
not UTF-8, odd content types, graphql-transport-ws frames that break the protocol), and a
client that plays them against a server and tallies durations and server errors. The client
runs in a process of its own (see test_graphql_fuzz), so it only needs picklable results."""

from __future__ import annotations

import json
import string
import time
from dataclasses import dataclass, field
from typing import Any

import requests
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect as ws_connect
from websockets.typing import Subprotocol

from src.gql.request_body import MAX_BODY_BYTES


@dataclass(frozen=True)
class HttpCase:
    method: str
    content: bytes = b""
    content_type: str | None = "application/json"
    params: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"{self.method} {self.content_type} {self.content[:300]!r} {self.params}"


def _json_body(query: object, variables: object = None, **extra: object) -> bytes:
    body: dict[str, object] = {"query": query, **extra}
    if variables is not None:
        body["variables"] = variables
    return json.dumps(body).encode()  # ensure_ascii: lone surrogates travel as "\ud800"


LEAVES = ["__typename", "workflowKinds { key }", "a: workflowKinds { key title }"]


def bomb(levels: int, fanout: int = 2, leaf: str = "__typename") -> str:
    """Fragments that each spread the next one `fanout` times."""
    fragments = " ".join(
        f"fragment F{i} on Query {{ {' '.join([f'...F{i + 1}'] * fanout)} }}" for i in range(levels)
    )
    return f"query {{ ...F0 }} {fragments} fragment F{levels} on Query {{ {leaf} }}"


BOMBS = st.builds(bomb, st.integers(1, 45), st.integers(1, 4), st.sampled_from(LEAVES))


@st.composite
def fragment_bombs(draw: st.DrawFn) -> bytes:
    return _json_body(draw(BOMBS))


@st.composite
def depth_bombs(draw: st.DrawFn) -> bytes:
    """Deep or wide selections on runs, through fragments or inline."""
    levels = draw(st.integers(1, 40))
    twice = draw(st.booleans())
    inner = "id"
    for _ in range(levels):
        inner = f"rerunOf {{ {inner} }}" + (f" rerunOf {{ {inner} }}" if twice else "")
        if len(inner) > 60_000:
            break
    query = f'{{ run(id: "V29ya2Zsb3dSdW46eA==") {{ {inner} }} }}'
    return _json_body(query)


def _nested(depth: int, kind: str) -> str:
    if kind == "list":
        return "[" * depth + '"x"' + "]" * depth
    return '{"a":' * depth + '"x"' + "}" * depth


@st.composite
def deep_variables(draw: st.DrawFn) -> bytes:
    depth = draw(st.integers(1, 3000))
    nested = _nested(depth, draw(st.sampled_from(["list", "object"])))
    query = "query($k: [String!]) { runs(filter: {kinds: $k}) { edges { cursor } } }"
    where = draw(st.sampled_from(["variables", "extensions"]))
    return ('{"query": ' + json.dumps(query) + f', "{where}": ' + '{"k": ' + nested + "}}").encode()


SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
UNSTORABLE_TEXT = st.builds(
    lambda a, bad, b: a + bad + b,
    st.text(max_size=10),
    st.one_of(SURROGATES, st.just("\x00")),
    st.text(max_size=10),
)
TEXT_OPERATIONS = [
    ("mutation($t: String!) { createLecture(input: {title: $t}) { lecture { id } } }", "t"),
    ("query($k: [String!]) { runs(filter: {kinds: $k}) { edges { cursor } } }", "k"),
    ("query($id: ID!) { run(id: $id) { id } }", "id"),
    ("query($a: String) { runs(after: $a) { edges { cursor } } }", "a"),
    ("subscription($l: ID) { runChanges(lectureId: $l) { runIds } }", "l"),
]


@st.composite
def unstorable_text(draw: st.DrawFn) -> bytes:
    query, name = draw(st.sampled_from(TEXT_OPERATIONS))
    text = draw(UNSTORABLE_TEXT)
    value: object = [text] if name == "k" else text
    if draw(st.booleans()):  # also as an inline literal, escaped the JSON way
        literal = json.dumps(text)
        query = f"{{ runs(filter: {{kinds: [{literal}]}}) {{ edges {{ cursor }} }} }}"
    return _json_body(query, {name: value})


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def misshapen_bodies(draw: st.DrawFn) -> bytes:
    """Any JSON that is not one well-typed request object."""
    choice = draw(st.integers(0, 2))
    if choice == 0:
        top = draw(JSON_VALUES.filter(lambda v: not isinstance(v, dict)))
        return json.dumps(top).encode()
    fields: dict[str, Any] = {
        "query": draw(JSON_VALUES | st.just("{ workflowKinds { key } }")),
        "variables": draw(JSON_VALUES),
        "operationName": draw(JSON_VALUES),
        "extensions": draw(JSON_VALUES),
    }
    keep = draw(st.sets(st.sampled_from(sorted(fields)), min_size=1))
    body: Any = {k: v for k, v in fields.items() if k in keep}
    if choice == 2:
        body = [body] * draw(st.integers(1, 3))  # a batch
    return json.dumps(body).encode()


CONTENT_TYPES = st.sampled_from(
    [
        None,
        "application/json",
        "application/json; charset=latin-1",
        "text/plain",
        "application/graphql",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=zz",
        "application/jsonx",
        "*/*",
    ]
) | st.text(alphabet=string.ascii_letters + string.digits + "/;=+-.*, ", max_size=30).map(str.strip)


@st.composite
def raw_bodies(draw: st.DrawFn) -> HttpCase:
    """Arbitrary bytes (mostly not UTF-8), truncated JSON, or a body past the size cap."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        content = b'{"query": "' + b"x" * (MAX_BODY_BYTES + draw(st.integers(1, 10))) + b'"}'
    elif kind < 5:
        content = draw(st.binary(max_size=200))
    else:
        valid = _json_body("{ workflowKinds { key } }")
        content = valid[: draw(st.integers(0, len(valid)))] + draw(st.binary(max_size=8))
    return HttpCase("POST", content, draw(CONTENT_TYPES))


@st.composite
def get_requests(draw: st.DrawFn) -> HttpCase:
    keys = st.sampled_from(["query", "variables", "operationName", "extensions", "x"])
    params = draw(st.dictionaries(keys, st.text(max_size=40), max_size=4))
    return HttpCase("GET", params=params, content_type=None)


JSON_BODIES = st.one_of(
    fragment_bombs(), depth_bombs(), deep_variables(), unstorable_text(), misshapen_bodies()
)
HTTP_CASES = st.one_of(
    st.builds(HttpCase, st.just("POST"), JSON_BODIES),
    st.builds(HttpCase, st.just("POST"), JSON_BODIES, CONTENT_TYPES),
    raw_bodies(),
    get_requests(),
)
"""Every kind of hostile HTTP request, roughly evenly."""


# -- graphql-transport-ws -------------------------------------------------------------------

SUBSCRIPTION = "subscription { runChanges { runIds } }"
IDS = st.one_of(st.just("1"), st.text(max_size=5), JSON_VALUES)
PAYLOADS = st.one_of(
    st.fixed_dictionaries({"query": st.just(SUBSCRIPTION)}),
    st.fixed_dictionaries(
        {"query": st.just(SUBSCRIPTION)},
        optional={
            "variables": JSON_VALUES,
            "operationName": JSON_VALUES,
            "extensions": JSON_VALUES,
        },
    ),
    st.fixed_dictionaries({"query": JSON_VALUES}),
    BOMBS.map(lambda document: {"query": document}),
    JSON_VALUES,
)
MESSAGE_TYPES = st.sampled_from(
    ["connection_init", "subscribe", "complete", "ping", "pong", "next", "error", "hack"]
)


@st.composite
def ws_frames(draw: st.DrawFn) -> str | bytes:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.binary(max_size=50))
    if kind == 1:
        return draw(st.text(max_size=50))  # mostly not JSON
    if kind == 2:
        return json.dumps(draw(JSON_VALUES))
    if kind == 3:
        depth = draw(st.integers(1, 3000))
        return '{"type": "subscribe", "id": "d", "payload": {"query": "q", "variables": {"v": ' + (
            _nested(depth, "list") + "}}}"
        )
    message: dict[str, Any] = {"type": draw(MESSAGE_TYPES | JSON_VALUES)}
    if draw(st.booleans()):
        message["id"] = draw(IDS)
    if draw(st.booleans()):
        message["payload"] = draw(PAYLOADS)
    if kind == 4:
        variables = {"l": draw(UNSTORABLE_TEXT)}
        query = "subscription($l: ID) { runChanges(lectureId: $l) { runIds } }"
        message = {
            "type": "subscribe",
            "id": "s",
            "payload": {"query": query, "variables": variables},
        }
    return json.dumps(message)


WS_SESSIONS = st.tuples(st.booleans(), st.lists(ws_frames(), min_size=1, max_size=3))
"""(send connection_init first?, the frames that follow)."""


# -- The client ----------------------------------------------------------------------------

WS_CLOSE_CODES = {1000, 4400, 4401, 4403, 4409, 4429}
"""How the server may end a hostile session: every one of them is a refusal, not a crash."""
GENERATE_ONLY = settings(
    deadline=None, database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck)
)


@dataclass
class Tally:
    """Every hostile request's duration, and what went wrong with any of them."""

    durations: list[float] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")

    def timed(self, started: float, case: object) -> None:
        duration = time.perf_counter() - started
        self.durations.append(duration)
        if duration > self.slowest[0]:
            self.slowest = (duration, repr(case)[:300])

    def problem(self, case: object, problem: str) -> None:
        self.findings.append(f"{problem[:300]}\n  request: {repr(case)[:300]}")


def response_problems(response: requests.Response) -> list[str]:
    if response.status_code >= 500:
        return [f"HTTP {response.status_code}: {response.text[:300]}"]
    content_type = response.headers.get("content-type", "")
    if response.request.method == "GET" and content_type.startswith("text/html"):
        return []  # GraphiQL
    try:
        body = response.json()
    except ValueError:
        return [f"HTTP {response.status_code}, not JSON: {response.text[:200]!r}"]
    if not isinstance(body, dict) or not ({"data", "errors"} & body.keys()):
        return [f"HTTP {response.status_code}, not a GraphQL response: {str(body)[:200]}"]
    if response.status_code >= 400 and not body.get("errors"):
        return [f"HTTP {response.status_code} without GraphQL errors: {str(body)[:200]}"]
    return [
        f"crash shown to the client: {error.get('message')}"[:300]
        for error in body.get("errors") or []
        if "Something went wrong on our side" in str(error.get("message"))
    ]


def play_http(base_url: str, examples: int, tally: Tally) -> None:
    session = requests.Session()

    @settings(GENERATE_ONLY, max_examples=examples)
    @given(case=HTTP_CASES)
    def send(case: HttpCase) -> None:
        headers = {"content-type": case.content_type} if case.content_type else {}
        started = time.perf_counter()
        try:
            if case.method == "GET":
                response = session.get(
                    f"{base_url}/graphql", params=case.params, headers=headers, timeout=30
                )
            else:
                response = session.post(
                    f"{base_url}/graphql", data=case.content, headers=headers, timeout=30
                )
        except requests.ConnectionError as error:
            tally.timed(started, case)
            tally.problem(case, f"connection dropped: {error}")
            return
        tally.timed(started, case)
        for problem in response_problems(response):
            tally.problem(case, problem)

    try:
        send()
    finally:
        session.close()


def ws_session(url: str, initialise: bool, frames: list[str | bytes]) -> str | None:
    """Play one session; what went wrong, if anything. Ends with a ping: an open connection
    must still answer it, a closed one must have been closed with a close frame."""
    try:
        with ws_connect(url, subprotocols=[Subprotocol("graphql-transport-ws")]) as ws:
            if initialise:
                ws.send(json.dumps({"type": "connection_init"}))
            for frame in frames:
                ws.send(frame)
            ws.send(json.dumps({"type": "ping"}))
            while True:
                message = ws.recv(timeout=10)
                if isinstance(message, str) and '"pong"' in message:
                    return None
    except ConnectionClosed as closed:
        if closed.rcvd is None:
            return "the server dropped the connection without a close frame"
        if closed.rcvd.code not in WS_CLOSE_CODES:
            return f"closed with {closed.rcvd.code}: {closed.rcvd.reason}"
        return None
    except TimeoutError:
        return "neither answered nor closed within 10 s"


def play_websocket(base_url: str, sessions: int, tally: Tally) -> None:
    url = base_url.replace("http://", "ws://") + "/graphql"

    @settings(GENERATE_ONLY, max_examples=sessions)
    @given(session=WS_SESSIONS)
    def play(session: tuple[bool, list[str | bytes]]) -> None:
        started = time.perf_counter()
        problem = ws_session(url, *session)
        tally.timed(started, session)
        if problem:
            tally.problem(session, problem)

    play()


def play_hostile_requests(base_url: str, http_examples: int, ws_sessions: int) -> Tally:
    tally = Tally()
    play_http(base_url, http_examples, tally)
    play_websocket(base_url, ws_sessions, tally)
    return tally
