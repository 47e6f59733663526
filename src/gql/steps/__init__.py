"""Step node types, one module per workflow family; importing registers them."""

from src.gql.steps import full_video, image

__all__ = ["full_video", "image"]
