"""Who is asking: bearer tokens, and signed asset URLs."""

from src.auth.signing import AssetSigner
from src.auth.tokens import AccessTokens, bearer
from src.auth.viewer import Viewer

__all__ = ["AccessTokens", "AssetSigner", "Viewer", "bearer"]
