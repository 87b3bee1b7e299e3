"""Shared fixtures: one pipeline for the session (building one loads the gazetteers) and
example texts written for these tests."""

from __future__ import annotations

import pytest

import whosaid

# A short news item: a named speaker with a role, a quote attributed through a pronoun.
HARBOUR = (
    "Marisol Etxeberria, the harbour master of Port Wendell, said the ferry service "
    "would resume next week. “The storm damage was worse than we feared,” she told "
    "reporters."
)

# Non-ASCII text: two astral-plane emoji (one code point each in Python, two UTF-16 units,
# four UTF-8 bytes), accented names, a quotation in curly marks.
RIVER = (
    "🚢🌊 Zoë Núñez-Okafor, who runs a café in Besançon, said the river was “higher "
    "than anyone here remembers.”"
)

# A quote with no cue word (None offsets) and an unclosed quotation mark (a warning row,
# line 3).
UNCLOSED = (
    "“Nobody warned us,” said Priya Raghunathan.\n"
    "Her message was simple: “Leave the harbour now.”\n"
    "The notice read “starts here and never ends."
)


def article(i: int) -> str:
    """A distinct document for batch tests, a few sentences long, its number in it."""
    return (
        f"Item {i}. Tomasz Ilunga-Berg, a spokesman for the Kestrel Valley Water Board, "
        f"said the reservoir held {i} million litres. “We are watching the levels every "
        f"hour,” he told reporters. Residents said the restrictions on case {i} were fair."
    )


@pytest.fixture(scope="session")
def pipeline() -> whosaid.Pipeline:
    return whosaid.Pipeline()
