from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def anchor_file(settings: Any, tmp_path: Path) -> Path:
    """Each test has its own anchor file, outside the database, and none until it writes one."""
    path = tmp_path / "anchors" / "audit-anchor.json"
    settings.AUDIT_ANCHOR_FILE = path
    return path
