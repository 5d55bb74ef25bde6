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


def equations(keys, parent_of, totals):
    """Return the additive relations between the cells of a table, as
    ``(total key, [part keys])`` pairs: an area's row is the total of its
    sub-areas' rows, and a row whose value at a ``totals`` position is the
    total value (the channel ``all``, say) is the total of the rows with the
    other values there, everything else being equal.

    ``keys`` are tuples whose first item is the area; ``parent_of`` maps an
    area to the area above it; ``totals`` maps a position in the key to the
    value that stands for all the others. Only relations whose total row
    exists are returned (a missing row reveals nothing by subtraction).
    """
    present = set(keys)
    groups = {}
    for key in keys:
        parent = parent_of.get(key[0])
        if parent:
            total = (parent, *key[1:])
            if total in present:
                groups.setdefault(("area", total), []).append(key)
        for position, value in totals.items():
            if key[position] != value:
                total = (*key[:position], value, *key[position + 1 :])
                if total in present:
                    groups.setdefault((position, total), []).append(key)
    return [(total, parts) for (_kind, total), parts in groups.items()]


def complements(cells, relations, threshold=THRESHOLD, already=()):
    """Return the cells to hide besides the small ones (secondary, or
    complementary, suppression), so that no hidden count can be worked out
    by subtracting visible ones from a visible total.

    ``cells`` maps each key to its count of people, in a stable order;
    ``relations`` are ``(total, parts)`` pairs (see :func:`equations`). A
    relation with exactly one hidden cell gets a second: the visible part
    with the fewest people (positive counts first, then the order of
    ``cells``), or the total when no part is left visible; this repeats
    until no relation has a lone hidden cell. ``already`` are cells hidden
    for another reason (their whole row, when ``cells`` are one count of
    the rows): they protect the others and are not returned.
    """
    hidden = {key for key, people in cells.items() if is_small(people, threshold)}
    hidden.update(already)
    order = {key: index for index, key in enumerate(cells)}
    member_of = {}
    for index, (total, parts) in enumerate(relations):
        for key in (total, *parts):
            member_of.setdefault(key, []).append(index)
    added = set()
    pending = list(range(len(relations)))
    while pending:
        total, parts = relations[pending.pop()]
        if sum(key in hidden for key in (total, *parts)) != 1:
            continue
        visible = [key for key in parts if key not in hidden]
        if visible:
            choice = min(
                visible, key=lambda key: (cells[key] <= 0, cells[key], order[key])
            )
        else:
            choice = total
        hidden.add(choice)
        added.add(choice)
        pending.extend(member_of.get(choice, ()))
    return added
