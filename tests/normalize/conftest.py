"""The Hypothesis profiles of these tests ("ci", "long") are registered in tests/conftest.py."""
