"""Run data to rich renderables: pure functions, no I/O, so every view is unit-tested.

The terminal reads like the panel (seed 000): a block per run, its header "title · N/M Steps ·
status"; inside, each started step's header "N/M summary" and its bullet messages; where the
run waits for a person, the HIL block names the button and the command that answers it."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from src.terminal.model import Level, Message, Request, Run, RunStatus, Step, StepStatus

STATUS_WORD: dict[RunStatus, str | None] = {
    RunStatus.QUEUED: "Queued",
    RunStatus.RUNNING: None,  # N/M says it, as in the panel
    RunStatus.WAITING_FOR_INPUT: "Waiting for you",
    RunStatus.COMPLETED: "Completed",
    RunStatus.FAILED: "Failed",
    RunStatus.CANCELLED: "Cancelled",
}
RUN_STYLE: dict[RunStatus, str] = {
    RunStatus.QUEUED: "dim",
    RunStatus.RUNNING: "cyan",
    RunStatus.WAITING_FOR_INPUT: "yellow",
    RunStatus.COMPLETED: "green",
    RunStatus.FAILED: "bold red",
    RunStatus.CANCELLED: "dim",
}
STEP_MARK: dict[StepStatus, tuple[str, str]] = {
    StepStatus.PENDING: ("○", "dim"),
    StepStatus.RUNNING: ("●", "cyan"),
    StepStatus.WAITING_FOR_INPUT: ("?", "yellow"),
    StepStatus.COMPLETED: ("✓", "green"),
    StepStatus.FAILED: ("✗", "red"),
    StepStatus.CANCELLED: ("\u2013", "dim"),  # en dash,
}
BULLET_STYLE: dict[Level, str] = {Level.INFO: "", Level.SUCCESS: "green", Level.ERROR: "red"}


def review_command(run: Run) -> str:
    return f"agent-progress review {run.id}"


def run_header(run: Run) -> Text:
    """ "Generating Image · 1/1 Steps · Waiting for you"."""
    header = Text(run.title, style="bold")
    header.append(f" · {run.current_step}/{run.total_steps} Steps")
    word = STATUS_WORD[run.status]
    if word:
        header.append(" · ")
        header.append(word, style=RUN_STYLE[run.status])
    return header


def step_header(step: Step) -> Text:
    """ "✓ 2/6 Script created"."""
    mark, style = STEP_MARK[step.status]
    header = Text(f"{mark} ", style=style)
    header.append(f"{step.number}/{step.total} ", style="bold")
    header.append(step.summary or step.title)
    return header


def bullet(message: Message) -> Text:
    return Text(f"• {message.text}", style=BULLET_STYLE[message.level])


def progress_text(step: Step) -> Text | None:
    if step.progress is None or step.status is StepStatus.COMPLETED:
        return None
    progress = step.progress
    return Text(f"{progress.done}/{progress.total} {progress.unit}", style="cyan")


def rounds_left(request: Request) -> str | None:
    """ "2 change requests left", "1 change request left", "no change requests left"; None
    when the review does not take requests for changes."""
    left = request.change_rounds_left
    if left is None:
        return None
    if left <= 0:
        return "no change requests left"
    return f"{left} change request{'' if left == 1 else 's'} left"


def deadline_in_words(expires_at: str, zone: tzinfo | None = None) -> str:
    """ "answer by Sat 28 Nov, 16:41 CET": the deadline as the panel words it, in the
    terminal's time zone (`zone` for tests); the server's text as it is if it does not parse."""
    try:
        deadline = datetime.fromisoformat(expires_at)
    except ValueError:
        return f"answer by {expires_at}"
    local = deadline.astimezone(zone)
    return f"answer by {local:%a} {local.day} {local:%b, %H:%M} {local.tzname() or ''}".rstrip()


def request_block(
    run: Run, request: Request, *, one_line: bool = True, zone: tzinfo | None = None
) -> Text:
    """The HIL block: the panel's button, and the command that presses it (on a line of its
    own in the live view, where the long run ID must not be cut); then, from servers that
    have them, the deadline and the rounds of changes left."""
    block = Text("▶ ", style="bold yellow", overflow="fold")
    block.append(request.title, style="bold yellow")
    block.append(" — answer with: " if one_line else " — answer with:\n  ")
    block.append(review_command(run), style="bold")
    extra = [deadline_in_words(request.expires_at, zone)] if request.expires_at else []
    rounds = rounds_left(request)
    if rounds:
        extra.append(rounds)
    if extra and one_line:
        block.append(f" ({'; '.join(extra)})", style="dim")
    elif extra:  # below the command, which stays whole on its own line
        block.append(f"\n  {'; '.join(extra)}", style="dim")
    return block


def run_error(run: Run) -> Text | None:
    """A failure not tied to a step (those show as the step's error bullet)."""
    if run.error and not run.error_step:
        return Text(run.error, style="red")
    return None


def _indent(renderable: RenderableType, level: int) -> RenderableType:
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, 2 * level))


def step_view(run: Run, step: Step, *, expanded: bool) -> RenderableType:
    parts: list[RenderableType] = [step_header(step)]
    if step.progress is not None and step.status is not StepStatus.COMPLETED:
        bar = Table.grid(padding=(0, 1))
        bar.add_row(
            ProgressBar(total=max(step.progress.total, 1), completed=step.progress.done, width=30),
            progress_text(step) or "",
        )
        parts.append(_indent(bar, 1))
    if expanded:
        parts.extend(_indent(bullet(message), 1) for message in step.messages)
        if step.request is not None:
            parts.append(_indent(request_block(run, step.request, one_line=False), 1))
    return Group(*parts)


def step_expanded(run: Run, step: Step) -> bool:
    """As the panel: the current step is open; here also any step that asks or failed."""
    return (
        step.number == run.current_step
        or step.request is not None
        or step.status is StepStatus.FAILED
    )


def run_view(run: Run, *, expanded: bool) -> RenderableType:
    """One block. Collapsed: the header alone (older, finished runs)."""
    title = run_header(run)
    if not expanded:
        return Panel(Text(run.id, style="dim"), title=title, title_align="left", border_style="dim")
    parts: list[RenderableType] = [
        step_view(run, step, expanded=step_expanded(run, step))
        for step in run.steps
        if step.started
    ]
    error = run_error(run)
    if error is not None:
        parts.append(error)
    if not parts:
        parts.append(Text("Waiting to start", style="dim"))
    return Panel(
        Group(*parts),
        title=title,
        title_align="left",
        subtitle=Text(run.id, style="dim"),
        subtitle_align="right",
        border_style=RUN_STYLE[run.status],
    )


FOLDED_SHOWN = 3
"""Older finished blocks kept in the live view: it is redrawn in place, so it must fit the
screen; the newest and unfinished blocks are always there."""


def block_expanded(run: Run, newest: Run) -> bool:
    """The newest block is open, and every block still going; older finished ones close."""
    return run.id == newest.id or not run.status.finished


def progress_view(
    runs: Sequence[Run], *, lecture_title: str, connected: bool | None
) -> RenderableType:
    """The whole Agent Progress of a lecture, oldest block first (the newest at the bottom)."""
    heading = Text("Agent Progress", style="bold")
    heading.append(f" · {lecture_title}")
    if connected is not None:
        heading.append(" · ")
        heading.append(
            "Live" if connected else "Reconnecting…", style="green" if connected else "yellow"
        )
    if not runs:
        return Group(heading, Text("No runs yet.", style="dim"))
    newest = max(runs, key=lambda run: (run.created_at, run.id))
    folded = [run for run in runs if not block_expanded(run, newest)]
    hidden = {run.id for run in folded[: max(0, len(folded) - FOLDED_SHOWN)]}
    parts: list[RenderableType] = [heading]
    if hidden:
        parts.append(Text(f"{len(hidden)} earlier runs not shown", style="dim"))
    parts.extend(
        run_view(run, expanded=block_expanded(run, newest)) for run in runs if run.id not in hidden
    )
    return Group(*parts)


def changed_lines(before: Run | None, after: Run) -> list[Text]:
    """What changed between two reads of a run, as lines to append (output that is not a
    terminal: logs, pipes, tests). The header when the run is new or its N/M or status
    moved; each step whose status or summary changed; every new bullet; progress; a new
    request; a failure without a step."""
    lines: list[Text] = []
    if before is None or (before.status, before.current_step) != (
        after.status,
        after.current_step,
    ):
        lines.append(run_header(after))
    old_steps = {step.key: step for step in before.steps} if before else {}
    for step in after.steps:
        if not step.started:
            continue
        old = old_steps.get(step.key)
        if old is None or (old.status, old.summary) != (step.status, step.summary):
            lines.append(Text("  ") + step_header(step))
        seen = {message.key for message in old.messages} if old else set()
        lines.extend(Text("    ") + bullet(m) for m in step.messages if m.key not in seen)
        progress = progress_text(step)
        if progress is not None and (old is None or old.progress != step.progress):
            lines.append(Text("    ") + progress)
        if step.request is not None and (old is None or old.request != step.request):
            lines.append(Text("    ") + request_block(after, step.request))
    error = run_error(after)
    if error is not None and (before is None or before.error != after.error):
        lines.append(Text("  ") + error)
    return lines


# ---- reviews --------------------------------------------------------------------------------


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def review_view(
    run: Run,
    step: Step,
    request: Request,
    absolute: Callable[[str], str] = str,
    zone: tzinfo | None = None,
) -> RenderableType:
    """What a pending review asks: the configuration, the candidate file(s), the cues."""
    details = step.details
    parts: list[RenderableType] = [run_header(run), Text("  ") + step_header(step)]
    heading = Text(request.title, style="bold yellow")
    rounds = rounds_left(request)
    if rounds:
        heading.append(f" · {rounds}", style="dim")
    if request.expires_at:
        heading.append(f" · {deadline_in_words(request.expires_at, zone)}", style="dim")
    parts.append(heading)
    if details.configuration is not None:
        changed = {change.field: change for change in details.changes}
        table = Table("Setting", "Value", "Was", box=None, pad_edge=False)
        for name, value in details.configuration.items():
            change = changed.get(name)
            table.add_row(
                name,
                Text(_value(value), style="bold" if change else ""),
                _value(change.before) if change else "",
            )
        parts.append(table)
    if details.prompt:
        parts.append(Text(f"Prompt: {details.prompt}"))
    if details.text:
        parts.append(Text(f"Words: {details.text}"))
    candidates = details.candidates or ((details.candidate,) if details.candidate else ())
    if len(candidates) > 1:
        # Lines, not a table: a table cuts a long URL short ("…"), and both the ID (to pass
        # to --choose) and the URL (to open) must stay whole to be copied.
        parts.append(Text(f"Choose one of {len(candidates)} candidates (--choose ID):"))
        for number, asset in enumerate(candidates, start=1):
            line = Text(f"  {number}. ")
            line.append(asset.id, style="bold")
            line.append(f"  {absolute(asset.url)}")
            parts.append(line)
    elif candidates:
        parts.append(Text(f"New:     {absolute(candidates[0].url)}"))
    if details.previous is not None:
        parts.append(Text(f"Current: {absolute(details.previous.url)}"))
    if details.cues:
        table = Table("#", "From", "To", "Text", box=None, pad_edge=False)
        for cue in details.cues:
            table.add_row(
                str(cue.number), f"{cue.start_seconds:.1f}", f"{cue.end_seconds:.1f}", cue.text
            )
        parts.append(table)
    return Group(*parts)
