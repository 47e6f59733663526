"""Run data as the terminal client reads it: typed, immutable, parsed from GraphQL results.

Only what the Agent Progress shows (block header, steps, bullets, the pending request) and
what a review needs; everything is parsed here so `render` and the commands never index raw
JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class RunStatus(StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    WAITING_FOR_INPUT = "WAITING_FOR_INPUT"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"

    @property
    def finished(self) -> bool:
        return self in (RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED)


class StepStatus(StrEnum):
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    WAITING_FOR_INPUT = "WAITING_FOR_INPUT"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"


class Level(StrEnum):
    INFO = "INFO"
    SUCCESS = "SUCCESS"
    ERROR = "ERROR"


@dataclass(frozen=True)
class Message:
    key: str
    text: str
    level: Level


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    unit: str


@dataclass(frozen=True)
class Request:
    """A pending human-in-the-loop request: the panel's button."""

    id: str
    title: str
    version: int | None = None
    """HumanRequest.version, from servers that have it (sent back with the decision)."""
    expires_at: str | None = None
    change_rounds_left: int | None = None


@dataclass(frozen=True)
class Asset:
    id: str
    url: str
    media_type: str
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None


@dataclass(frozen=True)
class Cue:
    number: int
    start_seconds: float
    end_seconds: float
    text: str


@dataclass(frozen=True)
class ConfigurationChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ReviewDetails:
    """What a review shows beyond the step: only filled by the review query."""

    configuration: dict[str, Any] | None = None
    """The candidate configuration ("Review and Confirm Configuration")."""
    changes: tuple[ConfigurationChange, ...] = ()
    candidate: Asset | None = None
    previous: Asset | None = None
    candidates: tuple[Asset, ...] = ()
    """All candidates of the round (choose one of N), from servers that have them."""
    cues: tuple[Cue, ...] = ()
    prompt: str | None = None
    text: str | None = None
    """The words a narration speaks."""


@dataclass(frozen=True)
class Step:
    typename: str
    key: str
    number: int
    total: int
    title: str
    status: StepStatus
    summary: str
    messages: tuple[Message, ...]
    request: Request | None
    progress: Progress | None
    details: ReviewDetails = field(default_factory=ReviewDetails)

    @property
    def started(self) -> bool:
        return self.status is not StepStatus.PENDING


@dataclass(frozen=True)
class Run:
    id: str
    kind: str
    title: str
    status: RunStatus
    current_step: int
    total_steps: int
    version: int
    created_at: str
    lecture_id: str
    lecture_title: str
    steps: tuple[Step, ...]
    error: str | None = None
    error_step: str | None = None

    @property
    def pending(self) -> tuple[Step, Request] | None:
        """The step that waits for a person, and its request."""
        for step in self.steps:
            if step.request is not None:
                return step, step.request
        return None


def parse_run(data: dict[str, Any]) -> Run:
    error = data.get("error") or {}
    lecture = data.get("lecture") or {}
    return Run(
        id=data["id"],
        kind=data.get("kind", ""),
        title=data["title"],
        status=RunStatus(data["status"]),
        current_step=data["currentStep"],
        total_steps=data["totalSteps"],
        version=data["version"],
        created_at=data.get("createdAt", ""),
        lecture_id=lecture.get("id", ""),
        lecture_title=lecture.get("title", ""),
        steps=tuple(_parse_step(step) for step in data["steps"]),
        error=error.get("message"),
        error_step=error.get("stepKey"),
    )


def _parse_step(data: dict[str, Any]) -> Step:
    request = data.get("request")
    progress = data.get("progress")
    return Step(
        typename=data.get("__typename", ""),
        key=data["key"],
        number=data["number"],
        total=data["total"],
        title=data["title"],
        status=StepStatus(data["status"]),
        summary=data.get("summary") or data["title"],
        messages=tuple(
            Message(key=m["key"], text=m["text"], level=Level(m["level"]))
            for m in data.get("messages", [])
        ),
        request=_parse_request(request) if request else None,
        progress=Progress(progress["done"], progress["total"], progress["unit"])
        if progress
        else None,
        details=_parse_details(data),
    )


def _parse_request(data: dict[str, Any]) -> Request:
    return Request(
        id=data["id"],
        title=data["title"],
        version=data.get("version"),
        expires_at=data.get("expiresAt"),
        change_rounds_left=data.get("changeRoundsLeft"),
    )


def _parse_asset(data: dict[str, Any] | None) -> Asset | None:
    if not data:
        return None
    return Asset(
        id=data["id"],
        url=data["url"],
        media_type=data.get("mediaType", ""),
        width=data.get("width"),
        height=data.get("height"),
        duration_seconds=data.get("durationSeconds"),
    )


def _parse_details(data: dict[str, Any]) -> ReviewDetails:
    review = data.get("configurationReview") or {}
    asset_review = data.get("review") or {}
    return ReviewDetails(
        configuration=review.get("candidate"),
        changes=tuple(
            ConfigurationChange(c["field"], c["before"], c["after"])
            for c in review.get("changes", [])
        ),
        candidate=_parse_asset(asset_review.get("candidate")),
        previous=_parse_asset(asset_review.get("previous")),
        candidates=tuple(asset for a in data.get("candidates") or [] if (asset := _parse_asset(a))),
        cues=tuple(
            Cue(c["number"], c["startSeconds"], c["endSeconds"], c["text"])
            for c in data.get("cues") or []
        ),
        prompt=data.get("prompt"),
        text=data.get("text"),
    )
