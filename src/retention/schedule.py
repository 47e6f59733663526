"""The age limit's spelling (`30d`, `12h`) and the in-app periodic job."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from src.assets.storage import BlobStorage
from src.retention.cleanup import Cleanup

log = logging.getLogger(__name__)

_AGE = re.compile(r"(\d+(?:\.\d+)?)\s*([dhm]?)")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "": "days"}


def parse_age(text: str) -> timedelta:
    """`30d`, `12h`, `90m`, or a bare number of days."""
    match = _AGE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not an age: {text!r} (say 30d, 12h or 90m)")
    amount, unit = match.groups()
    age = timedelta(**{_UNITS[unit]: float(amount)})
    if age <= timedelta(0):
        raise ValueError("the age must be more than zero")
    return age


async def run_periodically(
    engine: AsyncEngine, storage: BlobStorage, older_than: timedelta, every_seconds: float
) -> None:
    """Clean up now and then every `every_seconds`; a failed pass is logged and retried."""
    job = Cleanup(engine, storage)
    while True:
        try:
            await job.run(older_than)
        except Exception:
            log.warning("retention pass failed; the next one retries", exc_info=True)
        await asyncio.sleep(every_seconds)
