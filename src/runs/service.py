"""`WorkflowService`: start, decide, cancel, re-run and resume — the rules behind every mutation.

Each operation checks the persisted state, writes its transition (the database is the truth),
and only then tells the engine. Refused operations raise an `AppError` and change nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from src.assets.library import AssetLibrary
from src.auth.viewer import Viewer
from src.errors import (
    AlreadyFinished,
    Conflict,
    InvalidInput,
    NotFinished,
    NotFound,
    NotPending,
)
from src.lectures.config import LectureConfig, RunLimits, edited_config
from src.lectures.repository import Lecture, LecturePage, LectureRepository
from src.providers.ports import Providers
from src.runs.engine import RunEngine
from src.runs.follow_ups import RERUN, RETRY, FollowUpTaken, create_follow_up, open_follow_up
from src.runs.history import RunHistory
from src.state.events import HumanInputResolved, RunCancelled
from src.state.model import (
    Decision,
    HumanDecision,
    HumanRequest,
    RunOrigin,
    RunState,
    RunStatus,
    StepState,
)
from src.state.payloads import Payload
from src.state.resume import resumed_at, resumed_state, start_choices
from src.state.store import NewRun, RunRecord, RunStore
from src.steps.intake import kind_input, route_request
from src.steps.registry import get_kind

MAX_TITLE = 200
MAX_PROMPT = 4000


class WorkflowService:
    def __init__(
        self,
        *,
        store: RunStore,
        lectures: LectureRepository,
        assets: AssetLibrary,
        engine: RunEngine,
        providers: Providers | None = None,
        limits: RunLimits | None = None,
    ) -> None:
        self.runs = store
        self._lectures = lectures
        self._assets = assets
        self.engine = engine
        self.providers = providers
        self.limits = limits or RunLimits()
        self.history = RunHistory(store.engine)

    async def create_lecture(
        self, viewer: Viewer, *, title: str, prompt: str, config: LectureConfig | None = None
    ) -> Lecture:
        title = title.strip()
        if not title or len(title) > MAX_TITLE:
            raise InvalidInput(f"A title has 1 to {MAX_TITLE} characters.", field=("title",))
        if len(prompt) > MAX_PROMPT:
            raise InvalidInput(f"A prompt has at most {MAX_PROMPT} characters.", field=("prompt",))
        return await self._lectures.create(
            owner_id=viewer.id, title=title, prompt=prompt, config=config
        )

    async def lecture(self, viewer: Viewer, lecture_id: UUID) -> Lecture:
        lecture = await self._lectures.get(lecture_id, owner_id=viewer.id)
        if lecture is None:
            raise NotFound("No such lecture.", field=("lectureId",))
        return lecture

    async def lectures(self, viewer: Viewer, *, first: int, after: str | None) -> LecturePage:
        """The viewer's lectures, newest first."""
        return await self._lectures.page(viewer.id, first=first, after=after)

    async def update_lecture_config(
        self, viewer: Viewer, lecture_id: UUID, edits: Mapping[str, Any]
    ) -> Lecture:
        """Save edited settings, validated as the configuration review validates them; a
        refusal names the setting under `configuration` and saves nothing."""
        lecture = await self.lecture(viewer, lecture_id)
        try:
            config = edited_config(lecture.config, edits)
        except InvalidInput as error:
            raise InvalidInput(error.message, field=("configuration", *error.field)) from None
        await self._lectures.save_config(lecture.id, prompt=lecture.prompt, config=config)
        return await self.lecture(viewer, lecture_id)

    async def run(self, viewer: Viewer, run_id: UUID) -> RunRecord:
        record = await self.runs.get(run_id, owner_id=viewer.id)
        if record is None:
            raise NotFound("No such run.", field=("runId",))
        return record

    async def start(
        self,
        viewer: Viewer,
        *,
        lecture_id: UUID,
        kind_key: str,
        raw_input: Mapping[str, Any],
        trigger: str = "api",
        rerun_of: UUID | None = None,
        origin: RunOrigin | None = None,
        resume: tuple[RunState, str] | None = None,
    ) -> RunRecord:
        """Create the run and hand it to the engine. `rerun_of`: the run it follows up, which
        may have only one unfinished follow-up (`FollowUpTaken`). `resume`: the run it resumes
        (its state) and the step to start at; the steps before it are taken over
        (`src.state.resume`)."""
        lecture = await self.lecture(viewer, lecture_id)
        kind = get_kind(kind_key)
        parsed = kind.parse_input(raw_input)
        if kind.check_input is not None:
            kind.check_input(parsed, lecture)
        now = datetime.now(UTC)
        state = kind.initial_state(now, origin)
        if resume is not None:
            state = resumed_state(state, resume[0], resume[1], now)
        new = NewRun(
            id=uuid.uuid4(),
            owner_id=viewer.id,
            lecture_id=lecture.id,
            kind=kind.key,
            state=state,
            input=parsed.model_dump(mode="json"),
            triggered_by=viewer.id,
            trigger=trigger,
            rerun_of=rerun_of,
        )
        if rerun_of is None:
            record = await self.runs.create(new)
        else:
            record = await create_follow_up(self.runs, new)
        await self.engine.submit(record)
        return record

    async def start_from_prompt(
        self, viewer: Viewer, *, lecture_id: UUID, prompt: str
    ) -> RunRecord:
        """Let the text model choose the workflow a sentence asks for, then start it."""
        prompt = prompt.strip()
        if not prompt or len(prompt) > MAX_PROMPT:
            raise InvalidInput(f"A prompt has 1 to {MAX_PROMPT} characters.", field=("prompt",))
        if self.providers is None:
            raise InvalidInput("This server cannot route prompts.", field=("prompt",))
        lecture = await self.lecture(viewer, lecture_id)
        routed = await route_request(self.providers, lecture.config, prompt)
        kind = get_kind(routed.kind)
        try:
            return await self.start(
                viewer,
                lecture_id=lecture_id,
                kind_key=kind.key,
                raw_input=kind_input(routed, kind),
                trigger="prompt",
                origin=RunOrigin(request=prompt, reason=routed.reason),
            )
        except InvalidInput as error:
            # The input came from the sentence: that is the field to fix.
            raise InvalidInput(error.message, field=("prompt",)) from error

    async def decide(
        self,
        viewer: Viewer,
        *,
        run_id: UUID,
        request_id: str,
        decision: Decision,
        edited: Mapping[str, Any] | None = None,
        feedback: str | None = None,
        choice: UUID | None = None,
        version: int | None = None,
    ) -> RunRecord:
        """Record a person's answer. With `version` (the request version they were looking at),
        an answer to a request re-issued since, or to a run that has moved on, is refused with
        a Conflict; the check is part of the same guarded write as the pending check."""
        record = await self.run(viewer, run_id)
        kind = get_kind(record.kind)

        def pending(state: RunState) -> tuple[StepState, HumanRequest]:
            found = None if state.status.is_terminal else state.pending_request()
            if version is not None and (
                found is None or found[1].id != request_id or found[1].version != version
            ):
                raise Conflict(
                    "This review changed since you opened it (it was answered or asked again). "
                    "Look at it again and decide.",
                    field=("version",),
                )
            if state.status.is_terminal:
                raise NotPending("This run has finished; the request is no longer pending.")
            if found is None or found[1].id != request_id:
                raise NotPending(f"Request {request_id!r} is not pending.", field=("requestId",))
            return found

        step, request = pending(record.state)
        edited_payload: Payload | None = None
        if edited is not None:
            validator = kind.edit_validators.get(request_id)
            if validator is None:
                raise InvalidInput("This request cannot be edited.", field=("edits",))
            if decision is not Decision.ACCEPT:
                raise InvalidInput("Only an accepted request carries edits.", field=("edits",))
            edited_payload = validator(request, edited)
        feedback = _checked_feedback(request, decision, feedback)
        _check_choice(request, decision, choice)
        check = kind.accept_checks.get(request_id)
        if decision is Decision.ACCEPT and check is not None:
            check(request.payload if edited_payload is None else edited_payload, self.limits)
        event = HumanInputResolved(
            step=step.key,
            decision=HumanDecision(
                request_id=request_id,
                decision=decision,
                edited_payload=edited_payload,
                feedback=feedback,
                choice=choice,
                reviewed=request.payload,
                decided_by=str(viewer.id),
                decided_at=datetime.now(UTC),
            ),
            summary="Decision received",
            at=datetime.now(UTC),
        )
        # Checked again on the fresh state inside the write, so two racing decisions
        # cannot both land, nor one made on a request that was re-issued meanwhile.
        applied = await self.runs.apply(run_id, [event], guard=pending)
        await self.engine.decision_recorded(applied.record, request_id)
        return applied.record

    async def cancel(self, viewer: Viewer, run_id: UUID) -> RunRecord:
        record = await self.run(viewer, run_id)
        kind = get_kind(record.kind)

        # Checked on the fresh state inside the write, which a racing decision's write
        # serializes with: exactly one of the two lands.
        def running(state: RunState) -> None:
            if state.status.is_terminal:
                raise AlreadyFinished(f"This run has already {state.status.value}.")
            if kind.settled(state):
                raise Conflict(
                    "The review was already decided and the run is carrying out that decision, "
                    "so it can no longer be cancelled."
                )

        applied = await self.runs.apply(
            run_id, [RunCancelled(by=str(viewer.id), at=datetime.now(UTC))], guard=running
        )
        await self._assets.discard_candidates_of_run(run_id)
        await self.engine.cancel_requested(applied.record)
        return applied.record

    async def rerun(self, viewer: Viewer, run_id: UUID) -> RunRecord:
        """Start a finished run again from its first step, as a new run linked to it. While
        an earlier re-run of it has not finished, that run is the answer (see `_follow_up`)."""
        old = await self.run(viewer, run_id)
        if not old.state.status.is_terminal:
            raise NotFinished("Only a finished run can be re-run; cancel it first.")
        return await self._follow_up(
            viewer,
            old,
            RERUN,
            None,
            lambda: self.start(
                viewer,
                lecture_id=old.lecture_id,
                kind_key=old.kind,
                raw_input=old.input,
                trigger=RERUN,
                rerun_of=old.id,
            ),
        )

    async def retry(self, viewer: Viewer, run_id: UUID, from_step: str | None = None) -> RunRecord:
        """Resume a failed, cancelled or interrupted run as a new run linked to it (trigger
        `retry`): the steps it completed before `from_step` (default: the step where it
        stopped) are taken over with their outputs, so no model call is made for them again.
        While an earlier resume of it from the same step has not finished, that run is the
        answer (see `_follow_up`)."""
        old = await self.run(viewer, run_id)
        status = old.state.status
        if not status.is_terminal:
            raise NotFinished("Only a finished run can be resumed; cancel it first.")
        if status is RunStatus.COMPLETED:
            raise AlreadyFinished("This run completed, so there is nothing to resume; re-run it.")
        kind = get_kind(old.kind)
        choices = start_choices(old.state, kind.resumable_steps)
        start_at = choices[-1] if from_step is None else from_step
        step = old.state.step(start_at)
        if step is None:
            raise InvalidInput(f"This run has no step {start_at!r}.", field=("fromStep",))
        if start_at not in choices:
            stopped = old.state.step(choices[-1])
            title = stopped.title if stopped is not None else choices[-1]
            raise InvalidInput(
                f"a resume starts at the step where the run stopped ({title}) or an earlier one",
                field=("fromStep",),
            )
        return await self._follow_up(
            viewer,
            old,
            RETRY,
            start_at,
            lambda: self.start(
                viewer,
                lecture_id=old.lecture_id,
                kind_key=old.kind,
                raw_input=old.input,
                trigger=RETRY,
                rerun_of=old.id,
                origin=old.state.origin,
                resume=(old.state, start_at),
            ),
        )

    async def _follow_up(
        self,
        viewer: Viewer,
        old: RunRecord,
        trigger: str,
        start_at: str | None,
        begin: Callable[[], Awaitable[RunRecord]],
    ) -> RunRecord:
        """`begin()` the follow-up of `old`, unless `old` already has one that has not
        finished (the database allows one: `src.runs.follow_ups`). That one is the answer
        when it is what this request asks for (the same trigger and, for a resume, the same
        step): a double click or a second tab gets the run the first click started, not a
        second one. A different request is refused with a Conflict that says which one runs."""
        for _ in range(FOLLOW_UP_ATTEMPTS):
            try:
                return await begin()
            except FollowUpTaken:
                existing = await open_follow_up(self.runs, old.id, owner_id=viewer.id)
            if existing is None:
                continue  # it finished in between: this request may start the next one
            if existing.trigger == trigger and (
                trigger != RETRY or resumed_at(existing.state) == start_at
            ):
                return existing
            raise Conflict(_follow_up_taken(old.state, existing, trigger))
        raise Conflict("This run was just re-run or resumed. Look at its newest run and try again.")


FOLLOW_UP_ATTEMPTS = 3
"""Tries to start a follow-up when the one in the way keeps finishing just before it is read."""


def _follow_up_taken(old: RunState, existing: RunRecord, wanted: str) -> str:
    """Why a re-run or resume of `old` is refused while `existing`, a different one, runs."""
    if existing.trigger != RETRY:
        going, then = "re-run", "resume this one"
    elif wanted != RETRY:
        going, then = "resumed", "re-run this one"
    else:
        key = resumed_at(existing.state)
        step = None if key is None else old.step(key)
        going = f'resumed from "{step.title if step is not None else key}"'
        then = "resume this one from another step"
    return (
        f"This run is already being {going}, and that run has not finished. "
        f"Cancel that run, or wait until it finishes, to {then}."
    )


MAX_FEEDBACK = 2000


def _checked_feedback(
    request: HumanRequest, decision: Decision, feedback: str | None
) -> str | None:
    """The feedback of a request for changes, refused where it does not belong."""
    if decision is not Decision.REQUEST_CHANGES:
        if feedback is not None:
            raise InvalidInput(
                "Feedback goes with a request for changes only.", field=("feedback",)
            )
        return None
    if request.change_rounds_left is None:
        raise InvalidInput(
            "This review does not take requests for changes; accept or reject it.",
            field=("decision",),
        )
    if request.change_rounds_left <= 0:
        raise InvalidInput(
            "All rounds of changes have been used; accept or reject this one.",
            field=("decision",),
        )
    text = (feedback or "").strip()
    if not text:
        raise InvalidInput("Say what should change.", field=("feedback",))
    if len(text) > MAX_FEEDBACK:
        raise InvalidInput(f"Feedback has at most {MAX_FEEDBACK} characters.", field=("feedback",))
    return text


def _check_choice(request: HumanRequest, decision: Decision, choice: UUID | None) -> None:
    """A choice names one of the request's candidates, and only with an accept; an accept
    among several candidates must make one."""
    if choice is not None and decision is not Decision.ACCEPT:
        raise InvalidInput("Only an accept picks a candidate.", field=("choice",))
    if decision is not Decision.ACCEPT:
        return
    if choice is None:
        if len(request.choices) > 1:
            raise InvalidInput(
                f"Pick one of the {len(request.choices)} candidates to accept.",
                field=("choice",),
            )
        return
    if choice not in (request.choices or _single(request)):
        raise InvalidInput("That is not one of this review's candidates.", field=("choice",))


def _single(request: HumanRequest) -> tuple[UUID, ...]:
    """The one candidate of a review without variations (none for other reviews)."""
    candidate = getattr(request.payload, "candidate", None)
    found = getattr(candidate, "id", None)
    return (found,) if isinstance(found, UUID) else ()
