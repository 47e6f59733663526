"""Shared by the three roles: constants, ID and cursor decoding, percentiles."""

from __future__ import annotations

import base64
import math
import resource
from collections.abc import Sequence
from pathlib import Path

WANT_FILES = 40000
RAW_CHANNEL = "bench_latency_raw"
GC_MARK = "bench-gc"
CENSUS_MARK = "bench-census"
ROOT = Path(__file__).resolve().parents[2]
"""The checkout: the two subprocesses run `python -m bench.latency` from it."""
MODULE = "bench.latency"
SUBSCRIPTION = (
    "subscription($lectureId: ID) { runChanges(lectureId: $lectureId) { runIds cursor } }"
)
CREATE_LECTURE = """
mutation($input: CreateLectureInput!) {
  createLecture(input: $input) { lecture { id } userErrors { message } }
}
"""


def raise_file_limit(want: int = WANT_FILES) -> int:
    """Raise the soft open-files limit towards `want` (bounded by the hard limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < want:
        target = want if hard == resource.RLIM_INFINITY else min(want, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return int(soft)


def encode_gid(type_name: str, node_id: object) -> str:
    """A relay global ID, `base64("Type:id")`."""
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


def decode_global_id(gid: str) -> str:
    """`base64("Type:uuid")` -> `uuid`."""
    return base64.b64decode(gid).decode().split(":", 1)[1]


def decode_feed_cursor(cursor: str) -> int:
    """The change cursor's number: a plain integer, or opaque `base64("changes:N")`."""
    if cursor.isdigit():
        return int(cursor)
    return int(base64.urlsafe_b64decode(cursor.encode()).decode().rsplit(":", 1)[-1])


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted sequence."""
    index = max(0, math.ceil(q / 100 * len(sorted_values)) - 1)
    return sorted_values[index]


# =============================================================================================
# role: server
# =============================================================================================
