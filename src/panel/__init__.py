"""The Agent Progress panel: the built web app (`static/`, from `web/`) served by the API app."""

from src.panel.routes import STATIC_DIR, graphiql_page, panel_routes

__all__ = ["STATIC_DIR", "graphiql_page", "panel_routes"]
