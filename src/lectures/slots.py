"""Asset slot names of a lecture: what each holds and where it sits in the video."""

from __future__ import annotations

import re
from dataclasses import dataclass

COVER = "cover"
SCORE = "score"
_IMAGE = re.compile(r"segment-([1-9][0-9]*)-image-([1-9][0-9]*)")
_NARRATION = re.compile(r"segment-([1-9][0-9]*)-narration")


@dataclass(frozen=True, order=True)
class ImageSlot:
    """`cover` (no segment), or picture `position` of `segment`: `segment-N-image-K`."""

    segment: int
    """0 for the cover, which comes first."""
    position: int
    name: str


def image_slot(name: str) -> ImageSlot | None:
    if name == COVER:
        return ImageSlot(segment=0, position=0, name=name)
    found = _IMAGE.fullmatch(name)
    if found is None:
        return None
    return ImageSlot(segment=int(found[1]), position=int(found[2]), name=name)


def narration_segment(name: str) -> int | None:
    """The segment a `segment-N-narration` slot narrates; None for any other slot."""
    found = _NARRATION.fullmatch(name)
    return None if found is None else int(found[1])


def image_slot_name(segment: int, position: int) -> str:
    return f"segment-{segment}-image-{position}"


def narration_slot_name(segment: int) -> str:
    return f"segment-{segment}-narration"


IMAGE_SLOT_PATTERN = r"^(cover|segment-[1-9][0-9]{0,2}-image-[1-6])$"
"""What an image slot input may say (up to 999 segments of up to 6 pictures)."""
