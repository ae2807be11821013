"""Where the model's build time goes, against the Dockerfile parse of the corpus.

    python tests/bench/model_floor.py [--corpus DIR]

Prints, as a share of the parse time (CPU time, best of five rounds):
- tree-sitter's own parse of every shell script the model reads (C code);
- that parse plus one visit from Python of every node of every tree, reading the
  text of each word (the least any model built on py-tree-sitter must do);
- the whole model build (stages, variables, shell commands, effects, filesystem
  replay of every stage), as bench.py measures it.

The gap between the second and the third row is the model's own Python logic.
Nothing here is a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench import DEFAULT_CORPUS, ROOT, build_models, parse_all  # this directory

ROUNDS = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    options = parser.parse_args()
    if not options.corpus.is_dir():
        print(f"no corpus at {options.corpus}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from layerlint.model import Model
    from layerlint.model.shell import _parser
    from layerlint.nodes import Run
    from layerlint.parse import parse_source
    from layerlint.source import Source

    paths = sorted(p for p in options.corpus.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")
    datas = [(str(path), path.read_bytes()) for path in paths]
    scripts: list[bytes] = []
    for name, data in datas:
        model = Model(parse_source(Source.from_bytes(data, name)))
        for stage in model.stages:
            for node in stage.instructions:
                script = model.script(node) if isinstance(node, Run) else None
                if script is not None and script.text:
                    scripts.append(script.text.encode("utf-8", "surrogatepass"))
    shell = _parser()
    parse_times, shell_times, visit_times, model_times = [], [], [], []
    nodes = 0
    for _ in range(ROUNDS):
        trees, seconds = parse_all(datas)
        parse_times.append(seconds)
        start = time.process_time()
        for script_bytes in scripts:
            shell.parse(script_bytes)
        shell_times.append(time.process_time() - start)
        start = time.process_time()
        nodes = 0
        for script_bytes in scripts:
            stack = [shell.parse(script_bytes).root_node]
            while stack:
                node = stack.pop()
                nodes += 1
                if node.type == "word":
                    script_bytes[node.start_byte : node.end_byte].decode()
                stack.extend(node.children)
        visit_times.append(time.process_time() - start)
        model_times.append(build_models(trees))
    parse = min(parse_times)
    print(f"{len(datas)} files, {len(scripts)} shell scripts, {nodes} tree-sitter nodes")
    print(f"{'Dockerfile parse':48} {parse:7.3f} s")
    for label, times in (
        ("tree-sitter parse of the scripts", shell_times),
        ("  ... plus one Python visit per node", visit_times),
        ("whole model build", model_times),
    ):
        best = min(times)
        print(f"{label:48} {best:7.3f} s  +{best / parse:.0%} of the parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
