"""The panel's GraphQL documents — declared next to its components in web/src (`graphql(...)`),
generated into web/src/gql by codegen.yml — are valid against the schema, cover what the Agent
Progress panel needs, and do what the panel expects when sent to the running server exactly as
the generated client sends them (web/src/gql/persisted-documents.json)."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
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
from strawberry import relay

from src.gql.schema import schema
from src.resources import Resources
from src.runs.change_stream import decode_feed_cursor
from tests.graphql_client import GraphQLClient

WEB = Path(__file__).resolve().parents[1] / "web"
PERSISTED = WEB / "src" / "gql" / "persisted-documents.json"
SENT = list(json.loads(PERSISTED.read_text()).values())
"""Every operation as the panel sends it: one document each, with the fragments it uses."""
OPERATIONS = {
    definition.name.value: text
    for text in SENT
    for definition in parse(text).definitions
    if isinstance(definition, OperationDefinitionNode) and definition.name is not None
}
FRAGMENTS = {
    definition.name.value: definition
    for text in SENT
    for definition in parse(text).definitions
    if isinstance(definition, FragmentDefinitionNode)
}
GRAPHQL_TAG = re.compile(r"graphql\(`([^`]*)`\)")
"""A `graphql(\\`…\\`)` document in a web/src module (they never contain a backtick)."""


async def send(gql: GraphQLClient, name: str, **variables: Any) -> dict[str, Any]:
    return await gql.execute(OPERATIONS[name], **variables)


def test_every_document_the_panel_sends_is_valid_against_the_schema() -> None:
    assert len(OPERATIONS) == len(SENT)  # one named operation per document
    for name, text in OPERATIONS.items():
        assert validate(schema._schema, parse(text)) == [], name


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


def test_the_generated_client_holds_exactly_the_documents_of_the_web_sources() -> None:
    """A document edited in a component without re-running codegen fails here."""
    sources = sorted(p for p in (WEB / "src").rglob("*.ts*") if "gql" not in p.parts)
    written = [
        definition
        for path in sources
        for text in GRAPHQL_TAG.findall(path.read_text())
        for definition in canonical(parse(text))
    ]
    generated = {definition for text in SENT for definition in canonical(parse(text))}
    stale = "web/src/gql is stale: run `npm --prefix web run codegen`"
    assert sorted(set(written)) == sorted(generated), stale
    assert len(written) == len(set(written)), "a fragment or operation is declared twice"


def test_documents_cover_every_mutation_the_subscription_and_every_step_type() -> None:
    def root_fields(kind: str) -> set[str]:
        return {
            s.name.value
            for text in SENT
            for d in parse(text).definitions
            if isinstance(d, OperationDefinitionNode) and d.operation.value == kind
            for s in d.selection_set.selections
            if isinstance(s, FieldNode)
        }

    graphql_schema = schema._schema
    assert graphql_schema.mutation_type is not None
    assert graphql_schema.subscription_type is not None
    assert root_fields("mutation") == set(graphql_schema.mutation_type.fields)
    assert root_fields("subscription") == set(graphql_schema.subscription_type.fields)

    # The run block spreads one fragment per member of the WorkflowStep union (each step
    # component's own), so the panel can render every step type.
    union = graphql_schema.get_type("WorkflowStep")
    assert isinstance(union, GraphQLUnionType)
    steps = next(
        s
        for s in FRAGMENTS["RunBlock_run"].selection_set.selections
        if isinstance(s, FieldNode) and s.name.value == "steps"
    )
    assert steps.selection_set is not None
    spread_on = {
        FRAGMENTS[s.name.value].type_condition.name.value
        for s in steps.selection_set.selections
        if isinstance(s, FragmentSpreadNode)
    }
    missing = {member.name for member in union.types} - spread_on
    assert not missing, f"RunBlock_run spreads no fragment on {sorted(missing)}"


def test_the_configuration_form_shows_every_setting() -> None:
    """The form the Configuration tab and the configuration review share edits every field."""
    configuration = schema._schema.get_type("LectureConfiguration")
    assert isinstance(configuration, GraphQLObjectType)
    form = FRAGMENTS["ConfigurationForm_configuration"]
    selected = {s.name.value for s in form.selection_set.selections if isinstance(s, FieldNode)}
    assert selected == set(configuration.fields)


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

    for text in SENT:
        visit(parse(text), TypeInfoVisitor(type_info, Polymorphic()))
    assert {"steps", "nodes"} <= set(polymorphic)
    assert lacking == []


# ---- against the running server ---------------------------------------------------------------


class Panel:
    """What the panel's live hook does: follow `LectureRunChanges` and re-read the runs it
    names with `RunsByIds`, in one request."""

    def __init__(self, gql: GraphQLClient, changes: asyncio.Queue[dict[str, Any]]) -> None:
        self.gql = gql
        self.changes = changes
        self.cursor: str | None = None

    async def first(self) -> str:
        """Subscribed without `after`: the first message names no run and gives the cursor."""
        batch = (await asyncio.wait_for(self.changes.get(), timeout=10))["runChanges"]
        assert batch["runIds"] == []
        self.cursor = batch["cursor"]
        assert isinstance(self.cursor, str)
        return self.cursor

    async def until(
        self, run_id: str, predicate: Callable[[dict[str, Any]], bool]
    ) -> dict[str, Any]:
        async def loop() -> dict[str, Any]:
            while True:
                batch = (await self.changes.get())["runChanges"]
                assert set(batch) == {"runIds", "cursor"}  # IDs only, never state
                self.cursor = batch["cursor"]
                if run_id in batch["runIds"]:
                    nodes = (await send(self.gql, "RunsByIds", ids=batch["runIds"]))["nodes"]
                    (run,) = [n for n in nodes if n["id"] == run_id]
                    assert run["__typename"] == "WorkflowRun"
                    if predicate(run):
                        return run

        return await asyncio.wait_for(loop(), timeout=20)

    async def told_of(self, position: int) -> str:
        """Read batches until the cursor covers `position` (a run change's transaction ID):
        a re-read can show a run's last change before the feed has delivered it, and a cursor
        taken then would rightly replay that change."""

        async def loop() -> str:
            while self.cursor is None or decode_feed_cursor(self.cursor).position < position:
                self.cursor = (await self.changes.get())["runChanges"]["cursor"]
            return self.cursor

        return await asyncio.wait_for(loop(), timeout=20)


@asynccontextmanager
async def follow(gql: GraphQLClient, lecture_id: str, after: str | None = None) -> Any:
    query = OPERATIONS["LectureRunChanges"]
    async with gql.subscribe(query, lectureId=lecture_id, after=after) as q:
        panel = Panel(gql, q)
        if after is None:
            await panel.first()
        yield panel


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
    (request_id,) = [s["request"]["id"] for s in run["steps"] if s.get("request")]
    variables = {"runId": run["id"], "requestId": request_id, "decision": decision, **extra}
    return (await send(gql, "ResolveHumanRequest", input=variables))["resolveHumanRequest"]


async def lecture_page(gql: GraphQLClient, lecture_id: str) -> dict[str, Any]:
    lecture: dict[str, Any] = (await send(gql, "LecturePanel", id=lecture_id))["lecture"]
    return lecture


async def test_image_run_review_cancel_and_rerun_through_the_panel_documents(
    gql: GraphQLClient, resources: Resources
) -> None:
    lecture = await new_lecture(gql, "Volcanoes")

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
        assert bullets(done["steps"][0])[-1] == "The image is now saved and will be used in video"
        assert done["steps"][0]["request"] is None  # no button remains
        # Resume from a cursor that covers the first run's last change (the re-read above may
        # have shown it before the feed delivered it).
        last = await resources.store.require(UUID(relay.GlobalID.from_id(first["id"]).node_id))
        resume_from = await live.told_of(last.change_xid)
        late = await resolve(gql, pending, "ACCEPT")
        assert late["userErrors"][0]["code"] == "NOT_PENDING"

        # Cancel at the review, then re-run: the re-run is a new block after the old one.
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
        assert third["id"] != second["id"]
        assert third["createdAt"] > second["createdAt"]
        pending = await live.until(third["id"], waiting)
        assert (await resolve(gql, pending, "REJECT"))["userErrors"] == []
        rejected = await live.until(third["id"], finished)
        assert bullets(rejected["steps"][0])[-1] == (
            "The image is not selected. You can try another generation"
        )

    runs = (await send(gql, "LectureRuns", id=lecture["id"], first=20, after=None))["lecture"]
    blocks = runs["runs"]["nodes"]  # newest first; the panel shows them oldest first
    assert [b["id"] for b in reversed(blocks)] == [first["id"], second["id"], third["id"]]
    assert [b["status"] for b in reversed(blocks)] == ["COMPLETED", "CANCELLED", "COMPLETED"]
    assert runs["runs"]["pageInfo"]["hasNextPage"] is False
    page = await lecture_page(gql, lecture["id"])
    (cover,) = page["images"]  # the Visuals tab
    assert cover["slot"] == "cover"
    assert cover["image"]["url"] == accepted_url  # the rejected candidate did not replace it

    # A panel that lost its socket subscribes again from the last cursor it saw: nothing missed.
    async with follow(gql, lecture["id"], after=resume_from) as resumed:
        replayed: set[str] = set()
        while not {second["id"], third["id"]} <= replayed:
            batch = await asyncio.wait_for(resumed.changes.get(), timeout=10)
            replayed |= set(batch["runChanges"]["runIds"])
    assert first["id"] not in replayed


async def test_full_video_configuration_review_with_edits_through_the_panel_documents(
    gql: GraphQLClient,
) -> None:
    lecture = await new_lecture(gql, "Tides")
    prompt = "A 90 second lecture on tides for kids, 2 images per segment"
    async with follow(gql, lecture["id"]) as live:
        started = (
            await send(
                gql, "StartRunFromPrompt", input={"lectureId": lecture["id"], "prompt": prompt}
            )
        )["startRunFromPrompt"]
        assert started["userErrors"] == []
        run = started["run"]
        assert (run["title"], run["totalSteps"]) == ("Generating Full Video", 6)
        assert run["origin"]["request"] == prompt

        pending = await live.until(run["id"], waiting)
        configuration = pending["steps"][0]
        assert configuration["__typename"] == "ConfigurationStep"
        assert configuration["request"]["title"] == "Review and Confirm Configuration"
        review = configuration["configurationReview"]
        assert review["candidate"]["durationSeconds"] == 90
        assert {c["field"] for c in review["changes"]} >= {"durationSeconds"}

        refused = await resolve(
            gql, pending, "ACCEPT", edits={"configuration": {"durationSeconds": 99999}}
        )
        assert refused["userErrors"][0]["code"] == "INVALID_INPUT"
        # The form puts the message next to the field the path's last name matches.
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
    assert configuration["configurationReview"] is None
    assert bullets(configuration) == [
        "Analyzing the input prompt",
        "Configuration accepted, saving configuration",
        "Configuration saved, proceeding to generation",
    ]
    assert len(script["scriptSegments"]) == 3
    assert [len(s["images"]) for s in images["segmentImages"]] == [2, 2, 2]
    assert [f["segment"] for f in narration["files"]] == [1, 2, 3]
    assert score["music"]["durationSeconds"] > 0
    assert timeline["timeline"]["durationSeconds"] > 0
    assert bullets(timeline) == ["Timeline is generated. Your video is ready to play"]

    page = await lecture_page(gql, lecture["id"])
    assert page["config"]["voice"] == "nova"
    played = page["timeline"]
    assert len(played["segments"]) == 3
    assert played["durationSeconds"] == timeline["timeline"]["durationSeconds"]
    assert all(s["narration"]["url"] and s["images"] for s in played["segments"])
    assert [i["segment"] for i in page["images"]] == [1, 1, 2, 2, 3, 3]  # the Visuals tab
    assert [n["segment"] for n in page["narrations"]] == [1, 2, 3]  # the Audio tab

    # The Configuration tab saves only what changed; a refusal names its field and saves nothing.
    refused = (
        await send(
            gql,
            "UpdateLectureConfiguration",
            input={"lectureId": lecture["id"], "configuration": {"musicVolume": 7}},
        )
    )["updateLectureConfiguration"]
    assert refused["lecture"] is None
    assert refused["userErrors"][0]["field"][-1] == "musicVolume"
    saved = (
        await send(
            gql,
            "UpdateLectureConfiguration",
            input={"lectureId": lecture["id"], "configuration": {"musicVolume": 0.5}},
        )
    )["updateLectureConfiguration"]
    assert saved["userErrors"] == []
    assert saved["lecture"]["config"]["musicVolume"] == 0.5
    assert saved["lecture"]["config"]["voice"] == "nova"
    listed = (await send(gql, "Lectures", first=100, after=None))["lectures"]["nodes"]
    assert listed[0] == {"id": lecture["id"], "title": "Tides"}  # newest first


@pytest.mark.parametrize(
    ("sentence", "step_type", "button", "rejected"),
    [
        (
            "Redo the narration of segment 1 with more energy",
            "NarrationGenerationStep",
            "Review Narration",
            "The narration audio is not selected. You can try another generation",
        ),
        (
            "Replace the soundtrack with calm piano music",
            "ScoreGenerationStep",
            "Review Background Score",
            "The background score is not selected. You can try another generation",
        ),
    ],
)
async def test_audio_reviews_started_from_a_sentence_through_the_panel_documents(
    gql: GraphQLClient, sentence: str, step_type: str, button: str, rejected: str
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
    assert bullets(done["steps"][0])[-1] == rejected
    assert done["steps"][0]["request"] is None
