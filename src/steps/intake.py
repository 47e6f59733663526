"""Starting work from a sentence: the text model picks the workflow kind and fills its input.

The kinds are learnt from their declarations (`WorkflowKind.route`): the answer's shape has one
nullable field per kind (that kind's `Route.fields`), the prompt lists each kind's title and
description, and the offline twin asks each kind's `Route.offline` in rank order."""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field, create_model

from src.lectures.config import LectureConfig
from src.providers.offline import offline_answer
from src.providers.ports import Providers, TextRequest
from src.steps.kind import Route, WorkflowKind
from src.steps.registry import KINDS

INTAKE_SYSTEM = (
    "You route a person's request about a video lecture to one workflow. Choose `kind` from the "
    "list, say briefly why in `reason`, and fill only the field of that workflow (leave the "
    "other workflows' fields null)."
)


class RoutedRequest(BaseModel):
    """The text model's answer to "which workflow does this sentence start?"."""

    model_config = ConfigDict(frozen=True)

    kind: str = Field(description="The chosen workflow kind's key.")
    reason: str = Field(description="Why this workflow, in one sentence.")
    request: str = Field(description="The person's request, verbatim.")

    def fields_for(self, kind: str) -> BaseModel | None:
        value = getattr(self, kind, None)
        return value if isinstance(value, BaseModel) else None


def routable_kinds() -> list[WorkflowKind[Any]]:
    return [k for k in KINDS if k.route is not None]


def _route(kind: WorkflowKind[Any]) -> Route:
    assert kind.route is not None
    return kind.route


@cache
def routed_model() -> type[RoutedRequest]:
    """The answer's shape: kind, reason, request, and one nullable field per routable kind."""
    return cast(
        type[RoutedRequest],
        create_model(  # type: ignore[call-overload]
            "RoutedRequest",
            __base__=RoutedRequest,
            **{
                k.key: (
                    _route(k).fields | None,
                    Field(description=f"Only for {k.key}: {k.title}."),
                )
                for k in routable_kinds()
            },
        ),
    )


def intake_prompt(config: LectureConfig, request: str, kinds: list[WorkflowKind[Any]]) -> str:
    listed = "\n".join(f"- {k.key}: {k.title} — {k.description}" for k in kinds)
    return (
        f"Workflows:\n{listed}\n\nThe lecture is about: {config.prompt or 'not set yet'} "
        f"({config.segment_count} segments).\n\nRequest:\n{request.strip()}"
    )


def kind_input(routed: RoutedRequest, kind: WorkflowKind[Any]) -> dict[str, Any]:
    """The chosen kind's raw input from the answer (its fields, or empty ones)."""
    route = _route(kind)
    fields = routed.fields_for(kind.key)
    if not isinstance(fields, route.fields):
        fields = route.fields.model_validate({n: None for n in route.fields.model_fields})
    return dict(route.to_input(fields, routed.request))


async def route_request(providers: Providers, config: LectureConfig, request: str) -> RoutedRequest:
    """Ask the text model which workflow a request starts; an unknown kind falls back to the
    kind whose route says `fallback`."""
    kinds = routable_kinds()
    answer = await providers.text.structured(
        TextRequest(
            model=config.text_model,
            system=INTAKE_SYSTEM,
            prompt=intake_prompt(config, request, kinds),
            task="route_request",
            context={"request": request, "kinds": [k.key for k in kinds]},
        ),
        routed_model(),
    )
    answer = answer.model_copy(update={"request": request})
    if answer.kind not in {k.key for k in kinds}:
        fallback = next(k for k in kinds if _route(k).fallback)
        return answer.model_copy(
            update={
                "kind": fallback.key,
                "reason": f"{answer.reason} (the model named no known workflow, so "
                f"{fallback.title.lower()})",
            }
        )
    return answer


@offline_answer("route_request")
def route_offline(request: TextRequest) -> BaseModel:
    """Each kind's own keyword rule, in rank order; the first that recognises the sentence."""
    text: str = request.context["request"]
    for kind in sorted(routable_kinds(), key=lambda k: _route(k).offline_rank):
        route = _route(kind)
        fields = route.offline(text)
        if fields is not None:
            return routed_model().model_validate(
                {
                    "kind": kind.key,
                    "reason": route.offline_reason,
                    "request": text,
                    **{k.key: None for k in routable_kinds()},
                    kind.key: fields.model_dump(),
                }
            )
    raise AssertionError("the fallback kind's offline route recognises every sentence")
