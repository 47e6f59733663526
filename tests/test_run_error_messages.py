"""What a failed run shows a person: never SQL, a server path, an OS error or an exception class.

An unexpected failure shows a plain sentence with a reference; the log holds the detail under
the same reference. A provider's own message (already meant for people) is kept.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from src.providers import offline_providers
from src.providers.ports import GeneratedImage, ImageRequest
from src.resources import Resources
from src.settings import Settings
from tests.test_database_outage import LEAKS, shown_texts
from tests.test_workflow_failures import finished, lecture, start, wait_for

PLAIN = re.compile(
    r"Something went wrong on our side \(reference (\w+)\)\. "
    r"You can re-run it\."  # an image run: a resume would reuse nothing
)


@dataclass
class BrokenImages:
    """An image model that fails the way a bug or a broken disk does, not as a provider."""

    error: Exception

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        raise self.error


@pytest.fixture
async def open_with(database_url: str, tmp_path: Path) -> AsyncIterator[object]:
    opened: list[Resources] = []

    async def open_(images: BrokenImages) -> Resources:
        settings = Settings(database_url=database_url, data_dir=tmp_path, review_window_seconds=1)
        resources = await Resources.open(
            settings, providers=replace(offline_providers(), image=images)
        )
        opened.append(resources)
        return resources

    yield open_
    for resources in opened:
        await resources.close()


@pytest.mark.parametrize(
    "error",
    [
        NotADirectoryError(20, "Not a directory", "/srv/agent-progress/var/assets/1c"),
        RuntimeError('relation "assets" does not exist: INSERT INTO assets (id) VALUES ($1)'),
        KeyError("segments"),
    ],
    ids=["os-error-with-a-path", "sql-text", "bare-exception-class"],
)
async def test_an_unexpected_failure_shows_a_plain_sentence_with_a_reference_kept_in_the_log(
    open_with: object, error: Exception, caplog: pytest.LogCaptureFixture
) -> None:
    resources = await open_with(BrokenImages(error))  # type: ignore[operator]
    run_id = await start(resources, await lecture(resources), {"image": {"prompt": "a bay"}})
    state = await wait_for(resources, run_id, finished)

    assert state.status.value == "failed"
    assert state.error is not None
    assert state.error.code == "INTERNAL"
    shown = PLAIN.fullmatch(state.error.message)
    assert shown is not None, state.error.message
    assert not any(LEAKS.search(text) for text in shown_texts(state)), shown_texts(state)
    assert state.steps[0].messages[-1].text == state.error.message
    logged = [r for r in caplog.records if shown.group(1) in r.getMessage()]
    assert logged, "the reference is not in the log"
    assert logged[0].exc_info is not None and logged[0].exc_info[1] is error


async def test_a_providers_own_message_is_kept(open_with: object) -> None:
    from src.errors import ProviderError

    refusal = ProviderError("The model refused to draw this prompt", retriable=False)
    resources = await open_with(BrokenImages(refusal))  # type: ignore[operator]
    run_id = await start(resources, await lecture(resources), {"image": {"prompt": "a bay"}})
    state = await wait_for(resources, run_id, finished)

    assert state.error is not None
    assert (state.error.code, state.error.message) == (
        "PROVIDER_FAILED",
        "The model refused to draw this prompt",
    )
