from __future__ import annotations

import pickle

import pytest

from crawler.core.normalize import NormalizeError


def test_is_a_value_error_with_kind_and_raw() -> None:
    error = NormalizeError("runtime", "2 hours-ish")
    assert isinstance(error, ValueError)
    assert (error.kind, error.raw, error.why) == ("runtime", "2 hours-ish", "")
    assert str(error) == "cannot read a runtime from '2 hours-ish'"


def test_reason_follows_the_quoted_input() -> None:
    error = NormalizeError("awards summary", "N/A", "no award counts")
    assert str(error) == "cannot read an awards summary from 'N/A': no award counts"


def test_long_input_is_shortened_in_the_message_only() -> None:
    raw = "9" * 1000
    error = NormalizeError("count", raw)
    assert error.raw == raw
    assert len(str(error)) < 300


def test_survives_pickling() -> None:
    error = pickle.loads(pickle.dumps(NormalizeError("date", "TBA", "no date")))
    assert (error.kind, error.raw, error.why) == ("date", "TBA", "no date")
    with pytest.raises(NormalizeError, match="TBA"):
        raise error
