"""Test-wide settings: keep the result cache out of the user's home."""

from __future__ import annotations

import os
import tempfile

# Every CLI run in the tests (in-process or as a subprocess) caches into a private
# directory, so tests neither read stale results nor litter ~/.cache.
os.environ["LAYERLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="layerlint-test-cache-")
