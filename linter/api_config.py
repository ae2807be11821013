"""Turning the API's `config` argument into Settings."""

from __future__ import annotations

from typing import Any

from .settings import DEFAULT_SETTINGS, Settings


def settings_for_api(config: Any, path: str | None) -> Settings:
    """None → defaults; a Settings → itself; a path → that configuration file."""
    if config is None:
        return DEFAULT_SETTINGS
    if isinstance(config, Settings):
        return config
    from .config import load_config_file

    return load_config_file(str(config))
