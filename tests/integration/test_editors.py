"""The editor recipes of the README, taken from the README itself and tried.

Without the editors, each recipe's command line is run and its output parsed with
the recipe's own pattern (errorformat, regular expression, JSON selectors). Where
Vim with ALE, Neovim 0.8+ with efm-langserver, or Emacs with flycheck and
dockerfile-mode are installed, the recipes also run in the editor, headless, on an
unsaved buffer. `NVIM=/path/to/nvim` picks a Neovim other than the one on PATH.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from layerlint.findings import Finding, Severity
from layerlint.reporters import Report, renderer

yaml = pytest.importorskip("yaml")

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
BIN = str(Path(sys.executable).parent)
BAD = b'FROM alpine:3.20\nENV PATH\nFORM x\nRUN echo "caf\xe9"\n'
# (line, column, severity, code) that BAD yields with the syntax rules. Other rules
# may add findings as they are written; the tests look at these codes only.
CODES = ("LL1000", "LL1003", "LL1004")
BAD_FINDINGS = [
    (2, 5, "error", "LL1000"),
    (3, 1, "error", "LL1000"),
    (4, 14, "warning", "LL1004"),
]


def ours(lines: list[str]) -> list[str]:
    """The lines that report one of CODES."""
    return [line for line in lines if any(code in line for code in CODES)]


def recipe(first_line: str) -> str:
    """The fenced block of the README whose first line is `first_line`."""
    for block in re.findall(r"^```[^\n]*\n(.*?)^```", README, flags=re.S | re.M):
        if block.splitlines()[0] == first_line:
            return block
    raise AssertionError(f"README has no code block starting with {first_line!r}")


def environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": BIN + os.pathsep + os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "NO_COLOR": "1",
    }


def gnu_lines_of_every_severity() -> list[str]:
    findings = [
        Finding("/p/Dockerfile", 3, 7, 3, 9, "LL1000", "x", severity, "a: message, with [x]")
        for severity in Severity
    ]
    return renderer("gnu")(Report(findings=findings, paths=["/p/Dockerfile"])).splitlines()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "Dockerfile").write_bytes(BAD)
    (tmp_path / "home").mkdir()
    return tmp_path / "project"


# -- VS Code (any-lint) --------------------------------------------------------------------


def _select(expression: str, item: object) -> object:
    """The selector expressions the recipe uses: `$`, `$.field`, and `+` of those and quoted
    strings (any-lint evaluates them with the jexpr library)."""
    values = []
    for term in expression.split(" + "):
        if term == "$" or term == "$$":
            values.append(item)
        elif term.startswith(("$.", "$$.")):
            assert isinstance(item, dict)
            values.append(item[term.split(".", 1)[1]])
        else:
            assert re.fullmatch(r"'[^']*'", term), term
            values.append(term[1:-1])
    if len(values) == 1:
        return values[0]
    return "".join(str(value) for value in values)


def test_vscode_recipe(project: Path) -> None:
    settings = json.loads(
        "\n".join(line for line in recipe("// .vscode/settings.json").splitlines()[1:])
    )
    (linter,) = settings["any-lint.linters"]
    arguments = [arg.replace("${file}", str(project / "Dockerfile")) for arg in linter["args"]]
    result = subprocess.run(
        [linter["binPath"], *arguments],
        cwd=project,
        env=environment(project.parent / "home"),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    diagnostic = linter["diagnostic"]
    assert diagnostic["output"] == "stdout" and diagnostic["type"] == "json"
    assert diagnostic["columnCharacterBased"] is True  # layerlint counts characters
    selectors = diagnostic["selectors"]
    items = _select(selectors["diagnostics"], json.loads(result.stdout))
    assert isinstance(items, list)
    seen = []
    for item in items:
        assert _select(selectors["file"], item) == str(project / "Dockerfile")
        severity = _select(selectors["severity"], item)
        assert severity in diagnostic["severityMap"]
        end = (_select(selectors["endLine"], item), _select(selectors["endColumn"], item))
        start = (_select(selectors["startLine"], item), _select(selectors["startColumn"], item))
        assert end > start
        message = _select(selectors["message"], item)
        assert isinstance(message, str) and message.startswith("LL")
        seen.append((*start, severity, message.split()[0]))
        (action,) = diagnostic["actions"]
        assert _select(action["uri"], item).startswith("https://")  # type: ignore[union-attr]
    assert [finding for finding in seen if finding[3] in CODES] == BAD_FINDINGS
    assert set(diagnostic["severityMap"]) == {severity.label for severity in Severity}


# -- Neovim (efm-langserver) --------------------------------------------------------------


def errorformat_regex(pattern: str) -> tuple[re.Pattern[str], bool]:
    """A Vim errorformat entry (%f %l %c %t %m and literals) as a regular expression;
    the flag says whether it captures a type letter."""
    parts = re.split(r"(%[flctm])", pattern)
    groups = {
        "%f": "(?P<f>.+)",
        "%l": "(?P<l>\\d+)",
        "%c": "(?P<c>\\d+)",
        "%t": "(?P<t>.)",
        "%m": "(?P<m>.*)",
    }
    regex = "".join(groups.get(part, re.escape(part.replace("\\ ", " "))) for part in parts)
    return re.compile(regex + r"\Z"), "%t" in parts


def parse_with_errorformat(formats: list[str], line: str) -> tuple[str, str, str, str]:
    for pattern in formats:
        regex, typed = errorformat_regex(pattern)
        match = regex.match(line)
        if match:
            return match["l"], match["c"], match["t"] if typed else "", match["m"]
    raise AssertionError(f"no format of the recipe matches {line!r}")


EFM_TYPES = {"error": "e", "warning": "w", "info": "i", "style": ""}


def test_efm_recipe_command_and_formats(project: Path) -> None:
    config = yaml.safe_load(recipe("# ~/.config/efm-langserver/config.yaml"))
    tool = config["languages"]["dockerfile"][0]
    assert tool["lint-stdin"] is True
    path = str(project / "Dockerfile")
    command = tool["lint-command"].replace("${INPUT}", path)
    result = subprocess.run(
        ["sh", "-c", command],
        input=BAD,
        cwd=project,
        env=environment(project.parent / "home"),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # efm reads output only on failure
    parsed = [
        parse_with_errorformat(tool["lint-formats"], line)
        for line in ours(result.stdout.decode().splitlines())
    ]
    assert [
        (int(line), int(column), kind, message.split()[0]) for line, column, kind, message in parsed
    ] == [
        (line, column, EFM_TYPES[severity], code) for line, column, severity, code in BAD_FINDINGS
    ]
    for line, severity in zip(gnu_lines_of_every_severity(), Severity, strict=True):
        _, _, kind, message = parse_with_errorformat(tool["lint-formats"], line)
        assert kind == EFM_TYPES[severity.label]
        assert message == "LL1000 a: message, with [x]"
    assert tool["lint-severity"] == 4  # untyped (style) lines become hints


def _nvim() -> str | None:
    candidate = os.environ.get("NVIM") or shutil.which("nvim")
    if candidate is None:
        return None
    version = subprocess.run([candidate, "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"NVIM v(\d+)\.(\d+)", version.stdout)
    return candidate if match and (int(match[1]), int(match[2])) >= (0, 8) else None


NVIM_CHECK = """
local found = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format("%d:%d:%d:%s", d.lnum + 1, d.col + 1, d.severity, d.message))
end
table.sort(lines)
vim.fn.writefile(lines, vim.env.RESULT)
vim.cmd("qa!")
"""


@pytest.mark.skipif(_nvim() is None, reason="Neovim 0.8 or later not found (set NVIM=...)")
@pytest.mark.skipif(shutil.which("efm-langserver") is None, reason="efm-langserver not found")
def test_efm_recipe_in_neovim(project: Path) -> None:
    home = project.parent / "home"
    (home / ".config" / "efm-langserver").mkdir(parents=True)
    (home / ".config" / "nvim").mkdir(parents=True)
    (home / ".config" / "efm-langserver" / "config.yaml").write_text(
        recipe("# ~/.config/efm-langserver/config.yaml")
    )
    (home / ".config" / "nvim" / "init.lua").write_text(
        recipe("-- ~/.config/nvim/init.lua (Neovim 0.8 or later)")
    )
    (home / "check.lua").write_text(NVIM_CHECK)
    (project / "Dockerfile").write_text("FROM alpine:3.20\nENV PATH\n")
    result_file = home / "result.txt"
    nvim = _nvim()
    assert nvim is not None
    subprocess.run(
        [
            nvim,
            "--headless",
            "Dockerfile",
            "-c",
            "call append(line('$'), 'FORM x')",  # unsaved: efm sends the buffer
            "-c",
            f"luafile {home / 'check.lua'}",
        ],
        cwd=project,
        env={**environment(home), "RESULT": str(result_file)},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert ours(result_file.read_text().splitlines()) == [
        "2:5:1:LL1000 ENV PATH has no value: write PATH=value",
        "3:1:1:LL1000 unknown instruction FORM (did you mean FROM?)",
    ]


# -- Vim (ALE and :make) ---------------------------------------------------------------------


def _ale_installed() -> bool:
    roots = [Path("/usr/share/vim/vimfiles"), Path.home() / ".vim"]
    return any(list(root.glob("pack/*/*/ale/autoload/ale.vim")) for root in roots if root.is_dir())


def test_ale_recipe_command_and_fields(project: Path) -> None:
    linter = recipe('" ~/.vim/ale_linters/dockerfile/layerlint.vim')
    command = re.search(r"'command': '([^']*)'", linter)
    assert command is not None
    arguments = shlex.split(command[1].replace("%s", shlex.quote(str(project / "Dockerfile"))))
    result = subprocess.run(
        arguments,
        input=BAD,
        cwd=project,
        env=environment(project.parent / "home"),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    used = set(re.findall(r"l:item\.(\w+)", linter))
    assert used == {"line", "column", "end_line", "end_column", "code", "message", "severity"}
    assert all(used <= set(item) for item in items)
    found = [(i["line"], i["column"], i["severity"], i["code"]) for i in items]
    assert [finding for finding in found if finding[3] in CODES] == BAD_FINDINGS


VIM_RESULT = (
    'call writefile(map({items}, \'v:val.lnum . ":" . v:val.col . ":" . v:val.type . ":"\''
    " . ' . v:val.text'), $RESULT)"
)


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim not found")
@pytest.mark.skipif(not _ale_installed(), reason="ALE not found in Vim's packpath")
def test_ale_recipe_in_vim(project: Path) -> None:
    home = project.parent / "home"
    linters = home / ".vim" / "ale_linters" / "dockerfile"
    linters.mkdir(parents=True)
    (linters / "layerlint.vim").write_text(recipe('" ~/.vim/ale_linters/dockerfile/layerlint.vim'))
    (home / ".vimrc").write_text(
        "set nocompatible\npackadd ale\nfiletype plugin on\n"
        "let g:ale_linters = {'dockerfile': ['layerlint']}\n"
    )
    (project / "Dockerfile").write_text("FROM alpine:3.20\nENV PATH\n")
    result_file = home / "result.txt"
    subprocess.run(
        [
            "vim",
            "-N",
            "-i",
            "NONE",
            "-n",
            "--not-a-term",
            "Dockerfile",
            "-c",
            "call append(line('$'), 'FORM x')",  # unsaved: ALE sends the buffer
            "-c",
            "ALELint",
            "-c",
            "sleep 5",
            "-c",
            VIM_RESULT.format(items="ale#engine#GetLoclist(bufnr(''))"),
            "-c",
            "qa!",
        ],
        cwd=project,
        env={**environment(home), "RESULT": str(result_file)},
        capture_output=True,
        timeout=60,
        check=False,
    )
    expected = [
        "2:5:E:ENV PATH has no value: write PATH=value",
        "3:1:E:unknown instruction FORM (did you mean FROM?)",
    ]
    # ALE's text has no code: keep the expected lines, in the order they came.
    assert [line for line in result_file.read_text().splitlines() if line in expected] == expected


def _vim_errorformat(ftplugin: str) -> list[str]:
    match = re.search(r"setlocal errorformat=((?:\\ |\S)+)", ftplugin)
    assert match is not None
    return match[1].split(",")


def test_vim_make_recipe_formats(project: Path) -> None:
    ftplugin = recipe('" ~/.vim/after/ftplugin/dockerfile.vim')
    makeprg = re.search(r"setlocal makeprg=((?:\\ |\S)+)", ftplugin)
    assert makeprg is not None
    command = makeprg[1].replace("\\ ", " ").replace("%", "Dockerfile")
    result = subprocess.run(
        ["sh", "-c", command],
        cwd=project,
        env=environment(project.parent / "home"),
        capture_output=True,
        check=False,
    )
    formats = _vim_errorformat(ftplugin)
    lines = result.stdout.decode().splitlines()
    assert len(ours(lines)) == len(BAD_FINDINGS)
    for line in lines + gnu_lines_of_every_severity():
        parse_with_errorformat(formats, line)


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim not found")
def test_vim_make_recipe_in_vim(project: Path) -> None:
    home = project.parent / "home"
    ftplugin = home / ".vim" / "after" / "ftplugin"
    ftplugin.mkdir(parents=True)
    (ftplugin / "dockerfile.vim").write_text(recipe('" ~/.vim/after/ftplugin/dockerfile.vim'))
    (home / ".vimrc").write_text("set nocompatible\nfiletype plugin on\n")
    result_file = home / "result.txt"
    subprocess.run(
        [
            "vim",
            "-N",
            "-i",
            "NONE",
            "-n",
            "--not-a-term",
            "Dockerfile",
            "-c",
            "silent make!",
            "-c",
            VIM_RESULT.format(items="getqflist()"),
            "-c",
            "qa!",
        ],
        cwd=project,
        env={**environment(home), "RESULT": str(result_file)},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert ours(result_file.read_text().splitlines()) == [
        "2:5:e:LL1000 ENV PATH has no value: write PATH=value",
        "3:1:e:LL1000 unknown instruction FORM (did you mean FROM?)",
        "4:14:w:LL1004 invalid UTF-8 (1 byte at byte offset 46) replaced by U+FFFD;"
        " save the file as UTF-8",
    ]


# -- Emacs (flycheck, flymake) ---------------------------------------------------------------


def _emacs_has(*features: str) -> bool:
    if shutil.which("emacs") is None:
        return False
    requires = " ".join(f"(require '{feature})" for feature in features)
    result = subprocess.run(
        ["emacs", "--batch", "--eval", f"(progn {requires})"], capture_output=True, check=False
    )
    return result.returncode == 0


def _emacs_regex(elisp_string: str) -> re.Pattern[str]:
    """An Emacs regexp written as an Elisp string, in Python's syntax."""
    text = elisp_string.replace("\\\\", "\\")
    return re.compile(text.replace("\\(", "(").replace("\\)", ")").replace("\\|", "|"))


def test_flymake_recipe_command_and_regex(project: Path) -> None:
    backend = recipe(";; layerlint for flymake")
    command = re.search(r'\(list ("layerlint".*?)\(or buffer-file-name', backend, flags=re.S)
    assert command is not None
    words = re.findall(r'"([^"]*)"', command[1])
    result = subprocess.run(
        [*words, str(project / "Dockerfile"), "-"],
        input=BAD,
        cwd=project,
        env=environment(project.parent / "home"),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pattern = re.search(r'\(re-search-forward\s+"(.*?)"\s+nil t\)', backend, flags=re.S)
    assert pattern is not None
    regex = _emacs_regex(pattern[1])
    matches = [regex.match(line) for line in ours(result.stdout.decode().splitlines())]
    assert [(int(m[2]), int(m[3]), m[4], m[5].split()[0]) for m in matches if m] == BAD_FINDINGS
    for line in gnu_lines_of_every_severity():
        assert regex.match(line), line


EMACS_FLYCHECK = """
(load (getenv "RECIPE"))
(require 'dockerfile-mode)
(find-file "Dockerfile")
(dockerfile-mode)
(goto-char (point-max))
(insert "FORM x\\n")  ; unsaved: flycheck sends the buffer
(setq flycheck-check-syntax-automatically nil)
(flycheck-mode 1)
(flycheck-buffer)
(let ((deadline (+ (float-time) 20)))
  (while (and (flycheck-running-p) (< (float-time) deadline))
    (accept-process-output nil 0.1)))
(let ((errors flycheck-current-errors))
  (with-temp-file (getenv "RESULT")
    (dolist (e errors)
      (insert (format "%s:%s:%s:%s:%s\\n" (flycheck-error-line e) (flycheck-error-column e)
                      (flycheck-error-level e) (flycheck-error-id e)
                      (flycheck-error-message e))))))
"""

EMACS_FLYMAKE = """
(load (getenv "RECIPE"))
(require 'dockerfile-mode)
(find-file "Dockerfile")
(dockerfile-mode)
(goto-char (point-max))
(insert "FORM x\\n")  ; unsaved: the backend sends the buffer
(flymake-start)
(let ((deadline (+ (float-time) 20)))
  (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
    (accept-process-output nil 0.1)))
(let ((lines (mapcar (lambda (d)
                       (format "%s:%s:%s\\n" (line-number-at-pos (flymake-diagnostic-beg d))
                               (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
                     (sort (flymake-diagnostics)
                           (lambda (a b)
                             (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))
  (with-temp-file (getenv "RESULT")
    (apply #'insert lines)))
"""


def _run_emacs(project: Path, recipe_first_line: str, script: str) -> list[str]:
    home = project.parent / "home"
    (home / "recipe.el").write_text(recipe(recipe_first_line))
    (home / "test.el").write_text(script)
    (project / "Dockerfile").write_text("FROM alpine:3.20\nENV PATH\n")
    result_file = home / "result.txt"
    run = subprocess.run(
        ["emacs", "--batch", "-l", str(home / "test.el")],
        cwd=project,
        env={**environment(home), "RECIPE": str(home / "recipe.el"), "RESULT": str(result_file)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result_file.exists(), run.stderr
    return result_file.read_text().splitlines()


@pytest.mark.skipif(
    not _emacs_has("flycheck", "dockerfile-mode"), reason="Emacs with flycheck not found"
)
def test_flycheck_recipe_in_emacs(project: Path) -> None:
    assert ours(_run_emacs(project, ";; layerlint for flycheck", EMACS_FLYCHECK)) == [
        "2:5:error:LL1000:ENV PATH has no value: write PATH=value",
        "3:1:error:LL1000:unknown instruction FORM (did you mean FROM?)",
    ]


@pytest.mark.skipif(
    not _emacs_has("dockerfile-mode"), reason="Emacs with dockerfile-mode not found"
)
def test_flymake_recipe_in_emacs(project: Path) -> None:
    assert ours(_run_emacs(project, ";; layerlint for flymake", EMACS_FLYMAKE)) == [
        "2::error:LL1000 ENV PATH has no value: write PATH=value",
        "3::error:LL1000 unknown instruction FORM (did you mean FROM?)",
    ]
