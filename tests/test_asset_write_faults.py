"""A failed asset write (directory blocked, unwritable, disk full) fails the run with a plain
sentence, never loses the asset in use, and leaves no half-written file."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from src.assets import LocalBlobStorage
from src.assets.storage import AssetNotSaved
from src.runner.failure import rerun_only
from tests.graphql_client import GraphQLClient
from tests.test_decision_races import IMAGE, START, wait_for
from tests.test_image_workflow_e2e import DECIDE, create_lecture

PLAIN = (
    "The image could not be saved. You can resume it where it stopped, or re-run it from the start."
)


@contextmanager
def blocked(directory: Path) -> Iterator[None]:
    """A file where the directory was: every write under it meets "Not a directory"."""
    aside = directory.with_name(f"{directory.name}-aside")
    directory.rename(aside)
    directory.write_bytes(b"")
    try:
        yield
    finally:
        directory.unlink()
        aside.rename(directory)


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


async def test_a_blocked_prefix_directory_is_a_plain_error(tmp_path: Path) -> None:
    storage = LocalBlobStorage(tmp_path)
    data = b"a picture"
    prefix = hashlib.sha256(data).hexdigest()[:2]
    (tmp_path / prefix).write_bytes(b"")  # a file where the directory belongs

    with pytest.raises(AssetNotSaved) as failed:
        await storage.put(data, "image/png")

    assert failed.value.message == PLAIN
    assert failed.value.retriable
    assert files_under(tmp_path) == [tmp_path / prefix]


async def test_a_write_that_fails_halfway_leaves_no_half_written_file(tmp_path: Path) -> None:
    storage = LocalBlobStorage(tmp_path)
    data = b"some narration"
    digest = hashlib.sha256(data).hexdigest()
    # A directory squatting the file's name: the temporary file is written, the rename fails.
    (tmp_path / digest[:2] / f"{digest}.wav").mkdir(parents=True)

    with pytest.raises(AssetNotSaved) as failed:
        await storage.put(data, "audio/wav")

    assert failed.value.message == "The audio could not be saved. " + PLAIN.split(". ", 1)[1]
    assert files_under(tmp_path) == []


async def test_an_image_run_whose_file_cannot_be_written_fails_plainly_and_keeps_the_old_image(
    gql: GraphQLClient, resources: Any
) -> None:
    lecture_id = await create_lecture(gql)
    first = (await gql.execute(START, lectureId=lecture_id, prompt="a volcano"))["startRun"]
    await wait_for(gql, [first["run"]["id"]], {"WAITING_FOR_INPUT"})
    await gql.execute(DECIDE, runId=first["run"]["id"], requestId="review-image", decision="ACCEPT")
    await wait_for(gql, [first["run"]["id"]], {"COMPLETED"})
    kept = (await gql.execute(IMAGE, id=lecture_id))["lecture"]["image"]

    assets_dir: Path = resources.settings.assets_dir
    with blocked(assets_dir):
        data = (await gql.execute(START, lectureId=lecture_id, prompt="a new volcano"))["startRun"]
        (run,) = await wait_for(gql, [data["run"]["id"]], {"FAILED", "COMPLETED"})

    assert run["status"] == "FAILED"
    # An image run stops in its first step: a resume would reuse nothing, so a re-run it is.
    assert run["error"] == {"code": "INTERNAL", "message": rerun_only(PLAIN)}
    assert (await gql.execute(IMAGE, id=lecture_id))["lecture"]["image"] == kept
    read = "query($id: ID!) { lecture(id: $id) { image { url } } }"
    url = (await gql.execute(read, id=lecture_id))["lecture"]["image"]["url"]
    assert (await gql.http.get(url)).status_code == 200
    # Only finished, content-named files: no temporary file was left behind.
    assert all(len(p.stem) == 64 for p in files_under(assets_dir))
