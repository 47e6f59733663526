"""A stand-in for the Inngest server that drives our functions through the SDK's own HTTP
protocol at `/api/inngest`, the way the Inngest executor does.

It keeps each function run's memoized steps and calls the function again from the top with
them after every step; plans and targets parallel steps; retries errors up to the function's
retries; registers `wait_for_event` waits that only match events sent *after* registration
(Inngest issue #1433) and time out on a simulated clock; cancels runs on their `cancel`
events; and emits `inngest/function.failed` / `inngest/function.cancelled` to whichever
functions they trigger. With `replay=True` every call is made twice, the first response
dropped, as when a response is lost and Inngest calls again; `replay_history` calls a run
again with every prefix of its step history.

Configuration comes from each function's registration config (what the SDK syncs to
Inngest); expressions are evaluated for the `a.b == c && ...` form our functions use.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import inngest

from src.inngest_fns import FUNCTION_CANCELLED, FUNCTION_FAILED, RUN_REQUESTED, SERVE_PATH

_DURATION = re.compile(r"(\d+)([wdhms])")
_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


def seconds(duration: str) -> float:
    return float(sum(int(n) * _SECONDS[unit] for n, unit in _DURATION.findall(duration)))


def matches(expression: str | None, *, event: dict[str, Any], incoming: dict[str, Any]) -> bool:
    if not expression:
        return True

    def value(term: str) -> Any:
        term = term.strip()
        if term[0] in "\"'":
            return json.loads(term) if term[0] == '"' else term[1:-1]
        root, *path = term.split(".")
        found: Any = {"event": event, "async": incoming}[root]
        for key in path:
            found = found.get(key) if isinstance(found, dict) else None
        return found

    for clause in expression.split("&&"):
        left, right = clause.split("==")
        if value(left) != value(right):
            return False
    return True


@dataclass
class Wait:
    step_id: str
    name: str
    event: str
    expression: str | None
    deadline: float


@dataclass
class FunctionRun:
    function_id: str
    config: dict[str, Any]
    event: dict[str, Any]
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    steps: dict[str, Any] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)
    attempt: int = 0
    wait: Wait | None = None
    status: str = "running"
    output: Any = None
    error: dict[str, Any] | None = None

    @property
    def max_attempts(self) -> int:
        retries = self.config["steps"]["step"].get("retries")
        return (retries["attempts"] if retries else 4) + 1


WaitHook = Callable[[FunctionRun, Wait], Awaitable[None]]


class InngestServerDouble:
    def __init__(
        self,
        http: httpx.AsyncClient,
        functions: list[inngest.Function[Any]],
        *,
        replay: bool = False,
        probe: Callable[[FunctionRun], Awaitable[Any]] | None = None,
    ) -> None:
        self._http = http
        self._configs = [
            fn.get_config(f"http://app{SERVE_PATH}").main.model_dump(mode="json", by_alias=True)
            for fn in functions
        ]
        self._replay = replay
        self.probe = probe
        """Looked at before and after every replay; a difference is recorded."""
        self.replays = 0
        self.replay_changes: list[tuple[Any, Any]] = []
        """(before, after) probes around replays that changed something (should stay empty)."""
        self.failures: list[httpx.Response] = []
        """Every error response the functions gave (status 500), in order."""
        self._seen: set[str] = set()
        self.now = 0.0
        self.runs: list[FunctionRun] = []
        self.received: list[dict[str, Any]] = []
        self.unmatched: list[dict[str, Any]] = []
        """Events no trigger, wait or cancel took (e.g. a decision sent before its wait)."""
        self.before_wait: WaitHook | None = None
        """Called when a function asks to wait, before the wait is registered."""
        self.requests = 0
        self.ops: list[tuple[str, str]] = []
        """(step name, opcode) of every step op the functions reported, in order."""

    # The event API (what `InngestEngine` sends to).
    async def send(self, events: inngest.Event | list[inngest.Event]) -> list[str]:
        batch = events if isinstance(events, list) else [events]
        for event in batch:
            self.receive(event.model_dump(mode="json"))
        return [event.id for event in batch]

    def receive(self, event: dict[str, Any]) -> None:
        if event.get("id"):
            if event["id"] in self._seen:
                return  # Inngest deduplicates events by ID
            self._seen.add(event["id"])
        self.received.append(event)
        took = False
        for run in self.runs:
            if run.status not in {"running", "waiting"}:
                continue
            for cancel in run.config.get("cancel") or []:
                if cancel["event"] == event["name"] and matches(
                    cancel.get("if"), event=run.event, incoming=event
                ):
                    self._cancel(run)
                    took = True
                    break
            wait = run.wait
            if (
                wait
                and wait.event == event["name"]
                and matches(wait.expression, event=run.event, incoming=event)
            ):
                self._resume(run, event)
                took = True
        for config in self._configs:
            for trigger in config["triggers"]:
                if trigger.get("event") == event["name"] and matches(
                    trigger.get("expression"), event=event, incoming=event
                ):
                    self.runs.append(FunctionRun(config["id"], config, event))
                    took = True
        if not took:
            self.unmatched.append(event)

    # The executor.
    async def run_until_idle(self) -> None:
        """Call functions until every run completes, fails, is cancelled or waits."""
        while run := next((r for r in self.runs if r.status == "running"), None):
            await self._advance(run)

    async def elapse(self) -> float:
        """Move the clock to the earliest wait's timeout and time it out; return seconds."""
        waiting = [r for r in self.runs if r.status == "waiting" and r.wait is not None]
        assert waiting, "nothing is waiting"
        deadline = min(r.wait.deadline for r in waiting if r.wait)
        elapsed, self.now = deadline - self.now, deadline
        for run in waiting:
            if run.wait and run.wait.deadline <= self.now:
                self._resume(run, None)
        return elapsed

    def run_for(self, run_id: Any) -> FunctionRun:
        """The function run executing our run `run_id`."""
        return next(
            r
            for r in self.runs
            if r.event["name"] == RUN_REQUESTED and r.event["data"]["run_id"] == str(run_id)
        )

    def cancel(self, run: FunctionRun) -> None:
        """Cancel a function run from outside the app (the dashboard, the REST API)."""
        self._cancel(run)

    async def _advance(self, run: FunctionRun) -> None:
        target = run.planned.pop(0) if run.planned else "step"
        if self._replay:
            # The same call delivered before, its response lost: Inngest calls again, and the
            # second call must change nothing the first did not.
            await self._call(run, target, run.steps)
            self.replays += 1
            before = await self.probe(run) if self.probe else None
            response = await self._call(run, target, run.steps)
            after = await self.probe(run) if self.probe else None
            if before != after:
                self.replay_changes.append((before, after))
        else:
            response = await self._call(run, target, run.steps)
        if response.status_code >= 500:
            self.failures.append(response)
        if run.status == "cancelled":
            return  # cancelled while the step ran: Inngest drops its result
        if response.status_code == 200:
            run.status, run.output = "completed", response.json()
        elif response.status_code == 206:
            for op in response.json():
                await self._apply(run, op, target)
        else:
            error = response.json()
            no_retry = response.headers.get("x-inngest-no-retry") == "true"
            if no_retry or run.attempt + 1 >= run.max_attempts:
                self._fail(run, error)
            else:
                run.attempt += 1
                if target != "step":
                    run.planned.insert(0, target)

    async def _apply(self, run: FunctionRun, op: dict[str, Any], target: str) -> None:
        kind, step_id = op["op"], op["id"]
        self.ops.append((op["displayName"], kind))
        if kind == "StepRun":
            self._memoize(run, step_id, {"data": op.get("data")})
        elif kind == "StepPlanned":
            run.planned.append(step_id)
        elif kind == "StepError":
            run.attempt += 1
            if target != "step":
                run.planned.insert(0, target)
        elif kind == "StepFailed":
            self._memoize(run, step_id, {"error": op["error"]})
        elif kind == "WaitForEvent":
            opts = op.get("opts") or {}
            wait = Wait(
                step_id=step_id,
                name=op["displayName"],
                event=op["name"],
                expression=opts.get("if"),
                deadline=self.now + seconds(opts["timeout"]),
            )
            if self.before_wait is not None:
                await self.before_wait(run, wait)
            if run.status == "running":
                run.wait, run.status = wait, "waiting"
        else:
            raise AssertionError(f"unexpected op {op!r}")

    def _memoize(self, run: FunctionRun, step_id: str, memo: Any) -> None:
        run.steps[step_id] = memo
        run.history.append(step_id)
        run.attempt = 0

    def _resume(self, run: FunctionRun, event: dict[str, Any] | None) -> None:
        assert run.wait is not None
        self._memoize(run, run.wait.step_id, event)
        run.wait, run.status = None, "running"

    async def replay_history(self, run: FunctionRun) -> None:
        """Call the function again with every prefix of its step history (results dropped)."""
        await self._probed(
            run,
            [{s: run.steps[s] for s in run.history[:size]} for size in range(len(run.history) + 1)],
        )

    async def _probed(
        self, run: FunctionRun, calls: list[dict[str, Any]], target: str = "step"
    ) -> None:
        before = await self.probe(run) if self.probe else None
        for steps in calls:
            await self._call(run, target, steps)
            self.replays += 1
        after = await self.probe(run) if self.probe else None
        if before != after:
            self.replay_changes.append((before, after))

    async def _call(self, run: FunctionRun, target: str, steps: dict[str, Any]) -> httpx.Response:
        self.requests += 1
        body = {
            "ctx": {
                "attempt": run.attempt,
                "disable_immediate_execution": False,
                "max_attempts": run.max_attempts,
                "run_id": run.run_id,
                "stack": {"stack": [s for s in run.history if s in steps]},
            },
            "event": run.event,
            "events": [run.event],
            "steps": steps,
            "use_api": False,
        }
        params = {"fnId": run.function_id, "stepId": target}
        return await self._http.post(SERVE_PATH, params=params, json=body)

    def _cancel(self, run: FunctionRun) -> None:
        run.status, run.wait = "cancelled", None
        error = {"error": "function cancelled", "message": "function cancelled", "name": "Error"}
        self._system_event(FUNCTION_CANCELLED, run, error)

    def _fail(self, run: FunctionRun, error: dict[str, Any]) -> None:
        run.status, run.error = "failed", error
        payload = {
            "__serialized": True,
            "error": error.get("message", ""),
            "message": error.get("message", ""),
            "name": error.get("name", "Error"),
            "stack": error.get("stack"),
        }
        self._system_event(FUNCTION_FAILED, run, payload)

    def _system_event(self, name: str, run: FunctionRun, error: dict[str, Any]) -> None:
        self.receive(
            {
                "name": name,
                "id": uuid.uuid4().hex,
                "ts": int(self.now * 1000),
                "data": {
                    "error": error,
                    "event": run.event,
                    "events": [run.event],
                    "function_id": run.function_id,
                    "run_id": run.run_id,
                },
            }
        )
