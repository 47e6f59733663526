"""Step node types are derived from the payload models: a payload field cannot be left out of
the API unnoticed, and the single-asset steps share one `ReviewedAsset` interface."""

from __future__ import annotations

from typing import Literal

import pytest
from graphql import GraphQLInterfaceType, GraphQLObjectType, GraphQLUnionType

from src.assets.library import AssetRef
from src.gql.derive import Shown, derive_step_node
from src.gql.schema import schema
from src.state.payloads import Payload


class _Sketch(Payload):
    kind: Literal["test_sketch"] = "test_sketch"
    caption: str
    pictures: tuple[AssetRef, ...]


def test_a_payload_field_without_a_description_is_refused() -> None:
    with pytest.raises(ValueError, match="describe exactly the fields of _Sketch"):
        derive_step_node(
            kind="test_kind",
            step="sketch",
            name="SketchStep",
            description="A sketch.",
            payload=_Sketch,
            shown={"caption": Shown("The caption.")},
        )


def test_the_single_asset_steps_share_the_reviewed_asset_interface() -> None:
    reviewed = schema._schema.get_type("ReviewedAsset")
    union = schema._schema.get_type("WorkflowStep")
    assert isinstance(reviewed, GraphQLInterfaceType)
    assert isinstance(union, GraphQLUnionType)
    implementing = {
        t.name for t in union.types if isinstance(t, GraphQLObjectType) and reviewed in t.interfaces
    }
    # Every single-asset kind's step; a new kind of that shape joins them.
    assert implementing >= {
        "ImageGenerationStep",
        "NarrationGenerationStep",
        "ScoreGenerationStep",
    }
    assert set(reviewed.fields) == {"candidate", "candidates", "previous", "decision", "review"}
