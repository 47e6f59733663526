"""`AccessTokens`: bearer tokens that map to viewers. Only SHA-256 hashes are stored; the
token itself is shown once, when issued."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from src.auth.viewer import Viewer
from src.db.tables import access_tokens, viewers

PREFIX = "ap_"


def token_hash(token: str) -> str:
    # Tokens carry 256 random bits, so a plain hash is enough: nothing to brute-force.
    # surrogatepass: a presented "token" may hold lone surrogates (JSON "\ud800"); it then
    # simply matches nothing instead of failing to encode.
    return hashlib.sha256(token.encode(errors="surrogatepass")).hexdigest()


def bearer(header: str | None) -> str | None:
    """The token in an `Authorization: Bearer …` value (or a bare token), if any."""
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    if value and scheme.lower() == "bearer":
        return value.strip()
    return header.strip() if header.startswith(PREFIX) else None


class AccessTokens:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def issue(self, *, name: str, viewer_id: UUID | None = None) -> tuple[Viewer, str]:
        """A new token for a viewer (a new viewer named `name` unless `viewer_id` is given)."""
        viewer = Viewer(id=viewer_id or uuid.uuid4(), name=name)
        token = PREFIX + secrets.token_urlsafe(32)
        async with self._engine.begin() as conn:
            if viewer_id is None:
                await conn.execute(sa.insert(viewers).values(id=viewer.id, name=name))
            await conn.execute(
                sa.insert(access_tokens).values(
                    id=uuid.uuid4(), viewer_id=viewer.id, token_hash=token_hash(token), label=name
                )
            )
        return viewer, token

    async def viewer(self, token: str) -> Viewer | None:
        """The viewer a live token belongs to; None for unknown or revoked tokens."""
        query = (
            sa.select(viewers.c.id, viewers.c.name)
            .join(access_tokens, access_tokens.c.viewer_id == viewers.c.id)
            .where(
                access_tokens.c.token_hash == token_hash(token),
                access_tokens.c.revoked_at.is_(None),
            )
        )
        async with self._engine.connect() as conn:
            row = (await conn.execute(query)).one_or_none()
        return None if row is None else Viewer(id=row.id, name=row.name)

    async def revoke(self, token: str) -> bool:
        statement = (
            sa.update(access_tokens)
            .where(access_tokens.c.token_hash == token_hash(token))
            .values(revoked_at=sa.func.now())
        )
        async with self._engine.begin() as conn:
            return (await conn.execute(statement)).rowcount > 0
