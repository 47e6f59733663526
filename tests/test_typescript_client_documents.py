"""The TypeScript client's operation documents (client/operations; codegen.yml generates the typed
client from them) are valid against the schema, cover what the Agent Progress panel needs, and do
what the panel expects when sent to the running server as the generated client sends them."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLUnionType,
    Node,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    is_abstract_type,
    parse,
    print_ast,
    validate,
    visit,
)

from src.gql.schema import schema
from tests.graphql_client import GraphQLClient

CLIENT = Path(__file__).resolve().parents[1] / "client"
PERSISTED = CLIENT / "generated" / "persisted-documents.json"
SOURCE = "\n".join(p.read_text() for p in sorted((CLIENT / "operations").glob("*.graphql")))
DOCUMENT = parse(SOURCE)
FRAGMENTS = {d.name.value: d for d in DOCUMENT.definitions if isinstance(d, FragmentDefinitionNode)}
OPERATIONS = {
    d.name.value: d
    for d in DOCUMENT.definitions
    if isinstance(d, OperationDefinitionNode) and d.name is not None
}


def spreads(node: Node) -> set[str]:
    """Names of the fragments a node spreads, directly or through other fragments."""
    found: set[str] = set()

    class Spreads(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: Any) -> None:
            found.add(spread.name.value)

    visit(node, Spreads())
    for name in list(found):
        found |= spreads(FRAGMENTS[name])
    return found


def operation(name: str) -> str:
    """One operation with the fragments it uses: the document its generated `…Document` holds."""
    definition = OPERATIONS[name]
    used = [FRAGMENTS[f] for f in sorted(spreads(definition))]
    return print_ast(DocumentNode(definitions=(definition, *used)))


async def send(gql: GraphQLClient, name: str, **variables: Any) -> dict[str, Any]:
    return await gql.execute(operation(name), **variables)


def test_every_operation_document_is_valid_against_the_schema() -> None:
    assert validate(schema._schema, DOCUMENT) == []
    for name in OPERATIONS:
        assert validate(schema._schema, parse(operation(name))) == [], name


def test_documents_cover_every_mutation_the_subscription_and_every_step_type() -> None:
    def root_fields(kind: str) -> set[str]:
        return {
            s.name.value
            for d in OPERATIONS.values()
            if d.operation.value == kind
            for s in d.selection_set.selections
            if isinstance(s, FieldNode)
        }

    graphql_schema = schema._schema
    assert graphql_schema.mutation_type is not None
    assert graphql_schema.subscription_type is not None
    assert root_fields("mutation") == set(graphql_schema.mutation_type.fields)
    assert root_fields("subscription") == set(graphql_schema.subscription_type.fields)

    union = graphql_schema.get_type("WorkflowStep")
    assert isinstance(union, GraphQLUnionType)
    steps = next(
        s
        for s in FRAGMENTS["RunBlock"].selection_set.selections
        if isinstance(s, FieldNode) and s.name.value == "steps"
    )
    assert steps.selection_set is not None
    spread_on = {
        FRAGMENTS[s.name.value].type_condition.name.value
        for s in steps.selection_set.selections
        if isinstance(s, FragmentSpreadNode)
    }
    missing = {member.name for member in union.types} - spread_on
    assert not missing, f"RunBlock spreads no fragment on {sorted(missing)}"


def test_every_polymorphic_field_selects_typename() -> None:
    """Without `__typename` the generated union types could not be narrowed."""
    type_info = TypeInfo(schema._schema)
    polymorphic: list[str] = []
    lacking: list[str] = []

    class Polymorphic(Visitor):
        def enter_field(self, field: FieldNode, *_: Any) -> None:
            named = get_named_type(type_info.get_type())
            if field.selection_set is None or not is_abstract_type(named):
                return
            polymorphic.append(field.name.value)
            if not any(
                isinstance(s, FieldNode) and s.name.value == "__typename"
                for s in field.selection_set.selections
            ):
                lacking.append(field.name.value)

    visit(DOCUMENT, TypeInfoVisitor(type_info, Polymorphic()))
    assert "steps" in polymorphic
    assert lacking == []


def canonical(document: DocumentNode) -> list[str]:
    """The document's definitions with selections, arguments and variables in a fixed order."""

    def sorted_by_text(nodes: Any) -> tuple[Any, ...]:
        return tuple(sorted(nodes or (), key=print_ast))

    def copy(node: Node, **changes: Any) -> Any:
        return type(node)(**{**{k: getattr(node, k) for k in node.keys if k != "loc"}, **changes})

    class Sort(Visitor):
        def leave_selection_set(self, node: SelectionSetNode, *_: Any) -> Any:
            return copy(node, selections=sorted_by_text(node.selections))

        def leave_field(self, node: FieldNode, *_: Any) -> Any:
            return copy(node, arguments=sorted_by_text(node.arguments))

        def leave_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> Any:
            return copy(node, variable_definitions=sorted_by_text(node.variable_definitions))

    return sorted(print_ast(d) for d in visit(document, Sort()).definitions)


@pytest.mark.skipif(not PERSISTED.exists(), reason="client not generated: bash client/check.sh")
def test_the_generated_client_sends_the_documents_these_tests_send() -> None:
    generated = json.loads(PERSISTED.read_text()).values()
    names = set()
    for text in generated:
        document = parse(text)
        (name,) = [
            d.name.value
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode) and d.name
        ]
        names.add(name)
        stale = f"client/generated is stale ({name}): run bash client/check.sh"
        assert canonical(document) == canonical(parse(operation(name))), stale
    assert names == set(OPERATIONS), "client/generated is stale: run bash client/check.sh"


# ---- against the running server ---------------------------------------------------------------


class Panel:
    """What the frontend does: follow `RunChanges` and re-read with `Run` the runs it names."""

    def __init__(self, gql: GraphQLClient, changes: asyncio.Queue[dict[str, Any]]) -> None:
        self.gql = gql
        self.changes = changes
        self.cursor: str | None = None

    async def until(
        self, run_id: str, predicate: Callable[[dict[str, Any]], bool]
    ) -> dict[str, Any]:
        async def loop() -> dict[str, Any]:
            while True:
                batch = (await self.changes.get())["runChanges"]
                assert set(batch) == {"runIds", "cursor"}  # IDs only, never state
                self.cursor = batch["cursor"]
                if run_id in batch["runIds"]:
                    run: dict[str, Any] = (await send(self.gql, "Run", id=run_id))["run"]
                    if predicate(run):
                        return run

        return await asyncio.wait_for(loop(), timeout=20)


@asynccontextmanager
async def follow(gql: GraphQLClient, lecture_id: str, after: str | None = None) -> Any:
    async with gql.subscribe(operation("RunChanges"), lectureId=lecture_id, after=after) as q:
        yield Panel(gql, q)


def waiting(run: dict[str, Any]) -> bool:
    return run["status"] == "WAITING_FOR_INPUT"


def finished(run: dict[str, Any]) -> bool:
    return run["status"] in {"COMPLETED", "FAILED", "CANCELLED"}


def bullets(step: dict[str, Any]) -> list[str]:
    return [m["text"] for m in step["messages"]]


async def new_lecture(gql: GraphQLClient, title: str) -> dict[str, Any]:
    created = (await send(gql, "CreateLecture", input={"title": title}))["createLecture"]
    assert created["userErrors"] == []
    lecture: dict[str, Any] = created["lecture"]
    return lecture


async def start(gql: GraphQLClient, lecture_id: str, workflow: dict[str, Any]) -> dict[str, Any]:
    variables = {"lectureId": lecture_id, "workflow": workflow}
    started = (await send(gql, "StartRun", input=variables))["startRun"]
    assert started["userErrors"] == []
    run: dict[str, Any] = started["run"]
    return run


async def resolve(gql: GraphQLClient, run: dict[str, Any], decision: str, **extra: Any) -> Any:
    (request_id,) = [s["request"]["id"] for s in run["steps"] if s["request"]]
    variables = {"runId": run["id"], "requestId": request_id, "decision": decision, **extra}
    return (await send(gql, "ResolveHumanRequest", input=variables))["resolveHumanRequest"]


async def test_image_run_review_cancel_and_rerun_through_the_client_documents(
    gql: GraphQLClient,
) -> None:
    lecture = await new_lecture(gql, "Volcanoes")
    assert isinstance(lecture["config"]["durationSeconds"], int)
    kinds = (await send(gql, "WorkflowKinds"))["workflowKinds"]
    assert {"image", "full_video"} <= {k["key"] for k in kinds}

    async with follow(gql, lecture["id"]) as live:
        first = await start(gql, lecture["id"], {"image": {"prompt": "a red volcano at dawn"}})
        assert first["title"] == "Generating Image"
        assert [s["__typename"] for s in first["steps"]] == ["ImageGenerationStep"]

        pending = await live.until(first["id"], waiting)
        (step,) = pending["steps"]
        assert (pending["currentStep"], pending["totalSteps"]) == (1, 1)
        assert (pending["canCancel"], pending["canRerun"]) == (True, False)
        assert step["request"]["title"] == "Review Image"
        assert step["review"]["candidate"]["mediaType"] == "image/png"
        assert step["review"]["previous"] is None
        accepted_url = step["review"]["candidate"]["url"]

        decided = await resolve(gql, pending, "ACCEPT")
        assert decided["userErrors"] == []
        done = await live.until(first["id"], finished)
        assert (done["status"], done["canCancel"], done["canRerun"]) == ("COMPLETED", False, True)
        assert done["steps"][0]["decision"] == "ACCEPT"
        assert done["steps"][0]["request"] is None
        resume_from = live.cursor
        late = await resolve(gql, pending, "ACCEPT")
        assert late["userErrors"][0]["code"] == "NOT_PENDING"

        # Cancel at the review, then re-run: the re-run is a new block linked to the old one.
        second = await start(gql, lecture["id"], {"image": {"prompt": "a blue volcano"}})
        pending = await live.until(second["id"], waiting)
        assert pending["steps"][0]["review"]["previous"]["url"] == accepted_url
        cancelled = (await send(gql, "CancelRun", input={"runId": second["id"]}))["cancelRun"]
        assert cancelled["userErrors"] == []
        assert cancelled["run"]["status"] == "CANCELLED"
        assert cancelled["run"]["canRerun"]
        assert bullets(cancelled["run"]["steps"][0])[-1] == "Workflow cancelled by user"
        again = (await send(gql, "CancelRun", input={"runId": second["id"]}))["cancelRun"]
        assert again["userErrors"][0]["code"] == "ALREADY_FINISHED"

        rerun = (await send(gql, "RerunRun", input={"runId": second["id"]}))["rerunRun"]
        assert rerun["userErrors"] == []
        third = rerun["run"]
        assert third["rerunOf"] == {"id": second["id"]}
        assert third["trigger"] == "rerun"
        pending = await live.until(third["id"], waiting)
        assert (await resolve(gql, pending, "REJECT"))["userErrors"] == []
        rejected = await live.until(third["id"], finished)
        assert rejected["steps"][0]["decision"] == "REJECT"

    panel = (await send(gql, "LecturePanel", id=lecture["id"]))["lecture"]
    blocks = panel["runs"]["nodes"]
    assert [b["id"] for b in blocks] == [first["id"], second["id"], third["id"]]
    assert [b["status"] for b in blocks] == ["COMPLETED", "CANCELLED", "COMPLETED"]
    assert panel["runs"]["pageInfo"]["hasNextPage"] is False
    assert panel["image"]["url"] == accepted_url  # the rejected candidate did not replace it

    # A panel that lost its socket subscribes again from the last cursor it saw: nothing missed.
    async with follow(gql, lecture["id"], after=resume_from) as resumed:
        replayed: set[str] = set()
        while not {second["id"], third["id"]} <= replayed:
            batch = await asyncio.wait_for(resumed.changes.get(), timeout=10)
            replayed |= set(batch["runChanges"]["runIds"])
    assert first["id"] not in replayed


async def test_full_video_configuration_review_with_edits_through_the_client_documents(
    gql: GraphQLClient,
) -> None:
    lecture = await new_lecture(gql, "Tides")
    prompt = "A 90 second lecture on tides for kids, 2 images per segment"
    async with follow(gql, lecture["id"]) as live:
        run = await start(gql, lecture["id"], {"fullVideo": {"prompt": prompt}})
        assert (run["title"], run["totalSteps"]) == ("Generating Full Video", 6)

        pending = await live.until(run["id"], waiting)
        configuration = pending["steps"][0]
        assert configuration["__typename"] == "ConfigurationStep"
        assert configuration["request"]["title"] == "Review and Confirm Configuration"
        review = configuration["configurationReview"]
        assert set(review["candidate"]) == set(lecture["config"])  # the whole editable form
        assert review["candidate"]["durationSeconds"] == 90
        assert {c["field"] for c in review["changes"]} >= {"durationSeconds"}

        refused = await resolve(
            gql, pending, "ACCEPT", edits={"configuration": {"durationSeconds": 99999}}
        )
        assert refused["userErrors"][0]["code"] == "INVALID_INPUT"
        assert refused["userErrors"][0]["field"] == ["edits", "configuration", "durationSeconds"]
        edits = {"durationSeconds": 30, "segmentLengthSeconds": 10, "voice": "nova"}
        accepted = await resolve(gql, pending, "ACCEPT", edits={"configuration": edits})
        assert accepted["userErrors"] == []
        done = await live.until(run["id"], finished)

    assert (done["status"], done["currentStep"], done["totalSteps"]) == ("COMPLETED", 6, 6)
    assert [s["__typename"] for s in done["steps"]] == [
        "ConfigurationStep",
        "ScriptStep",
        "SegmentImagesStep",
        "NarrationStep",
        "BackgroundScoreStep",
        "TimelineStep",
    ]
    configuration, script, images, narration, score, timeline = done["steps"]
    assert configuration["savedConfiguration"]["voice"] == "nova"
    assert configuration["configurationReview"] is None
    assert len(script["scriptSegments"]) == 3
    assert [len(s["images"]) for s in images["segmentImages"]] == [2, 2, 2]
    assert [f["audio"]["mediaType"] for f in narration["files"]] == ["audio/wav"] * 3
    assert score["music"]["mediaType"] == "audio/wav"
    assert len(timeline["timeline"]["segments"]) == 3
    assert bullets(timeline) == ["Timeline is generated. Your video is ready to play"]

    panel = (await send(gql, "LecturePanel", id=lecture["id"]))["lecture"]
    assert panel["config"]["voice"] == "nova"
    assert panel["timeline"] == timeline["timeline"]


@pytest.mark.parametrize(
    ("sentence", "step_type", "button"),
    [
        (
            "Redo the narration of segment 1 with more energy",
            "NarrationGenerationStep",
            "Review Narration",
        ),
        (
            "Replace the soundtrack with calm piano music",
            "ScoreGenerationStep",
            "Review Background Score",
        ),
    ],
)
async def test_audio_reviews_started_from_a_sentence_through_the_client_documents(
    gql: GraphQLClient, sentence: str, step_type: str, button: str
) -> None:
    lecture = await new_lecture(gql, "Tides")
    async with follow(gql, lecture["id"]) as live:
        variables = {"lectureId": lecture["id"], "prompt": sentence}
        started = (await send(gql, "StartRunFromPrompt", input=variables))["startRunFromPrompt"]
        assert started["userErrors"] == []
        run = started["run"]
        assert run["origin"]["request"] == sentence
        pending = await live.until(run["id"], waiting)
        (step,) = pending["steps"]
        assert (step["__typename"], step["request"]["title"]) == (step_type, button)
        assert step["review"]["candidate"]["mediaType"] == "audio/wav"
        assert step["review"]["candidate"]["durationSeconds"] > 0
        assert (await resolve(gql, pending, "REJECT"))["userErrors"] == []
        done = await live.until(run["id"], finished)
    assert done["steps"][0]["decision"] == "REJECT"
    assert done["steps"][0]["candidate"]["url"] == step["review"]["candidate"]["url"]
