"""`agent-progress start KIND`: start a run on a lecture (or on a new one) and print its ID."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Console

from src.terminal.documents import CREATE_LECTURE, START_RUN
from src.terminal.model import parse_run
from src.terminal.transport import Api, ApiError, Unsupported

KINDS: dict[str, str] = {
    "full-video": "fullVideo",
    "image": "image",
    "narration": "narration",
    "score": "backgroundScore",
    "subtitles": "subtitles",
}
"""Command-line kind -> its `WorkflowInput` field (see StartRunInput in schema.graphql)."""


@dataclass(frozen=True)
class StartOptions:
    kind: str
    prompt: str | None = None
    slot: str | None = None
    size: str | None = None
    model: str | None = None
    variations: int | None = None
    segment: int | None = None
    text: str | None = None
    voice: str | None = None
    music_style: str | None = None
    max_line_length: int | None = None


class BadStart(ApiError):
    """Options the kind does not take (nothing was started)."""


ALLOWED = {
    "full-video": {"prompt"},
    "image": {"prompt", "slot", "size", "model", "variations"},
    "narration": {"segment", "text", "voice"},
    "score": {"music_style"},
    "subtitles": {"max_line_length"},
}


def workflow_input(options: StartOptions) -> dict[str, Any]:
    """The `WorkflowInput` for the options: only what was given, in GraphQL names."""
    given = {
        name: value for name, value in vars(options).items() if name != "kind" and value is not None
    }
    extra = sorted(set(given) - ALLOWED[options.kind])
    if extra:
        flags = ", ".join("--" + name.replace("_", "-") for name in extra)
        raise BadStart(f"{options.kind} does not take {flags}.")
    if options.kind == "full-video" and not (options.prompt or "").strip():
        raise BadStart('full-video needs --prompt, e.g. --prompt "A 2 minute lecture on tides".')
    names = {"music_style": "musicStyle", "max_line_length": "maxLineLength"}
    fields = {names.get(name, name): value for name, value in given.items()}
    if "size" in fields:
        fields["size"] = str(fields["size"]).upper()
    return {KINDS[options.kind]: fields}


def lecture_title(options: StartOptions) -> str:
    """A new lecture is named after the prompt (as the panel's New lecture does)."""
    prompt = " ".join((options.prompt or "").split())
    if not prompt:
        return "New lecture"
    return prompt if len(prompt) <= 60 else prompt[:59].rstrip() + "…"


async def start(
    api: Api, console: Console, errors: Console, options: StartOptions, lecture_id: str | None
) -> tuple[str, str]:
    """Starts the run; prints its ID (alone on stdout, for scripts). Returns (run, lecture)."""
    workflow = workflow_input(options)
    if lecture_id is None:
        payload = await api.mutate(
            CREATE_LECTURE,
            "createLecture",
            title=lecture_title(options),
            prompt=options.prompt or "",
        )
        lecture_id = str(payload["lecture"]["id"])
        errors.print(
            f"Created lecture {payload['lecture']['title']!r} ({lecture_id})", soft_wrap=True
        )
    try:
        payload = await api.mutate(
            START_RUN, "startRun", input={"lectureId": lecture_id, "workflow": workflow}
        )
    except Unsupported as error:
        raise ApiError(
            f"This server does not take these {options.kind} options (it is older than this "
            "client)."
        ) from error
    run = parse_run(payload["run"])
    console.print(run.id, soft_wrap=True)
    return run.id, lecture_id
