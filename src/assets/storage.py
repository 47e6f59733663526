"""Blob storage for asset files: content-addressed, so a file's name is its cache-busting key."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


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


class LocalBlobStorage:
    """Files under one directory, named by their SHA-256."""

    def __init__(self, root: Path) -> None:
        self._root = root

    async def put(self, data: bytes, media_type: str) -> StoredBlob:
        digest = hashlib.sha256(data).hexdigest()
        key = f"{digest[:2]}/{digest}{extension_for(media_type)}"
        target = self._root / key
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a reader never sees half a file.
            fd, tmp = tempfile.mkstemp(dir=target.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        return StoredBlob(key=key, content_hash=digest, byte_size=len(data))

    def path(self, key: str) -> Path | None:
        candidate = (self._root / key).resolve()
        if self._root.resolve() not in candidate.parents or not candidate.is_file():
            return None
        return candidate
