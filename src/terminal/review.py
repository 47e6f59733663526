"""`agent-progress review RUN_ID`: show what a pending review asks and answer it.

Accept or reject; accept with edits (the configuration or the subtitles, as JSON from a file,
stdin or `$EDITOR`); choose one candidate among several; or request changes with feedback. The
decision carries the request's `version` when the server has one, so a review that changed
since it was shown is refused (CONFLICT) rather than answered blindly."""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.prompt import Prompt
from rich.text import Text

from src.terminal.documents import CONFIGURATION_FIELDS, RESOLVE, review_document
from src.terminal.model import Request, Run, Step, parse_run
from src.terminal.render import review_view, run_header
from src.terminal.transport import Api, ApiError, Unsupported


class Decision(StrEnum):
    ACCEPT = "ACCEPT"
    REJECT = "REJECT"
    REQUEST_CHANGES = "REQUEST_CHANGES"


@dataclass(frozen=True)
class Answer:
    decision: Decision
    edits: dict[str, Any] | None = None
    choice: str | None = None
    feedback: str | None = None


class BadAnswer(ApiError):
    """An answer that cannot be sent (nothing was sent)."""


EDIT_FIELD = {"ConfigurationStep": "configuration", "SubtitlesGenerationStep": "subtitles"}
"""The HumanRequestEdits field of each editable review, by step type."""


def editable(step: Step) -> dict[str, Any] | None:
    """The document a person edits, or None when the review has nothing to edit."""
    if step.typename == "ConfigurationStep" and step.details.configuration is not None:
        return dict(step.details.configuration)
    if step.typename == "SubtitlesGenerationStep":
        return {"cues": [{"number": cue.number, "text": cue.text} for cue in step.details.cues]}
    return None


def edits_between(step: Step, original: dict[str, Any], edited: Any) -> dict[str, Any]:
    """What the person changed in the editable document: the settings whose values differ,
    or the cues whose text does. Unknown settings are refused before anything is sent."""
    if not isinstance(edited, dict):
        raise BadAnswer("The edited review must be a JSON object.")
    if step.typename == "ConfigurationStep":
        unknown = sorted(set(edited) - set(CONFIGURATION_FIELDS))
        if unknown:
            known = ", ".join(CONFIGURATION_FIELDS)
            raise BadAnswer(f"Unknown setting {', '.join(unknown)}. Settings: {known}.")
        return {name: value for name, value in edited.items() if original.get(name) != value}
    before = {cue["number"]: cue["text"] for cue in original.get("cues", [])}
    cues = edited.get("cues")
    if not isinstance(cues, list) or not all(
        isinstance(cue, dict) and {"number", "text"} <= set(cue) for cue in cues
    ):
        raise BadAnswer('Subtitles edits look like {"cues": [{"number": 2, "text": "…"}]}.')
    return {"cues": [cue for cue in cues if before.get(cue["number"]) != cue["text"]]}


def resolve_input(run: Run, step: Step, request: Request, answer: Answer) -> dict[str, Any]:
    """ResolveHumanRequestInput for `answer`. Only fields the answer uses are sent (older
    servers know no `choice`, `feedback` or `version`), and `version` whenever the server
    showed one."""
    body: dict[str, Any] = {
        "runId": run.id,
        "requestId": request.id,
        "decision": answer.decision.value,
    }
    if answer.edits:
        field = EDIT_FIELD.get(step.typename)
        if field is None:
            raise BadAnswer(f"{request.title} has nothing to edit.")
        body["edits"] = {field: answer.edits}
    if answer.choice is not None:
        body["choice"] = answer.choice
    if answer.feedback is not None:
        if not answer.feedback.strip():
            raise BadAnswer("Say what should change: the feedback is empty.")
        body["feedback"] = answer.feedback
    if request.version is not None:
        body["version"] = request.version
    return body


def read_json(source: str, stdin: TextIO | None = None) -> Any:
    """`--edit-json FILE`, or `-` for standard input."""
    try:
        text = stdin.read() if source == "-" and stdin else Path(source).read_text()
    except OSError as error:
        raise BadAnswer(f"Cannot read {source}: {error.strerror}.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadAnswer(
            f"{'Standard input' if source == '-' else source} is not valid JSON "
            f"(line {error.lineno}, column {error.colno}): nothing was sent."
        ) from None


def edit_in_editor(document: dict[str, Any]) -> Any:
    """Opens `$VISUAL`/`$EDITOR` (else `vi`) on the document as JSON; returns what was saved."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory(prefix="agent-progress-") as folder:
        path = Path(folder) / "review.json"
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        try:
            finished = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except OSError as error:
            raise BadAnswer(f"Cannot start the editor {editor!r}: {error.strerror}.") from None
        if finished.returncode != 0:
            raise BadAnswer("The editor exited with an error: nothing was sent.")
        return read_json(str(path))


async def read_review(api: Api, run_id: str) -> Run:
    """The run with its review details; from servers without the review fields of issue 10
    (version, candidates, deadline) with the older document."""
    try:
        data = await api.execute(review_document(rich=True), id=run_id)
    except Unsupported:
        data = await api.execute(review_document(rich=False), id=run_id)
    if data["run"] is None:
        raise ApiError(f"No run {run_id} (or it is not yours).")
    return parse_run(data["run"])


@dataclass(frozen=True)
class Flags:
    """What the command line said; all None/False: ask (on a terminal)."""

    accept: bool = False
    reject: bool = False
    edit_json: str | None = None
    editor: bool = False
    choose: str | None = None
    request_changes: str | None = None


def answer_from_flags(step: Step, flags: Flags, stdin: TextIO) -> Answer | None:
    if flags.reject:
        return Answer(Decision.REJECT)
    if flags.request_changes is not None:
        return Answer(Decision.REQUEST_CHANGES, feedback=flags.request_changes)
    if flags.edit_json is not None or flags.editor:
        original = editable(step)
        if original is None:
            raise BadAnswer(
                f"{step.request.title if step.request else 'This review'} has nothing to edit."
            )
        edited = read_json(flags.edit_json, stdin) if flags.edit_json else edit_in_editor(original)
        if flags.edit_json and step.typename == "ConfigurationStep" and isinstance(edited, dict):
            # A file names the settings to change; the others keep the reviewed value.
            edited = {**original, **edited}
        return Answer(Decision.ACCEPT, edits=edits_between(step, original, edited) or None)
    if flags.choose is not None:
        return Answer(Decision.ACCEPT, choice=flags.choose)
    if flags.accept:
        return Answer(Decision.ACCEPT)
    return None


def ask(console: Console, step: Step, request: Request) -> Answer:
    """The interactive review: one letter per answer the review offers."""
    options = {"a": "accept", "r": "reject"}
    if editable(step) is not None:
        options["e"] = "edit in $EDITOR, then accept"
    if len(step.details.candidates) > 1:
        options["c"] = "choose a candidate"
    if request.change_rounds_left:
        options["f"] = "request changes with feedback"
    console.print("  ".join(f"[bold]{key}[/] {what}" for key, what in options.items()))
    key = Prompt.ask("Your answer", console=console, choices=list(options), show_choices=True)
    if key == "r":
        return Answer(Decision.REJECT)
    if key == "e":
        original = editable(step) or {}
        edits = edits_between(step, original, edit_in_editor(original))
        return Answer(Decision.ACCEPT, edits=edits or None)
    if key == "c":
        # By the number the review listed it under: typing a whole asset ID is error-prone.
        candidates = step.details.candidates
        numbers = [str(number) for number in range(1, len(candidates) + 1)]
        number = Prompt.ask("Which candidate", console=console, choices=numbers)
        return Answer(Decision.ACCEPT, choice=candidates[int(number) - 1].id)
    if key == "f":
        return Answer(
            Decision.REQUEST_CHANGES,
            feedback=Prompt.ask("What should change", console=console),
        )
    return Answer(Decision.ACCEPT)


DONE = {
    Decision.ACCEPT: "Accepted",
    Decision.REJECT: "Rejected",
    Decision.REQUEST_CHANGES: "Changes requested",
}


async def review(
    api: Api,
    console: Console,
    run_id: str,
    flags: Flags,
    *,
    stdin: TextIO,
    interactive: bool,
) -> int:
    run = await read_review(api, run_id)
    pending = run.pending
    if pending is None:
        console.print(Text("Nothing to review: ") + run_header(run), soft_wrap=True)
        return 1
    step, request = pending
    # Soft-wrapped: URLs and IDs stay whole, to copy (a terminal wraps them itself).
    console.print(review_view(run, step, request, api.endpoint.absolute), soft_wrap=True)
    answer = answer_from_flags(step, flags, stdin)
    if answer is None:
        if not interactive:
            raise BadAnswer(
                "Say how to answer: --accept, --reject, --edit-json FILE, --editor, "
                "--choose ASSET_ID or --request-changes TEXT."
            )
        answer = await asyncio.to_thread(ask, console, step, request)
    body = resolve_input(run, step, request, answer)
    try:
        payload = await api.mutate(RESOLVE, "resolveHumanRequest", input=body)
    except Unsupported as error:
        raise ApiError(
            "This server does not take that answer (it is older than this client): "
            "accept, reject or edit instead."
        ) from error
    after = parse_run(payload["run"])
    console.print(
        Text(f"{DONE[answer.decision]}. ", style="bold") + run_header(after), soft_wrap=True
    )
    return 0
