"""The per-request GraphQL context: who is asking, and the services resolvers may call."""

from __future__ import annotations

from dataclasses import dataclass

from strawberry.types import Info as _Info

from src.assets.library import AssetLibrary
from src.runs.service import Viewer, WorkflowService
from src.state.feed import ChangeFeed


@dataclass(frozen=True)
class Context:
    viewer: Viewer
    service: WorkflowService
    assets: AssetLibrary
    feed: ChangeFeed
    public_url: str
    """Prefix for asset URLs; empty for URLs relative to this server."""

    def url(self, path: str) -> str:
        return f"{self.public_url.rstrip('/')}{path}"


Info = _Info[Context, None]
