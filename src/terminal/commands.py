"""The terminal client's subcommands for `agent-progress` (src/cli.py): their arguments, and
running one with every API failure printed as a plain sentence and a non-zero exit."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from rich.console import Console

from src.terminal.review import Flags, review
from src.terminal.start import KINDS, StartOptions, start
from src.terminal.transport import DEFAULT_URL, TOKEN_VARIABLE, Api, ApiError, Endpoint
from src.terminal.watch import watch

COMMANDS = ("watch", "review", "start")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds `watch`, `review` and `start` to the `agent-progress` parser."""
    connection = argparse.ArgumentParser(add_help=False)
    connection.add_argument(
        "--url", default=DEFAULT_URL, help=f"the server (default {DEFAULT_URL})"
    )
    connection.add_argument(
        "--token",
        default=None,
        help=f"a bearer token (default: ${TOKEN_VARIABLE}); needed when the server uses tokens",
    )

    watching = commands.add_parser(
        "watch",
        parents=[connection],
        help="show a lecture's Agent Progress live in the terminal",
        description="Show a lecture's runs as the panel does, live. Without --lecture: the "
        "lecture of your newest run (else your newest lecture).",
    )
    watching.add_argument("--lecture", default=None, help="the lecture's ID")
    watching.add_argument(
        "--until-done", action="store_true", help="exit once every run shown has finished"
    )

    reviewing = commands.add_parser(
        "review",
        parents=[connection],
        help="show and answer a run's pending review",
        description="Show what the run's pending review asks; answer with one option, or "
        "interactively when none is given on a terminal.",
    )
    reviewing.add_argument("run_id", metavar="RUN_ID")
    answer = reviewing.add_mutually_exclusive_group()
    answer.add_argument("--accept", action="store_true", help="accept as it is")
    answer.add_argument("--reject", action="store_true", help="reject (keeps what is in use)")
    answer.add_argument(
        "--edit-json",
        metavar="FILE",
        help="accept with edits: a JSON object from FILE, or - for standard input",
    )
    answer.add_argument(
        "--editor", action="store_true", help="edit the review as JSON in $EDITOR, then accept"
    )
    answer.add_argument("--choose", metavar="ASSET_ID", help="accept this one of the candidates")
    answer.add_argument(
        "--request-changes", metavar="FEEDBACK", help="ask for another try, saying what to change"
    )

    starting = commands.add_parser(
        "start",
        parents=[connection],
        help="start a workflow run and print its ID",
        description="Start a run on --lecture, or on a new lecture named after the prompt.",
    )
    starting.add_argument("kind", choices=list(KINDS), metavar="KIND", help=", ".join(KINDS))
    starting.add_argument("--lecture", default=None, help="the lecture's ID (default: a new one)")
    starting.add_argument("--prompt", help="full-video, image: what to make")
    starting.add_argument("--slot", help="image: cover or segment-N-image-K")
    starting.add_argument("--size", choices=["square", "landscape", "portrait"], help="image")
    starting.add_argument("--model", help="image: the image model")
    starting.add_argument("--variations", type=int, help="image: candidates to choose from (1-4)")
    starting.add_argument("--segment", type=int, help="narration: the segment (1-based)")
    starting.add_argument("--text", help="narration: the words to speak")
    starting.add_argument("--voice", help="narration: the voice")
    starting.add_argument("--music-style", help="score: the music's style")
    starting.add_argument("--max-line-length", type=int, help="subtitles: characters per line")
    starting.add_argument(
        "--watch", action="store_true", help="then follow the lecture until the run finishes"
    )


def endpoint(args: argparse.Namespace) -> Endpoint:
    token = args.token or os.environ.get(TOKEN_VARIABLE) or None
    return Endpoint(url=args.url, token=token)


async def run_command(args: argparse.Namespace, console: Console, errors: Console) -> int:
    async with Api(endpoint(args)) as api:
        if args.command == "watch":
            return await watch(api, console, lecture_id=args.lecture, until_done=args.until_done)
        if args.command == "review":
            flags = Flags(
                accept=args.accept,
                reject=args.reject,
                edit_json=args.edit_json,
                editor=args.editor,
                choose=args.choose,
                request_changes=args.request_changes,
            )
            interactive = sys.stdin.isatty() and console.is_terminal
            return await review(
                api, console, args.run_id, flags, stdin=sys.stdin, interactive=interactive
            )
        options = StartOptions(
            kind=args.kind,
            prompt=args.prompt,
            slot=args.slot,
            size=args.size,
            model=args.model,
            variations=args.variations,
            segment=args.segment,
            text=args.text,
            voice=args.voice,
            music_style=args.music_style,
            max_line_length=args.max_line_length,
        )
        run_id, lecture_id = await start(api, console, errors, options, args.lecture)
        if args.watch:
            return await watch(
                api, console, lecture_id=lecture_id, until_done=True, targets=frozenset({run_id})
            )
        return 0


def main(args: argparse.Namespace) -> int:
    """Runs a terminal command: 0 when it did what was asked; 1 with a plain message when the
    server refused or could not be reached; 130 when interrupted."""
    console = Console()
    errors = Console(stderr=True, soft_wrap=True)
    try:
        return asyncio.run(run_command(args, console, errors))
    except ApiError as error:
        errors.print(
            f"agent-progress {args.command}: {error}", markup=False, highlight=False, soft_wrap=True
        )
        return 1
    except KeyboardInterrupt:
        return 130
