"""A step made of many units shows a progress bar that fills as each unit finishes."""

from __future__ import annotations

from typing import Any

from strawberry import relay

from src.state.model import RunState
from tests.scripted_providers import GatedImages
from tests.test_workflow_failures import decide, finished, gql, lecture, scripted, start, wait_for

__all__ = ["scripted"]  # the fixture, shared with the failure tests

PROGRESS = """query($id: ID!) { run(id: $id) { steps {
  ... on Step { key status progress { done total unit } } } } }"""


def images_done(count: int) -> Any:
    def check(state: RunState) -> bool:
        step = state.step("segment_images")
        return step is not None and step.progress is not None and step.progress.done >= count

    return check


async def test_the_images_step_shows_each_finished_image_while_the_others_still_run(
    scripted: Any,
) -> None:
    images = GatedImages(free=1)
    resources = await scripted(image=images)
    prompt = "A 30 second lecture on tides, segments of 10 seconds, 2 images per segment"
    run_id = await start(resources, await lecture(resources), {"fullVideo": {"prompt": prompt}})
    await wait_for(resources, run_id, lambda s: s.pending_request() is not None)
    await decide(resources, run_id, "review-configuration", "ACCEPT")

    await wait_for(resources, run_id, images_done(1))
    run_gid = str(relay.GlobalID("WorkflowRun", str(run_id)))
    steps = (await gql(resources, PROGRESS, id=run_gid))["run"]["steps"]
    middle = next(s for s in steps if s["key"] == "segment_images")
    assert middle["status"] == "RUNNING"
    assert middle["progress"] == {"done": 1, "total": 6, "unit": "images"}
    assert images.calls > 1  # the others were asked for, and wait

    images.release.set()
    state = await wait_for(resources, run_id, finished)
    assert state.status.value == "completed"
    steps = (await gql(resources, PROGRESS, id=run_gid))["run"]["steps"]
    done = {s["key"]: s["progress"] for s in steps}
    assert done["segment_images"] == {"done": 6, "total": 6, "unit": "images"}
    assert done["narration"] == {"done": 3, "total": 3, "unit": "audio files"}
    assert done["script"] is None
