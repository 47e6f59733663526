"""`agent-progress watch`: a lecture's Agent Progress, kept current as the panel keeps it.

The panel's protocol (web/src/transport/liveLecture.ts), in Python: subscribe to
`runChanges(lectureId)`; the first message carries the cursor, and only then is the page of
runs read, so no change falls in between; every later message names runs to re-read (in one
`nodes(ids:)` request), each replacing its block only with a higher `version`. A dropped
connection resumes from the last cursor (`transport.run_changes`), and a re-read that fails
while the server is away is retried, so nothing is missed.

On a terminal the view is redrawn in place (rich's Live); otherwise each change is appended as
lines, so the output can be piped, logged or captured."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol

from rich.console import Console
from rich.live import Live
from rich.text import Text

from src.terminal.documents import (
    LATEST,
    LECTURE_RUNS,
    RICH_LECTURE_RUNS,
    RICH_RUNS_BY_IDS,
    RUNS_BY_IDS,
)
from src.terminal.model import Run, parse_run
from src.terminal.render import changed_lines, progress_view, run_header
from src.terminal.transport import (
    Api,
    ApiError,
    Endpoint,
    Unreachable,
    Unsupported,
    backoff_seconds,
)
from src.terminal.transport import run_changes as subscribe

PAGE_SIZE = 20
"""Runs read at start, newest first (the panel's first page)."""
REREAD_BATCH = 100
"""`nodes(ids:)` takes at most this many IDs."""


@dataclass
class Board:
    """The runs shown, by ID; a run is only ever replaced by a higher version."""

    runs: dict[str, Run] = field(default_factory=dict)

    def merge(self, runs: Iterable[Run]) -> list[tuple[Run | None, Run]]:
        """Take newer versions; returns (before, after) for each run that changed."""
        changed: list[tuple[Run | None, Run]] = []
        for run in runs:
            known = self.runs.get(run.id)
            if known is not None and known.version >= run.version:
                continue
            self.runs[run.id] = run
            changed.append((known, run))
        return changed

    def ordered(self) -> list[Run]:
        """Oldest first, as the panel stacks its blocks."""
        return sorted(self.runs.values(), key=lambda run: (run.created_at, run.id))

    def finished(self, targets: frozenset[str] | None) -> bool:
        """Whether every run (or every one of `targets`) has finished."""
        ids = targets if targets is not None else self.runs.keys()
        return all(i in self.runs and self.runs[i].status.finished for i in ids)


class View(Protocol):
    def connection(self, live: bool) -> None: ...
    def show(self, board: Board, changed: Sequence[tuple[Run | None, Run]]) -> None: ...


class LineView:
    """Appends what changed: the run's header whenever the lines switch to another run."""

    def __init__(self, console: Console, lecture_title: str, lecture_id: str) -> None:
        self.console = console
        self.last_run: str | None = None
        self.was_live: bool | None = None
        heading = Text("Agent Progress", style="bold")
        heading.append(f" · {lecture_title} ({lecture_id})")
        console.print(heading, soft_wrap=True)
        self.said_empty = False

    def connection(self, live: bool) -> None:
        if live and self.was_live is False:
            self.console.print(Text("Reconnected; catching up.", style="green"))
        elif not live and self.was_live:
            self.console.print(Text("Connection lost; reconnecting…", style="yellow"))
        self.was_live = live
        self.console.file.flush()

    def show(self, board: Board, changed: Sequence[tuple[Run | None, Run]]) -> None:
        if not board.runs and not self.said_empty:
            self.console.print(Text("No runs yet.", style="dim"))
            self.said_empty = True
        for before, after in changed:
            lines = changed_lines(before, after)
            if not lines:
                continue
            if self.last_run != after.id and lines[0].plain != run_header(after).plain:
                lines.insert(0, run_header(after))
            self.last_run = after.id
            for line in lines:
                self.console.print(line, soft_wrap=True)
        self.console.file.flush()  # a pipe is block-buffered: each change goes out now


class LiveView:
    """Redraws the whole Agent Progress in place."""

    def __init__(self, console: Console, lecture_title: str) -> None:
        self.lecture_title = lecture_title
        self.connected: bool | None = None
        self.board = Board()
        self.live = Live(console=console, auto_refresh=False, vertical_overflow="visible")

    def __enter__(self) -> LiveView:
        self.live.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.live.stop()

    def connection(self, live: bool) -> None:
        self.connected = live
        self._draw()

    def show(self, board: Board, changed: Sequence[tuple[Run | None, Run]]) -> None:
        self.board = board
        self._draw()

    def _draw(self) -> None:
        view = progress_view(
            self.board.ordered(), lecture_title=self.lecture_title, connected=self.connected
        )
        self.live.update(view, refresh=True)


async def latest_lecture(api: Api) -> str | None:
    """The lecture a watch without `--lecture` follows: the one the viewer's newest run works
    on (where work last happened, though the lecture may be older), else the newest lecture."""
    data = await api.execute(LATEST)
    runs = data["runs"]["nodes"]
    if runs:
        lecture_id: str = runs[0]["lecture"]["id"]
        return lecture_id
    lectures = data["lectures"]["nodes"]
    return str(lectures[0]["id"]) if lectures else None


@dataclass(frozen=True)
class Documents:
    """The reads a watch sends: with a request's deadline and rounds left (issue 10), or
    without them for older servers."""

    lecture_runs: str = RICH_LECTURE_RUNS
    runs_by_ids: str = RICH_RUNS_BY_IDS


OLDER = Documents(lecture_runs=LECTURE_RUNS, runs_by_ids=RUNS_BY_IDS)


async def read_runs(api: Api, ids: Sequence[str], documents: Documents = OLDER) -> list[Run]:
    runs: list[Run] = []
    for start in range(0, len(ids), REREAD_BATCH):
        batch = list(ids[start : start + REREAD_BATCH])
        data = await api.execute(documents.runs_by_ids, ids=batch)
        runs.extend(
            parse_run(node)
            for node in data["nodes"]
            if node and node["__typename"] == "WorkflowRun"
        )
    return runs


async def watch(
    api: Api,
    console: Console,
    *,
    lecture_id: str | None,
    until_done: bool = False,
    targets: frozenset[str] | None = None,
    live: bool | None = None,
) -> int:
    """Follow a lecture's runs until interrupted, or with `until_done` until every run (or
    every one of `targets`) has finished. `live`: redraw in place (default: when the console
    is a terminal)."""
    endpoint: Endpoint = api.endpoint
    if lecture_id is None:
        lecture_id = await latest_lecture(api)
        if lecture_id is None:
            console.print("No lectures yet. Start one: agent-progress start full-video --prompt …")
            return 1
    documents = Documents()
    try:
        first = await api.execute(documents.lecture_runs, id=lecture_id, first=1)
    except Unsupported:
        documents = OLDER
        first = await api.execute(documents.lecture_runs, id=lecture_id, first=1)
    if first["lecture"] is None:
        raise ApiError(f"No lecture {lecture_id} (or it is not yours).")
    title: str = first["lecture"]["title"]

    live = console.is_terminal if live is None else live
    view: View
    if live:
        with LiveView(console, title) as live_view:
            return await _follow(
                api, endpoint, live_view, lecture_id, until_done, targets, documents
            )
    view = LineView(console, title, lecture_id)
    return await _follow(api, endpoint, view, lecture_id, until_done, targets, documents)


async def _follow(
    api: Api,
    endpoint: Endpoint,
    view: View,
    lecture_id: str,
    until_done: bool,
    targets: frozenset[str] | None,
    documents: Documents,
) -> int:
    board = Board()
    pending: set[str] = set()
    subscribed = asyncio.Event()  # the first message came: its cursor is where reading starts
    wake = asyncio.Event()

    async def pump() -> None:
        async for change in subscribe(endpoint, lecture_id=lecture_id, on_connection=connected):
            pending.update(change.run_ids)
            subscribed.set()
            wake.set()

    def connected(live: bool) -> None:
        view.connection(live)
        if live:
            wake.set()  # retry anything a failed read left pending

    pumping = asyncio.create_task(pump())
    loaded = False
    failures = 0
    try:
        while True:
            waiting = asyncio.create_task(wake.wait())
            done, _ = await asyncio.wait({waiting, pumping}, return_when=asyncio.FIRST_COMPLETED)
            waiting.cancel()
            if pumping in done:
                pumping.result()  # raises why the subscription ended (a refused token)
                return 1
            wake.clear()
            if not subscribed.is_set():
                continue
            try:
                changed: list[tuple[Run | None, Run]] = []
                if not loaded:
                    data = await api.execute(documents.lecture_runs, id=lecture_id, first=PAGE_SIZE)
                    nodes = data["lecture"]["runs"]["nodes"] if data["lecture"] else []
                    changed += board.merge(parse_run(node) for node in reversed(nodes))
                    loaded = True
                while pending:
                    ids = sorted(pending)
                    # Taken before the read, not after it: a change named while the read is
                    # under way (the run moved on again) must be read once more, not dropped.
                    pending.difference_update(ids)
                    try:
                        runs = await read_runs(api, ids, documents)
                    except Unreachable:
                        pending.update(ids)
                        raise
                    changed += board.merge(runs)
                failures = 0
            except Unreachable:
                # The server is away: the subscription reconnects on its own; try the reads
                # again after a pause (or as soon as it is back).
                await asyncio.sleep(backoff_seconds(failures))
                failures += 1
                wake.set()
                continue
            if changed or not board.runs:
                view.show(board, changed)
            if until_done and board.finished(targets):
                return 0
    finally:
        pumping.cancel()
        with suppress(asyncio.CancelledError, ApiError):
            await pumping
