"""Step node types, one module per workflow kind; importing registers them."""

from src.gql.steps import image

__all__ = ["image"]
