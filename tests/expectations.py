"""Reading `# expect:` comments of rule fixtures.

A fixture is a realistic Dockerfile; an own-line comment directly above an
instruction says which findings that instruction must produce:

    # expect: LL5001            the finding starts on the next line (blank lines and
                                other expectations skipped), at its first column
    # expect: LL5001:7          ... at column 7
    # expect: LL5001:+2:9       ... on the 2nd line after the first, column 9
    # expect: LL5001:7, LL5003:12   several findings

Every finding of the rule under test must be expected, and every expectation met.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EXPECT = re.compile(r"#\s*expect:\s*(.+?)\s*$")
_ITEM = re.compile(r"([A-Za-z]+\d+)(?::(\+\d+):(\d+)|:(\d+))?\Z")


@dataclass(frozen=True, order=True)
class Expected:
    code: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.code}@{self.line}:{self.column}"


def read_expectations(text: str) -> list[Expected]:
    """Expectations of a fixture, resolved to lines and columns.

    An expectation applies to the next line that is neither blank nor another
    expectation: normally the first line of an instruction.
    """
    lines = text.splitlines()
    expected: list[Expected] = []
    for number, line in enumerate(lines, start=1):
        match = _EXPECT.match(line.strip())
        if not match:
            continue
        target = number + 1
        while target <= len(lines) and (
            not lines[target - 1].strip() or _EXPECT.match(lines[target - 1].strip())
        ):
            target += 1
        if target > len(lines):
            raise ValueError(f"line {number}: expectation with no line after it")
        target_text = lines[target - 1]
        first_column = len(target_text) - len(target_text.lstrip()) + 1
        for item in match.group(1).split(","):
            item_match = _ITEM.match(item.strip())
            if not item_match:
                raise ValueError(f"line {number}: cannot read expectation {item!r}")
            code, offset, offset_column, column = item_match.groups()
            line_number = target + (int(offset) if offset else 0)
            if offset_column:
                col = int(offset_column)
            elif column:
                col = int(column)
            else:
                col = first_column
            expected.append(Expected(code.upper(), line_number, col))
    return sorted(expected)
