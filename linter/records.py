"""`Record`: the base of layerlint's small immutable value classes.

A record declares its fields in `__slots__` (in constructor order) and writes its own
`__init__`, setting each field once with `init`. The base gives immutability,
equality and hashing by value, and a readable repr.

Why not `@dataclass(frozen=True)`: the decorator generates and compiles code for
every class when its module is imported, about a millisecond per class. layerlint
has dozens of such classes on the path of every run, and a linter started on every
save in an editor pays that each time; these hand-written classes cost nothing at
import and as much as a dataclass per instance.
"""

from __future__ import annotations

from typing import Any, ClassVar

init = object.__setattr__
"""Set a field of a record being constructed (records refuse plain assignment)."""


class Record:
    """Immutable value with named fields, compared and hashed by value."""

    __slots__ = ()
    fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Fields in constructor order: inherited ones first, then this class's slots.
        own = tuple(name for name in cls.__dict__.get("__slots__", ()) if not name.startswith("_"))
        cls.fields = tuple(dict.fromkeys(getattr(cls, "fields", ()) + own))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable (cannot delete {name!r})")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.fields)
        return f"{type(self).__name__}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, self._values())

    def replace(self, **changes: Any) -> Any:
        """A copy with some fields changed (the constructor takes fields in order)."""
        values = [changes.pop(name, getattr(self, name)) for name in self.fields]
        if changes:
            raise TypeError(f"{type(self).__name__} has no field {next(iter(changes))!r}")
        return self.__class__(*values)


class TextProblem(Record):
    """A problem found while reading the source text, at character offsets start..end."""

    __slots__ = ("start", "end", "message")

    start: int
    end: int
    message: str

    def __init__(self, start: int, end: int, message: str) -> None:
        init(self, "start", start)
        init(self, "end", end)
        init(self, "message", message)
