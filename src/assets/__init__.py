"""Versioned media assets: blob storage and the per-lecture asset library."""

from src.assets.library import AssetLibrary, AssetRef, AssetStatus, StoredAsset
from src.assets.storage import AssetNotSaved, BlobStorage, LocalBlobStorage, StoredBlob

__all__ = [
    "AssetLibrary",
    "AssetNotSaved",
    "AssetRef",
    "AssetStatus",
    "BlobStorage",
    "LocalBlobStorage",
    "StoredAsset",
    "StoredBlob",
]
