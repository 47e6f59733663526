"""The Grafana dashboard plots only series the service exports."""

from __future__ import annotations

import json
import re
from pathlib import Path

from src.ops.metrics import REGISTRY

DASHBOARD = Path(__file__).parents[2] / "docs" / "grafana-dashboard.json"


def test_every_dashboard_query_names_an_exported_series() -> None:
    exported = {sample.name for family in REGISTRY.collect() for sample in family.samples} | {
        family.name for family in REGISTRY.collect()
    }
    dashboard = json.loads(DASHBOARD.read_text())
    named = {
        name
        for panel in dashboard["panels"]
        for target in panel["targets"]
        for name in re.findall(r"agent_progress_[a-z_]+", target["expr"])
    }
    assert len(named) >= 15
    missing = {
        n
        for n in named
        if n not in exported and re.sub(r"_(total|bucket|count|sum)$", "", n) not in exported
    }
    assert missing == set()
