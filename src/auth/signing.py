"""Signed asset URLs: an `<img src>` cannot send a bearer token, so the URL itself carries an
HMAC of the asset and its owner. Without the server's secret no one can forge one."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from pathlib import Path
from uuid import UUID


class AssetSigner:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    @classmethod
    def from_file(cls, path: Path) -> AssetSigner:
        """The secret in `path`, created (0600) on first use."""
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return cls(path.read_text().strip().encode())

    def signature(self, asset_id: UUID, owner_id: UUID) -> str:
        digest = hmac.new(self._secret, f"{asset_id}:{owner_id}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()[:18]).decode()

    def verify(self, asset_id: UUID, owner_id: UUID, signature: str) -> bool:
        return hmac.compare_digest(self.signature(asset_id, owner_id), signature)
