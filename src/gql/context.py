"""The per-request GraphQL context: who is asking, and the services resolvers may call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from uuid import UUID

from strawberry.types import Info as _Info

from src.assets.library import AssetLibrary, AssetRef
from src.auth.signing import AssetSigner
from src.auth.viewer import Viewer
from src.runs.service import WorkflowService
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


ANONYMOUS = Viewer(id=UUID(int=0), name="anonymous")
"""Owns nothing: the viewer of a websocket until its connection_init authenticates it."""


@dataclass
class Context:
    viewer: Viewer
    """Who is asking; every read and write is scoped to them."""
    service: WorkflowService
    assets: AssetLibrary
    feed: ChangeFeed
    public_url: str
    """Prefix for asset URLs; empty for URLs relative to this server."""
    coalesce_seconds: float = 0.002
    """How long the subscription gathers a burst of changes into one message."""
    shared_fanout: bool = True
    """Live subscription batches executed once per selection and written to every subscriber
    (src/gql/fanout.py); False runs each subscriber's own (the per-subscriber baseline)."""
    connection: ConnectionLimits = field(default_factory=ConnectionLimits)
    signer: AssetSigner | None = None
    """Signs asset URLs; without one, URLs are unsigned (tests of the schema alone)."""
    connection_params: dict[str, object] | None = None
    """The websocket `connection_init` payload (set by Strawberry)."""

    def asset_url(self, ref: AssetRef) -> str:
        """A URL that only the asset's owner is handed: the viewer's own signature."""
        url = f"{self.public_url.rstrip('/')}{ref.path}"
        if self.signer is None:
            return url
        return f"{url}?sig={self.signer.signature(ref.id, self.viewer.id)}"


Info = _Info[Context, None]
