# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two-character pieces of a name, so that short Chinese searches use an index.

PostgreSQL's trigram indexes need three characters, but a Chinese given name
is often searched with two (``秀英``). Storing the name's bigrams as
``" 王秀 秀英 "`` lets ``LIKE '% 秀英 %'`` use a trigram index on that column;
an exact ``ILIKE`` on the name then confirms the match.
"""


def bigrams(text):
    """Return the distinct two-character pieces of ``text``, lower-cased,
    white space removed, in order of first appearance.

    ``bigrams("王秀英")`` is ``["王秀", "秀英"]``; a text shorter than two
    characters has none.
    """
    if not text:
        return []
    compact = "".join(str(text).lower().split())
    seen = []
    for start in range(len(compact) - 1):
        piece = compact[start : start + 2]
        if piece not in seen:
            seen.append(piece)
    return seen


def bigram_column(text):
    """Return the stored form of the bigrams of ``text``: each piece between
    spaces (``" 王秀 秀英 "``), or ``None`` when it has none."""
    pieces = bigrams(text)
    return f" {' '.join(pieces)} " if pieces else None
