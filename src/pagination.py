"""Keyset pages: opaque cursors on (created_at, id), and the page size limit every list shares."""

from __future__ import annotations

import base64
from datetime import datetime
from uuid import UUID

from src.errors import InvalidInput

MAX_PAGE = 100


def check_first(first: int) -> None:
    if not 1 <= first <= MAX_PAGE:
        raise InvalidInput(f"first is 1 to {MAX_PAGE}", field=("first",))


def encode_page_cursor(created_at: datetime, row_id: UUID) -> str:
    raw = f"{created_at.isoformat()}|{row_id}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_page_cursor(cursor: str) -> tuple[datetime, UUID]:
    try:
        created, row_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        return datetime.fromisoformat(created), UUID(row_id)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("not a cursor from this API", field=("after",)) from None
