"""Where the shared conformance data lives, and a skip marker when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("LAYERLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
CONFORMANCE = SHARED / "conformance"

requires_shared = pytest.mark.skipif(
    not CONFORMANCE.is_dir(),
    reason=f"shared conformance data not found at {SHARED} (set LAYERLINT_SHARED); "
    "conformance checks run in .ci/run",
)
requires_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"shared corpus not found at {CORPUS} (set LAYERLINT_SHARED); "
    "corpus checks run in .ci/run",
)


def corpus_files() -> list[Path]:
    """Every Dockerfile of the shared corpus, sorted (empty when it is absent)."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.glob("*/*") if p.is_file() and p.name != "MANIFEST.tsv")
