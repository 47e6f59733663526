"""`RoutedRequest`: the text model's answer to "which workflow does this sentence start?"."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class RoutedRequest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str = Field(description="The chosen workflow kind's key.")
    reason: str = Field(description="Why this workflow, in one sentence.")
    request: str = Field(description="The person's request, verbatim.")
    subject: str | None = Field(description="For an image: what the picture shows.")
    segment: int | None = Field(description="For narration: which segment (1-based).")
    music_style: str | None = Field(description="For a background score: the music style.")
