"""The version every record carries. Bump the major part on a breaking change and log it in CHANGELOG.md."""

from typing import Final, Literal

# The type of the records' schema_version field (a Literal of a constant is not a valid type to mypy); mypy checks
# that SCHEMA_VERSION below matches it, so a bump that changes one and not the other fails the type check.
SchemaVersion = Literal["1.2"]

SCHEMA_VERSION: Final[SchemaVersion] = "1.2"
