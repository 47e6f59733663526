"""Mutations: one input object each, and a payload with typed user errors."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry import relay

from src.errors import AppError, InvalidInput
from src.gql.context import Info
from src.gql.errors import UserError, decode_id
from src.gql.lecture_node import Lecture
from src.gql.pydantic_types import LectureConfigurationEdit, input_type_of
from src.gql.run_node import WorkflowRun
from src.gql.workflow_input import WorkflowInput, chosen_workflow, in_workflow_input
from src.state import model
from src.state.store import RunRecord
from src.steps.registry import KINDS


@strawberry.input(description="Create a lecture.")
class CreateLectureInput:
    title: str = strawberry.field(description="1 to 200 characters.")
    prompt: str = strawberry.field(default="", description="What the lecture is about.")


@strawberry.type(description="The result of createLecture.")
class CreateLecturePayload:
    lecture: Lecture | None = strawberry.field(description="The new lecture, unless refused.")
    user_errors: list[UserError] = strawberry.field(description="Why it was refused, if it was.")


@strawberry.input(description="Start a workflow on a lecture.")
class StartRunInput:
    lecture_id: relay.GlobalID = strawberry.field(description="The lecture to work on.")
    workflow: WorkflowInput = strawberry.field(  # type: ignore[valid-type]
        description="Which workflow, with its input."
    )


@strawberry.input(description="Start whichever workflow a sentence asks for.")
class StartRunFromPromptInput:
    lecture_id: relay.GlobalID = strawberry.field(description="The lecture to work on.")
    prompt: str = strawberry.field(
        description='What the person wants, e.g. "Make a 2 minute video on tides for kids".'
    )


def _build_edits() -> type:
    """`HumanRequestEdits`: @oneOf, the configuration review's edit plus one field per
    `EditInput` a registered kind declares (its input type derived from the edit's model)."""
    annotations: dict[str, Any] = {"configuration": LectureConfigurationEdit | None}
    namespace: dict[str, Any] = {
        "__annotations__": annotations,
        "configuration": strawberry.field(
            default=strawberry.UNSET, description='Edits in "Review and Confirm Configuration".'
        ),
    }
    for kind in KINDS:
        for edit in kind.edit_inputs:
            annotations[edit.name] = input_type_of(edit.model) | None
            namespace[edit.name] = strawberry.field(
                default=strawberry.UNSET, description=edit.description
            )

    def as_mapping(self: Any) -> dict[str, Any]:
        for name in annotations:
            value = getattr(self, name, strawberry.UNSET)
            if value is strawberry.UNSET or value is None:
                continue
            if name == "configuration":
                return _edits(value)
            dumped: dict[str, Any] = value.to_pydantic().model_dump()
            return dumped
        return {}

    namespace["as_mapping"] = as_mapping
    return strawberry.input(
        one_of=True,
        name="HumanRequestEdits",
        description="An edited review payload; one field per editable review.",
    )(type("HumanRequestEdits", (), namespace))


HumanRequestEdits: Any = _build_edits()


@strawberry.input(description="Answer a pending human-in-the-loop request.")
class ResolveHumanRequestInput:
    run_id: relay.GlobalID = strawberry.field(description="The run that asks.")
    request_id: str = strawberry.field(description="HumanRequest.id of the pending request.")
    decision: model.Decision = strawberry.field(
        description="Accept (confirm), reject (cancel), or request changes (where the request's "
        "changeRoundsLeft is above 0)."
    )
    edits: HumanRequestEdits | None = strawberry.field(
        default=None, description="Changes made in an editable review; only with ACCEPT."
    )
    feedback: str | None = strawberry.field(
        default=None,
        description="What should change: required (not blank, at most 2,000 characters) with "
        "REQUEST_CHANGES, refused otherwise.",
    )
    choice: strawberry.ID | None = strawberry.field(
        default=None,
        description="With ACCEPT: the id of the candidate picked (one of the review's "
        "`candidates`); required when there are several.",
    )
    version: int | None = strawberry.field(
        default=None,
        description="HumanRequest.version the person was looking at. If the request was "
        "re-issued or the run moved on since, the decision is refused with CONFLICT and "
        "changes nothing. Omitted: no check.",
    )


@strawberry.input(description="Change a lecture's saved settings (the Configuration tab).")
class UpdateLectureConfigurationInput:
    lecture_id: relay.GlobalID = strawberry.field(description="The lecture.")
    configuration: LectureConfigurationEdit = strawberry.field(
        description="The settings to change; omitted ones keep their saved value."
    )


@strawberry.type(description="The result of updateLectureConfiguration.")
class UpdateLectureConfigurationPayload:
    lecture: Lecture | None = strawberry.field(description="The lecture as saved, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why it was refused, if it was; then nothing was saved."
    )


def _edits(edit: Any) -> dict[str, Any]:
    """The fields a LectureConfigurationEdit sets."""
    return {k: v for k, v in edit.to_pydantic().model_dump().items() if v is not None}


def _asset_id(value: str) -> uuid.UUID:
    """An Asset id (a UUID), or a typed refusal naming the `choice` field."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise InvalidInput(
            "That is not one of this review's candidates.", field=("choice",)
        ) from None


@strawberry.input(description="Identify a run.")
class RunInput:
    run_id: relay.GlobalID = strawberry.field(description="The run.")


@strawberry.input(description="Resume a failed, cancelled or interrupted run.")
class RetryRunInput:
    run_id: relay.GlobalID = strawberry.field(description="The run to resume.")
    from_step: str | None = strawberry.field(
        default=None,
        description="The step key to start at (one of the run's `retrySteps`); by default the "
        "step where the run stopped.",
    )


@strawberry.type(description="The result of a run mutation.")
class RunPayload:
    run: WorkflowRun | None = strawberry.field(description="The run after the mutation.")
    user_errors: list[UserError] = strawberry.field(description="Why it was refused, if it was.")


async def _run_payload(action: Callable[[], Awaitable[RunRecord]]) -> RunPayload:
    try:
        record = await action()
    except AppError as error:
        return RunPayload(run=None, user_errors=[UserError.from_error(error)])
    return RunPayload(run=WorkflowRun.of(record), user_errors=[])


@strawberry.type(description="What a viewer can do.")
class Mutation:
    @strawberry.mutation(description="Create a lecture with default configuration.")
    async def create_lecture(self, info: Info, input: CreateLectureInput) -> CreateLecturePayload:
        try:
            record = await info.context.service.create_lecture(
                info.context.viewer, title=input.title, prompt=input.prompt
            )
        except AppError as error:
            return CreateLecturePayload(lecture=None, user_errors=[UserError.from_error(error)])
        return CreateLecturePayload(lecture=Lecture.of(record), user_errors=[])

    @strawberry.mutation(
        description="Save edited settings of a lecture, validated as the configuration review "
        "validates them; a refusal saves nothing."
    )
    async def update_lecture_configuration(
        self, info: Info, input: UpdateLectureConfigurationInput
    ) -> UpdateLectureConfigurationPayload:
        try:
            record = await info.context.service.update_lecture_config(
                info.context.viewer,
                decode_id(input.lecture_id, "Lecture", "lectureId"),
                _edits(input.configuration),
            )
        except AppError as error:
            return UpdateLectureConfigurationPayload(
                lecture=None, user_errors=[UserError.from_error(error)]
            )
        return UpdateLectureConfigurationPayload(lecture=Lecture.of(record), user_errors=[])

    @strawberry.mutation(description="Start a workflow; it appears after the lecture's other runs.")
    async def start_run(self, info: Info, input: StartRunInput) -> RunPayload:
        async def start() -> RunRecord:
            lecture_id = decode_id(input.lecture_id, "Lecture", "lectureId")
            kind, raw = chosen_workflow(input.workflow)
            try:
                return await info.context.service.start(
                    info.context.viewer, lecture_id=lecture_id, kind_key=kind.key, raw_input=raw
                )
            except InvalidInput as error:
                raise in_workflow_input(kind, error) from error

        return await _run_payload(start)

    @strawberry.mutation(
        description="Start the workflow a sentence asks for; the run's `origin` says why."
    )
    async def start_run_from_prompt(self, info: Info, input: StartRunFromPromptInput) -> RunPayload:
        async def start() -> RunRecord:
            return await info.context.service.start_from_prompt(
                info.context.viewer,
                lecture_id=decode_id(input.lecture_id, "Lecture", "lectureId"),
                prompt=input.prompt,
            )

        return await _run_payload(start)

    @strawberry.mutation(
        description="Accept, reject or request changes to the pending human-in-the-loop request."
    )
    async def resolve_human_request(
        self, info: Info, input: ResolveHumanRequestInput
    ) -> RunPayload:
        async def decide() -> RunRecord:
            return await info.context.service.decide(
                info.context.viewer,
                run_id=decode_id(input.run_id, "WorkflowRun", "runId"),
                request_id=input.request_id,
                decision=input.decision,
                edited=None if input.edits is None else input.edits.as_mapping(),
                feedback=input.feedback,
                choice=None if input.choice is None else _asset_id(input.choice),
                version=input.version,
            )

        return await _run_payload(decide)

    @strawberry.mutation(description="Cancel a run that has not finished.")
    async def cancel_run(self, info: Info, input: RunInput) -> RunPayload:
        async def cancel() -> RunRecord:
            run_id = decode_id(input.run_id, "WorkflowRun", "runId")
            return await info.context.service.cancel(info.context.viewer, run_id)

        return await _run_payload(cancel)

    @strawberry.mutation(
        description="Start a finished run again, as a new run linked to it (`rerunOf`). A run "
        "has one unfinished re-run or resume at a time: while its re-run has not finished, "
        "this returns that run (a double click starts one run); while its resume has not "
        "finished, it is refused with CONFLICT."
    )
    async def rerun_run(self, info: Info, input: RunInput) -> RunPayload:
        async def rerun() -> RunRecord:
            run_id = decode_id(input.run_id, "WorkflowRun", "runId")
            return await info.context.service.rerun(info.context.viewer, run_id)

        return await _run_payload(rerun)

    @strawberry.mutation(
        description="Resume a failed, cancelled or interrupted run as a new run linked to it "
        "(`retryOf`): the steps it completed before `fromStep` are reused with their outputs, "
        "not done again. A run has one unfinished re-run or resume at a time: while its resume "
        "from the same step has not finished, this returns that run (a double click starts one "
        "run); while a different one has not finished, it is refused with CONFLICT."
    )
    async def retry_run(self, info: Info, input: RetryRunInput) -> RunPayload:
        async def retry() -> RunRecord:
            run_id = decode_id(input.run_id, "WorkflowRun", "runId")
            return await info.context.service.retry(info.context.viewer, run_id, input.from_step)

        return await _run_payload(retry)
