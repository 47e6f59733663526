"""Loading the lecture a run works on, from inside a unit of work."""

from __future__ import annotations

from src.errors import NotFound
from src.lectures.repository import Lecture
from src.steps.runtime import RunInfo, Services


async def load_lecture(services: Services, run: RunInfo) -> Lecture:
    lecture = await services.lectures.get(run.lecture_id, owner_id=run.owner_id)
    if lecture is None:
        raise NotFound(f"lecture {run.lecture_id} no longer exists")
    return lecture
