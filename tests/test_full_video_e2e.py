"""Full Video Generation through the GraphQL API, over real websockets and HTTP, with the local
runner, the offline providers and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tests.graphql_client import GraphQLClient
from tests.test_image_workflow_e2e import CHANGES, DECIDE, awaiting_review, finished, until

RUN = """
query($id: ID!) { run(id: $id) {
  id title status currentStep totalSteps version
  error { code message stepKey }
  steps {
    __typename
    ... on Step {
      number title status summary messages { text level } request { id title }
      progress { done total unit }
    }
    ... on ConfigurationStep {
      changes { field before after }
      configurationReview {
        candidate { durationSeconds segmentLengthSeconds imagesPerSegment voice }
      }
      savedConfiguration { durationSeconds segmentLengthSeconds imagesPerSegment voice }
    }
    ... on ScriptStep { scriptSegments { number narration } }
    ... on SegmentImagesStep {
      imagesPerSegment segmentImages { number prompts images { url width } }
    }
    ... on NarrationStep { files { segment audio { url durationSeconds } } }
    ... on BackgroundScoreStep { music { url durationSeconds } }
    ... on TimelineStep { timeline { durationSeconds } }
  }
} }"""
START = """
mutation($lectureId: ID!, $prompt: String!) {
  startRun(input: {lectureId: $lectureId, workflow: {fullVideo: {prompt: $prompt}}}) {
    run { id title totalSteps } userErrors { field message code }
  }
}"""
EDIT = """
mutation($runId: ID!, $edits: LectureConfigurationEdit!) {
  resolveHumanRequest(input: {runId: $runId, requestId: "review-configuration", decision: ACCEPT,
                              edits: {configuration: $edits}}) {
    run { id } userErrors { field message code }
  }
}"""
LECTURE = """
query($id: ID!) { lecture(id: $id) {
  prompt
  config { prompt durationSeconds segmentLengthSeconds imagesPerSegment voice }
  score { url }
  images { slot image { url } }
  narrations { segment audio { url } }
  timeline {
    durationSeconds musicVolume music { url }
    segments { number startSeconds endSeconds narration { url durationSeconds }
               images { image { url } startSeconds endSeconds } }
  }
} }"""
PROMPT = (
    "A 90 second lecture on how volcanoes form for kids, "
    "2 images per segment, segments of 15 seconds"
)


async def new_lecture(gql: GraphQLClient) -> str:
    data = await gql.execute(
        'mutation { createLecture(input: {title: "Volcanoes"}) { lecture { id } } }'
    )
    lecture_id: str = data["createLecture"]["lecture"]["id"]
    return lecture_id


async def follow(gql: GraphQLClient, changes: Any, run_id: str, predicate: Any) -> dict[str, Any]:
    run = await until(gql, changes, run_id, predicate)
    return (await gql.execute(RUN, id=run_id))["run"] if run else run


def messages(run: dict[str, Any], number: int) -> list[str]:
    return [m["text"] for m in run["steps"][number - 1]["messages"]]


async def test_full_video_happy_path_has_the_exact_messages_and_progress(
    gql: GraphQLClient,
) -> None:
    lecture_id = await new_lecture(gql)
    progress: list[int] = []

    def tracking(predicate: Any) -> Any:
        def check(run: dict[str, Any]) -> bool:
            progress.append(run["currentStep"])
            return bool(predicate(run))

        return check

    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        started = (await gql.execute(START, lectureId=lecture_id, prompt=PROMPT))["startRun"]
        assert started["userErrors"] == []
        run_id = started["run"]["id"]
        assert started["run"]["title"] == "Generating Full Video"
        assert started["run"]["totalSteps"] == 6

        review = await follow(gql, changes, run_id, tracking(awaiting_review))
        first = review["steps"][0]
        assert review["currentStep"] == 1
        assert first["__typename"] == "ConfigurationStep"
        assert first["request"] == {
            "id": "review-configuration",
            "title": "Review and Confirm Configuration",
        }
        assert first["summary"] == "Configuration Ready for Review"
        assert first["configurationReview"]["candidate"] == {
            "durationSeconds": 90,
            "segmentLengthSeconds": 15,
            "imagesPerSegment": 2,
            "voice": "alloy",
        }
        changed = {c["field"]: c["after"] for c in first["changes"]}
        assert changed["durationSeconds"] == 90  # named as in LectureConfiguration
        assert changed["imagesPerSegment"] == 2

        await gql.execute(DECIDE, runId=run_id, requestId="review-configuration", decision="ACCEPT")
        done = await follow(gql, changes, run_id, tracking(finished))

    assert done["status"] == "COMPLETED"
    assert (done["currentStep"], done["totalSteps"]) == (6, 6)
    assert progress == sorted(progress)  # 0 (queued) → 1/6 … → 6/6, never backwards
    assert next(p for p in progress if p) == 1
    assert progress[-1] == 6
    assert messages(done, 1) == [
        "Analyzing the input prompt",
        "Configuration accepted, saving configuration",
        "Configuration saved, proceeding to generation",
    ]
    assert messages(done, 2) == ["Starting to create the script", "Successfully created the script"]
    assert messages(done, 3) == [
        "Starting to generate images. 2 images will be generated per segment",
        "Images generated, starting to save them",
        "Images are saved and ready",
    ]
    assert messages(done, 4) == [
        "Starting to generate narrative audio. 6 audio files will be generated",
        "Audio files are generated and saved",
    ]
    assert messages(done, 5) == [
        "Starting to generate background music.",
        "Background music is generated and saved",
    ]
    assert messages(done, 6) == ["Timeline is generated. Your video is ready to play"]
    assert all(s["status"] == "COMPLETED" for s in done["steps"])
    assert all(s["request"] is None for s in done["steps"])

    script, images, narration = done["steps"][1], done["steps"][2], done["steps"][3]
    # The progress bars of the steps made of many units end full; the other steps have none.
    assert images["progress"] == {"done": 12, "total": 12, "unit": "images"}
    assert narration["progress"] == {"done": 6, "total": 6, "unit": "audio files"}
    assert [s["progress"] for n, s in enumerate(done["steps"]) if n not in (2, 3)] == [None] * 4
    assert len(script["scriptSegments"]) == 6
    assert [len(s["images"]) for s in images["segmentImages"]] == [2] * 6
    assert len(narration["files"]) == 6

    # The lecture shows the result at once: configuration, score and a timeline with real timings.
    lecture = (await gql.execute(LECTURE, id=lecture_id))["lecture"]
    assert lecture["prompt"] == PROMPT
    assert lecture["config"]["durationSeconds"] == 90
    timeline = lecture["timeline"]
    # The Visuals and Audio tabs list exactly what the timeline plays.
    assert [i["slot"] for i in lecture["images"]] == [
        f"segment-{s}-image-{k}" for s in range(1, 7) for k in (1, 2)
    ]
    assert [i["image"]["url"] for i in lecture["images"]] == [
        i["image"]["url"] for s in timeline["segments"] for i in s["images"]
    ]
    assert [n["segment"] for n in lecture["narrations"]] == list(range(1, 7))
    assert [n["audio"]["url"] for n in lecture["narrations"]] == [
        s["narration"]["url"] for s in timeline["segments"]
    ]
    assert len(timeline["segments"]) == 6
    position = 0.0
    for segment in timeline["segments"]:
        assert segment["startSeconds"] == position
        length = segment["endSeconds"] - segment["startSeconds"]
        assert abs(length - segment["narration"]["durationSeconds"]) < 0.01
        assert len(segment["images"]) == 2
        position = segment["endSeconds"]
    assert timeline["durationSeconds"] == position
    assert timeline["music"]["url"] == lecture["score"]["url"]
    audio = await gql.http.get(timeline["segments"][0]["narration"]["url"])
    assert audio.headers["content-type"] == "audio/wav"
    assert audio.content[:4] == b"RIFF"


async def test_configuration_edited_at_review_is_validated_then_saved(gql: GraphQLClient) -> None:
    lecture_id = await new_lecture(gql)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        run_id = (await gql.execute(START, lectureId=lecture_id, prompt="A lecture on tides"))[
            "startRun"
        ]["run"]["id"]
        await until(gql, changes, run_id, awaiting_review)

        refused = await gql.execute(EDIT, runId=run_id, edits={"durationSeconds": 99999})
        errors = refused["resolveHumanRequest"]["userErrors"]
        assert errors[0]["code"] == "INVALID_INPUT"
        assert errors[0]["field"] == ["edits", "configuration", "durationSeconds"]
        still = (await gql.execute(RUN, id=run_id))["run"]
        assert still["steps"][0]["request"]["id"] == "review-configuration"
        assert still["status"] == "WAITING_FOR_INPUT"

        edits = {"durationSeconds": 30, "segmentLengthSeconds": 10, "voice": "nova"}
        accepted = await gql.execute(EDIT, runId=run_id, edits=edits)
        assert accepted["resolveHumanRequest"]["userErrors"] == []
        done = await follow(gql, changes, run_id, finished)
    assert done["status"] == "COMPLETED"
    assert done["steps"][0]["savedConfiguration"] == {
        "durationSeconds": 30,
        "segmentLengthSeconds": 10,
        "imagesPerSegment": 1,
        "voice": "nova",
    }
    assert len(done["steps"][1]["scriptSegments"]) == 3
    lecture = (await gql.execute(LECTURE, id=lecture_id))["lecture"]
    assert lecture["config"]["voice"] == "nova"
    assert lecture["config"]["durationSeconds"] == 30


async def test_cancel_at_configuration_review_stops_the_run_and_saves_nothing(
    gql: GraphQLClient,
) -> None:
    lecture_id = await new_lecture(gql)
    before = (await gql.execute(LECTURE, id=lecture_id))["lecture"]
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        run_id = (
            await gql.execute(START, lectureId=lecture_id, prompt="A 2 minute lecture on ice")
        )["startRun"]["run"]["id"]
        await until(gql, changes, run_id, awaiting_review)
        await gql.execute(DECIDE, runId=run_id, requestId="review-configuration", decision="REJECT")
        done = await follow(gql, changes, run_id, finished)
    assert done["status"] == "CANCELLED"
    assert done["currentStep"] == 1
    assert messages(done, 1) == ["Analyzing the input prompt", "Workflow cancelled by user"]
    assert done["steps"][0]["request"] is None
    assert [s["status"] for s in done["steps"][1:]] == ["PENDING"] * 5
    after = (await gql.execute(LECTURE, id=lecture_id))["lecture"]
    assert after == before
