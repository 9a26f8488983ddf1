"""The one exception the normalisers raise.

Page text is untrusted and often odd, so every normaliser either returns a typed
value or raises :class:`NormalizeError`. Callers catch this single type and keep
the raw text instead of a wrong value; any other exception escaping a normaliser
is a bug.
"""

from __future__ import annotations

_MAX_QUOTED = 160


class NormalizeError(ValueError):
    """Text that cannot be read as the wanted kind of value.

    ``kind`` names what was wanted ("runtime", "date", ...), ``raw`` is the full
    input and ``why`` an optional short reason. The message quotes the input.
    """

    kind: str
    raw: str
    why: str

    def __init__(self, kind: str, raw: str, why: str = "") -> None:
        self.kind = kind
        self.raw = raw
        self.why = why
        shown = raw if len(raw) <= _MAX_QUOTED else raw[:_MAX_QUOTED] + "…"
        article = "an" if kind[:1].lower() in "aeiou" else "a"
        message = f"cannot read {article} {kind} from {shown!r}"
        if why:
            message = f"{message}: {why}"
        super().__init__(message)

    def __reduce__(self) -> tuple[type[NormalizeError], tuple[str, str, str]]:
        # The default pickling would call __init__ with the message only.
        return (type(self), (self.kind, self.raw, self.why))
