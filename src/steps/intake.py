"""Starting work from a sentence: the text model picks the workflow kind and fills its input."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from src.lectures.config import LectureConfig
from src.providers.offline import offline_answer
from src.providers.ports import Providers, TextRequest
from src.steps.kind import WorkflowKind, all_kinds
from src.steps.routing import RoutedRequest

INTAKE_SYSTEM = (
    "You route a person's request about a video lecture to one workflow. Choose `kind` from the "
    "list, say briefly why in `reason`, and fill only the fields that workflow needs."
)


def intake_prompt(config: LectureConfig, request: str, kinds: list[WorkflowKind[Any]]) -> str:
    listed = "\n".join(f"- {k.key}: {k.title} — {k.description}" for k in kinds)
    return (
        f"Workflows:\n{listed}\n\nThe lecture is about: {config.prompt or 'not set yet'} "
        f"({config.segment_count} segments).\n\nRequest:\n{request.strip()}"
    )


async def route_request(providers: Providers, config: LectureConfig, request: str) -> RoutedRequest:
    """Ask the text model which workflow a request starts; unknown kinds fall back to full video."""
    kinds = [k for k in all_kinds() if k.from_request is not None]
    answer = await providers.text.structured(
        TextRequest(
            model=config.text_model,
            system=INTAKE_SYSTEM,
            prompt=intake_prompt(config, request, kinds),
            task="route_request",
            context={"request": request, "kinds": [k.key for k in kinds]},
        ),
        RoutedRequest,
    )
    answer = answer.model_copy(update={"request": request})
    if answer.kind not in {k.key for k in kinds}:
        return answer.model_copy(
            update={
                "kind": "full_video",
                "reason": f"{answer.reason} (the model named no known workflow, so a full video)",
            }
        )
    return answer


@offline_answer("route_request")
def route_offline(request: TextRequest) -> BaseModel:
    """Keyword rules: narration, music and image requests by their words; otherwise a video."""
    text: str = request.context["request"]
    lowered = text.lower()
    if re.search(r"narrat|voice[- ]?over|voiceover", lowered):
        segment = re.search(r"segment (\d+)", lowered)
        return RoutedRequest(
            kind="narration",
            request=text,
            reason="The request is about narration audio.",
            subject=None,
            segment=int(segment.group(1)) if segment else None,
            music_style=None,
        )
    if re.search(r"\b(music|score|soundtrack)\b", lowered):
        style = re.search(r"(?:with|make it|more) ([\w ,-]+?) (?:music|score|soundtrack)", lowered)
        return RoutedRequest(
            kind="background_score",
            request=text,
            reason="The request is about the background music.",
            subject=None,
            segment=None,
            music_style=style.group(1).strip() if style else None,
        )
    if re.search(r"\b(image|picture|illustration|cover|photo)\b", lowered) and not re.search(
        r"\b(video|lecture)\b", lowered
    ):
        return RoutedRequest(
            kind="image",
            request=text,
            reason="The request asks for a new picture.",
            subject=text,
            segment=None,
            music_style=None,
        )
    return RoutedRequest(
        kind="full_video",
        request=text,
        reason="The request describes a whole lecture.",
        subject=None,
        segment=None,
        music_style=None,
    )
