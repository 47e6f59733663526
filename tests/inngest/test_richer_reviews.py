"""The richer review decisions on the Inngest runtime: request changes (each round its own units
and request, so replay-safe), choose one of four variations, and a stale decision refused with
CONFLICT — the same states as the local runner, and nothing changed by calling the body again
for every prefix of its step history."""

from __future__ import annotations

from pathlib import Path

import pytest

from src.assets.library import AssetStatus
from src.db import Database
from src.errors import Conflict
from src.inngest_fns import HUMAN_INPUT_RESOLVED
from src.state.model import Decision, RunStatus
from tests.inngest.conftest import MockedScenario, ServedFactory
from tests.inngest.scenarios import (
    CHANGES_TWICE,
    CHOOSE_SECOND,
    FEEDBACK,
    REVIEW_SCENARIOS,
    Scenario,
    drive_served,
)
from tests.inngest.test_conformance import same_states_on_every_runtime
from tests.inngest.test_replay import replaying_every_prefix_changes_nothing
from tests.inngest.world import OPTIONS

IDS = [f"{kind}: {scenario}" for kind, scenario in REVIEW_SCENARIOS]


@pytest.mark.parametrize(("kind", "scenario"), REVIEW_SCENARIOS, ids=IDS)
async def test_richer_reviews_persist_the_same_states_on_every_runtime(
    kind: str,
    scenario: Scenario,
    database: Database,
    tmp_path: Path,
    served: ServedFactory,
    run_mocked: MockedScenario,
) -> None:
    run = await same_states_on_every_runtime(kind, scenario, database, tmp_path, served, run_mocked)
    assert run.state.status is RunStatus.COMPLETED
    step = run.state.steps[0]
    if scenario is CHANGES_TWICE:
        assert [(d.decision, d.feedback) for d in step.decisions] == [
            (Decision.REQUEST_CHANGES, FEEDBACK[0]),
            (Decision.REQUEST_CHANGES, FEEDBACK[1]),
            (Decision.ACCEPT, None),
        ]
        assert [m.text for m in step.messages][1:3] == [
            "Regenerating with your feedback (2 of 3)",
            "Regenerating with your feedback (3 of 3)",
        ]


@pytest.mark.parametrize(("kind", "scenario"), REVIEW_SCENARIOS, ids=IDS)
async def test_richer_reviews_replayed_at_every_prefix_change_nothing(
    kind: str, scenario: Scenario, served: ServedFactory, database: Database
) -> None:
    final = await replaying_every_prefix_changes_nothing(kind, scenario, served, database)
    assert final.state.status is RunStatus.COMPLETED


async def test_the_second_of_four_variations_is_kept_and_the_others_discarded_on_inngest(
    served: ServedFactory,
) -> None:
    world, server = await served()
    record = await drive_served(world, server, "image", CHOOSE_SECOND)

    assert record.state.status is RunStatus.COMPLETED
    (decision,) = record.state.steps[0].decisions
    offered = getattr(decision.reviewed, "candidates", ())
    assert len(offered) == 4 and decision.choice == offered[1].id
    current = await world.assets.current(record.lecture_id, "cover")
    assert current is not None and current.id == offered[1].id
    for ref in offered:
        stored = await world.assets.get(ref.id)
        assert stored is not None
        expected = AssetStatus.CURRENT if ref.id == offered[1].id else AssetStatus.DISCARDED
        assert stored.status is expected
        path = world.assets.storage.path(stored.storage_key)
        assert path is not None and path.is_file()


async def test_a_stale_decision_is_refused_with_conflict_on_inngest_and_changes_nothing(
    served: ServedFactory,
) -> None:
    world, server = await served()
    record = await world.start("image")
    await server.run_until_idle()
    state = await world.state(record.id)
    pending = state.pending_request()
    assert pending is not None
    seen = pending[1].version
    # Its deadline: the end of its last wait window (3 one-minute windows in these tests).
    assert pending[1].expires_at == pending[1].requested_at + OPTIONS.review.limit
    await world.decide(
        record.id,
        "review-image",
        Decision.REQUEST_CHANGES,
        feedback="Warmer colours",
        version=seen,
    )
    await server.run_until_idle()
    again = await world.store.require(record.id)
    reissued = again.state.pending_request()
    assert reissued is not None and reissued[1].id == "review-image-2"
    assert reissued[1].version == seen + 1
    sent = len(world.sink.named(HUMAN_INPUT_RESOLVED))

    for request_id in ("review-image", "review-image-2"):
        with pytest.raises(Conflict):
            await world.decide(record.id, request_id, Decision.ACCEPT, version=seen)
    after = await world.store.require(record.id)
    assert after.version == again.version
    assert after.state == again.state
    assert len(world.sink.named(HUMAN_INPUT_RESOLVED)) == sent  # no event sent either

    await world.decide(record.id, "review-image-2", Decision.ACCEPT, version=seen + 1)
    await server.run_until_idle()
    assert (await world.state(record.id)).status is RunStatus.COMPLETED
