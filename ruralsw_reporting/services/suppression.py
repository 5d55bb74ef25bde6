# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Small-cell suppression: a figure counting fewer than 5 people is not
shown to observers, so that nobody can be recognised from a report."""

THRESHOLD = 5


def is_small(count, threshold=THRESHOLD):
    """Return whether a count of people is a small cell (1 to threshold-1).

    0 is not small: "nobody" reveals no one. None (unknown) is not small.
    """
    if count is None or count is False:
        return False
    return 0 < count < threshold


def suppress(value, count, threshold=THRESHOLD):
    """Return None when ``count`` people is a small cell, else ``value``."""
    return None if is_small(count, threshold) else value


def suppress_row(row, people_key, count_keys, threshold=THRESHOLD):
    """Return a copy of the dict ``row`` for an observer.

    When the row's ``people_key`` counts fewer than ``threshold`` people,
    every value of ``count_keys`` and ``people_key`` becomes None; otherwise
    each count of ``count_keys`` that is itself a small cell does.
    """
    result = dict(row)
    whole = is_small(row.get(people_key), threshold)
    for key in (people_key, *count_keys):
        if key in result and (whole or is_small(result[key], threshold)):
            result[key] = None
    return result
