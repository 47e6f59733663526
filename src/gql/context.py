"""The per-request GraphQL context: who is asking, and the services resolvers may call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from strawberry.types import Info as _Info

from src.assets.library import AssetLibrary
from src.runs.service import Viewer, WorkflowService
from src.state.feed import ChangeFeed

MAX_SUBSCRIPTIONS_PER_CONNECTION = 20


class ConnectionLimits:
    """Per-connection bookkeeping: a websocket shares one context across its operations."""

    def __init__(self, max_subscriptions: int = MAX_SUBSCRIPTIONS_PER_CONNECTION) -> None:
        self.max_subscriptions = max_subscriptions
        self.open_subscriptions = 0

    @contextmanager
    def subscription(self) -> Iterator[None]:
        if self.open_subscriptions >= self.max_subscriptions:
            raise ValueError(
                f"at most {self.max_subscriptions} subscriptions per connection; close one first"
            )
        self.open_subscriptions += 1
        try:
            yield
        finally:
            self.open_subscriptions -= 1


@dataclass(frozen=True)
class Context:
    viewer: Viewer
    service: WorkflowService
    assets: AssetLibrary
    feed: ChangeFeed
    public_url: str
    """Prefix for asset URLs; empty for URLs relative to this server."""
    coalesce_seconds: float = 0.002
    """How long the subscription gathers a burst of changes into one message."""
    connection: ConnectionLimits = field(default_factory=ConnectionLimits)

    def url(self, path: str) -> str:
        return f"{self.public_url.rstrip('/')}{path}"


Info = _Info[Context, None]
