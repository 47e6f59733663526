"""`AssetLibrary`: versioned media assets of a lecture.

A generated file is stored as a *candidate*. Accepting it makes it the slot's *current* asset
and the previous current one *superseded*; rejecting it marks it *discarded*. Nothing is ever
overwritten or deleted here, so the old asset survives every reject.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncEngine

from src.assets.storage import BlobStorage, extension_for
from src.db.tables import assets
from src.errors import NotFound


class AssetStatus(StrEnum):
    CANDIDATE = "candidate"
    CURRENT = "current"
    SUPERSEDED = "superseded"
    DISCARDED = "discarded"


class AssetRef(BaseModel):
    """A reference to a stored asset: small enough for step outputs and run state."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: UUID
    slot: str
    media_type: str
    content_hash: str
    byte_size: int
    details: dict[str, Any] = {}
    """Media facts: width/height for images, duration_seconds for audio."""

    @property
    def path(self) -> str:
        """The cache-busting URL path: it changes whenever the content does."""
        return f"/assets/{self.id}/{self.content_hash[:16]}{extension_for(self.media_type)}"


class StoredAsset(BaseModel):
    model_config = ConfigDict(frozen=True)

    ref: AssetRef
    owner_id: UUID
    lecture_id: UUID
    run_id: UUID | None
    status: AssetStatus
    storage_key: str
    created_at: datetime


class AssetLibrary:
    def __init__(self, engine: AsyncEngine, storage: BlobStorage) -> None:
        self._engine = engine
        self.storage = storage

    async def add_candidate(
        self,
        *,
        owner_id: UUID,
        lecture_id: UUID,
        run_id: UUID | None,
        slot: str,
        data: bytes,
        media_type: str,
        details: dict[str, Any],
    ) -> AssetRef:
        blob = await self.storage.put(data, media_type)
        asset_id = uuid.uuid4()
        async with self._engine.begin() as conn:
            await conn.execute(
                sa.insert(assets).values(
                    id=asset_id,
                    owner_id=owner_id,
                    lecture_id=lecture_id,
                    run_id=run_id,
                    slot=slot,
                    status=AssetStatus.CANDIDATE.value,
                    media_type=media_type,
                    content_hash=blob.content_hash,
                    byte_size=blob.byte_size,
                    storage_key=blob.key,
                    details=details,
                )
            )
        return AssetRef(
            id=asset_id,
            slot=slot,
            media_type=media_type,
            content_hash=blob.content_hash,
            byte_size=blob.byte_size,
            details=details,
        )

    async def accept(self, asset_id: UUID) -> AssetRef:
        """Make a candidate current; the slot's previous current asset becomes superseded.

        Accepting an asset that is already current changes nothing (safe to repeat).
        """
        async with self._engine.begin() as conn:
            row = (
                await conn.execute(
                    sa.select(assets).where(assets.c.id == asset_id).with_for_update()
                )
            ).one_or_none()
            if row is None:
                raise NotFound(f"no asset {asset_id}")
            if row.status == AssetStatus.CURRENT:
                return _asset(row).ref
            await conn.execute(
                sa.update(assets)
                .where(
                    assets.c.lecture_id == row.lecture_id,
                    assets.c.slot == row.slot,
                    assets.c.status == AssetStatus.CURRENT.value,
                )
                .values(status=AssetStatus.SUPERSEDED.value, decided_at=sa.func.now())
            )
            await conn.execute(
                sa.update(assets)
                .where(assets.c.id == asset_id)
                .values(status=AssetStatus.CURRENT.value, decided_at=sa.func.now())
            )
        return _asset(row).ref

    async def discard(self, asset_id: UUID) -> None:
        """Mark a candidate discarded; current and superseded assets are left as they are."""
        async with self._engine.begin() as conn:
            await conn.execute(
                sa.update(assets)
                .where(assets.c.id == asset_id, assets.c.status == AssetStatus.CANDIDATE.value)
                .values(status=AssetStatus.DISCARDED.value, decided_at=sa.func.now())
            )

    async def discard_candidates_of_run(self, run_id: UUID) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                sa.update(assets)
                .where(assets.c.run_id == run_id, assets.c.status == AssetStatus.CANDIDATE.value)
                .values(status=AssetStatus.DISCARDED.value, decided_at=sa.func.now())
            )

    async def current(self, lecture_id: UUID, slot: str) -> AssetRef | None:
        query = sa.select(assets).where(
            assets.c.lecture_id == lecture_id,
            assets.c.slot == slot,
            assets.c.status == AssetStatus.CURRENT.value,
        )
        async with self._engine.connect() as conn:
            row = (await conn.execute(query)).one_or_none()
        return None if row is None else _asset(row).ref

    async def current_of_lecture(self, lecture_id: UUID) -> list[AssetRef]:
        """Every slot's current asset of a lecture, in no particular order."""
        query = sa.select(assets).where(
            assets.c.lecture_id == lecture_id, assets.c.status == AssetStatus.CURRENT.value
        )
        async with self._engine.connect() as conn:
            rows = list(await conn.execute(query))
        return [_asset(row).ref for row in rows]

    async def get(self, asset_id: UUID, *, owner_id: UUID | None = None) -> StoredAsset | None:
        query = sa.select(assets).where(assets.c.id == asset_id)
        if owner_id is not None:
            query = query.where(assets.c.owner_id == owner_id)
        async with self._engine.connect() as conn:
            row = (await conn.execute(query)).one_or_none()
        return None if row is None else _asset(row)


def _asset(row: sa.Row[Any]) -> StoredAsset:
    return StoredAsset(
        ref=AssetRef(
            id=row.id,
            slot=row.slot,
            media_type=row.media_type,
            content_hash=row.content_hash,
            byte_size=row.byte_size,
            details=row.details,
        ),
        owner_id=row.owner_id,
        lecture_id=row.lecture_id,
        run_id=row.run_id,
        status=AssetStatus(row.status),
        storage_key=row.storage_key,
        created_at=row.created_at,
    )
