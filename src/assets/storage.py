"""Blob storage for asset files: content-addressed, so a file's name is its cache-busting key."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import mimetypes
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from src.errors import RESUME_OR_RERUN, AppError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredBlob:
    key: str
    content_hash: str
    byte_size: int


class BlobStorage(Protocol):
    """Where asset bytes live. The local directory is the default; object storage fits here."""

    async def put(self, data: bytes, media_type: str) -> StoredBlob: ...

    def path(self, key: str) -> Path | None:
        """A local file for `key`, if this storage keeps one."""
        ...


def extension_for(media_type: str) -> str:
    return {"audio/wav": ".wav", "audio/mpeg": ".mp3"}.get(
        media_type, mimetypes.guess_extension(media_type) or ".bin"
    )


class AssetNotSaved(AppError):
    """The file could not be written (disk full, directory blocked or unwritable). The detail
    goes to the log; the person reads a plain sentence. Retriable: a full disk may clear."""

    retriable = True

    @classmethod
    def of(cls, media_type: str) -> AssetNotSaved:
        noun = {"image": "image", "audio": "audio"}.get(media_type.split("/")[0], "file")
        return cls(f"The {noun} could not be saved. {RESUME_OR_RERUN}")


class LocalBlobStorage:
    """Files under one directory, named by their SHA-256."""

    def __init__(self, root: Path) -> None:
        self._root = root

    async def put(self, data: bytes, media_type: str) -> StoredBlob:
        # Hashing and writing a file of up to a few MB (a narration, a score) is CPU and disk
        # work: in a thread, so the event loop keeps serving requests meanwhile.
        return await asyncio.to_thread(self._put, data, media_type)

    def _put(self, data: bytes, media_type: str) -> StoredBlob:
        digest = hashlib.sha256(data).hexdigest()
        key = f"{digest[:2]}/{digest}{extension_for(media_type)}"
        target = self._root / key
        if not target.is_file():
            try:
                _write_whole(target, data)
            except OSError:
                log.warning("could not write asset file %s", target, exc_info=True)
                raise AssetNotSaved.of(media_type) from None
        return StoredBlob(key=key, content_hash=digest, byte_size=len(data))

    def path(self, key: str) -> Path | None:
        candidate = (self._root / key).resolve()
        if self._root.resolve() not in candidate.parents or not candidate.is_file():
            return None
        return candidate


def _write_whole(target: Path, data: bytes) -> None:
    """Write then rename, so a reader never sees half a file; a failed write leaves none."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
