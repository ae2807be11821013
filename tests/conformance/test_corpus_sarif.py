"""SARIF of a whole-corpus run: valid for the schema and for GitHub code scanning.

`layerlint check --format sarif ../shared/corpus`, run from this repository over the
1,140 real Dockerfiles of the shared corpus, must validate against the OASIS schema
and pass every GitHub rule in tests/sarif_checks.py, sizes included. The corpus lies
outside this repository's work tree, so its URIs are relative to the corpus folder.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

from ..sarif_checks import github_problems, requires_schema, schema_errors
from .shared import CORPUS, ROOT, corpus_files, requires_corpus


@requires_corpus
@requires_schema
def test_corpus_sarif_is_valid_for_the_schema_and_for_github() -> None:
    command = [sys.executable, "-m", "layerlint", "check", "--format", "sarif", str(CORPUS)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    assert "warning: SARIF" not in result.stderr, result.stderr
    text = result.stdout
    log = json.loads(text)
    assert schema_errors(log) == []
    assert github_problems(text) == []
    run = log["runs"][0]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    owners = {path.parent.name for path in corpus_files()}
    assert uris and all(uri.split("/")[0] in owners for uri in uris)
    assert len(corpus_files()) >= 1000
    size = len(text.encode("utf-8"))
    gzipped = len(gzip.compress(text.encode("utf-8")))
    print(f"corpus SARIF: {len(run['results'])} results, {size} bytes, {gzipped} gzipped")
