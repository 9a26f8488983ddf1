"""The version every record carries. Bump the major part on a breaking change and log it in CHANGELOG.md."""

SCHEMA_VERSION = "1.2"
