# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""12-digit statistical division code (统计用区划代码).

Digits 1–2 are the province, 3–4 the city, 5–6 the county, 7–9 the township
and 10–12 the village; a code of a higher level ends with zeros, so
``522731100001`` (a village) has the ancestors ``522731100000`` (township),
``522731000000`` (Huishui county), ``522700000000`` (Qiannan prefecture) and
``520000000000`` (Guizhou).

A few prefecture-level cities have no counties (Dongguan 4419, Zhongshan
4420, Danzhou 4604, Jiayuguan 6202): their townships have a zero county part.
:func:`ancestor_codes` skips such empty levels; :func:`check_parent` still
requires the parent to be exactly one level above, so these townships need a
county-level area of their own.

Error codes (:class:`~.errors.ServiceValidationError`):

- ``division_code.empty`` (field ``code``): nothing left after stripping.
- ``division_code.format`` (field ``code``): not exactly 12 ASCII digits
  (params ``code``).
- ``division_code.province`` (field ``code``): the first two digits are not a
  province code (params ``province``).
- ``division_code.level`` (field ``code``): the code is not of the expected
  level (params ``code``, ``level``, ``actual``).
- ``division_code.unknown_level`` (field ``level``): a level name not in
  :data:`LEVELS` (params ``level``).
- ``division_code.parent_level`` (field ``parent_id``): the parent is not
  exactly one level above, or a province was given a parent, or a lower level
  has none (params ``level``, ``expected`` (``None`` for a province),
  ``given``).
- ``division_code.parent_prefix`` (field ``parent_id``): the code does not
  start with the parent's prefix (params ``code``, ``prefix``).

:func:`check_parent` reports an invalid parent code with the ``empty``,
``format`` or ``province`` code above and field ``parent_id``.
"""

from itertools import pairwise

from .errors import ServiceValidationError
from .id_number import PROVINCE_CODES

FIELD = "code"
PARENT_FIELD = "parent_id"
LENGTH = 12
LEVELS = ("province", "city", "county", "township", "village")
PREFIX_LENGTH = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}

_DIGITS = frozenset("0123456789")
_CHILD = dict(pairwise(LEVELS))
_PARENT = {child: parent for parent, child in _CHILD.items()}
# (level, number of trailing zeros) from the highest level down
_LEVEL_BY_ZEROS = tuple((level, LENGTH - PREFIX_LENGTH[level]) for level in LEVELS[:-1])
_ZEROS = "0" * LENGTH


def _check_known_level(level):
    """Raise ``division_code.unknown_level`` unless ``level`` is in LEVELS."""
    if level not in PREFIX_LENGTH:
        raise ServiceValidationError(
            "division_code.unknown_level", "level", {"level": level}
        )


def validate(code: str | None) -> str:
    """Return the stripped code, or raise ``division_code.empty``,
    ``division_code.format`` or ``division_code.province``."""
    if not code:
        raise ServiceValidationError("division_code.empty", FIELD)
    text = (code if isinstance(code, str) else str(code)).strip()
    if not text:
        raise ServiceValidationError("division_code.empty", FIELD)
    if len(text) != LENGTH or not _DIGITS.issuperset(text):
        raise ServiceValidationError("division_code.format", FIELD, {"code": text})
    if text[:2] not in PROVINCE_CODES:
        raise ServiceValidationError(
            "division_code.province", FIELD, {"province": text[:2]}
        )
    return text


def level_of(code: str) -> str:
    """Return the level of a code: ``province`` when its last 10 digits are
    zeros, ``city`` for 8, ``county`` for 6, ``township`` for 3, else
    ``village``. Validates the code first (see :func:`validate`)."""
    text = validate(code)
    for level, zeros in _LEVEL_BY_ZEROS:
        if text.endswith(_ZEROS[:zeros]):
            return level
    return "village"


def check_level(code: str, level: str) -> None:
    """Raise ``division_code.level`` when ``code`` is not a ``level`` code
    (``division_code.unknown_level`` for an unknown level)."""
    _check_known_level(level)
    text = validate(code)
    actual = level_of(text)
    if actual != level:
        raise ServiceValidationError(
            "division_code.level",
            FIELD,
            {"code": text, "level": level, "actual": actual},
        )


def check_parent(
    code: str, level: str, parent_code: str | None, parent_level: str | None
) -> None:
    """Check that the parent area (``parent_code`` at ``parent_level``) can
    hold the area ``code`` at ``level``.

    The parent must be exactly one level above (``division_code.parent_level``)
    and ``code`` must start with the parent's prefix at the parent's level
    (``division_code.parent_prefix``). A province takes no parent: an empty
    ``parent_code`` and ``parent_level`` pass, anything else raises
    ``division_code.parent_level``. The levels of the codes themselves are
    checked by :func:`check_level`.
    """
    # the argument ``parent_level`` shadows the function of the same name
    _check_known_level(level)
    expected = _PARENT.get(level)
    if expected is None:
        if parent_code or parent_level:
            raise ServiceValidationError(
                "division_code.parent_level",
                PARENT_FIELD,
                {"level": level, "expected": None, "given": parent_level or None},
            )
        return
    if parent_level != expected:
        raise ServiceValidationError(
            "division_code.parent_level",
            PARENT_FIELD,
            {"level": level, "expected": expected, "given": parent_level or None},
        )
    try:
        parent_text = validate(parent_code)
    except ServiceValidationError as error:
        raise ServiceValidationError(error.code, PARENT_FIELD, error.params) from error
    text = validate(code)
    parent_prefix = parent_text[: PREFIX_LENGTH[parent_level]]
    if not text.startswith(parent_prefix):
        raise ServiceValidationError(
            "division_code.parent_prefix",
            PARENT_FIELD,
            {"code": text, "prefix": parent_prefix},
        )


def prefix(code: str, level: str) -> str:
    """Return the digits of ``code`` that identify it at ``level``:
    ``prefix("522731100001", "county")`` is ``"522731"``."""
    _check_known_level(level)
    return code[: PREFIX_LENGTH[level]]


def parent_level(level: str) -> str | None:
    """Return the level above ``level``, ``None`` for a province."""
    _check_known_level(level)
    return _PARENT.get(level)


def child_level(level: str) -> str | None:
    """Return the level below ``level``, ``None`` for a village."""
    _check_known_level(level)
    return _CHILD.get(level)


def ancestor_codes(code: str) -> dict[str, str]:
    """Return ``{level: 12-digit code}`` for every level above the code's own,
    from the province down, e.g. ``522731100001`` gives the province
    ``520000000000``, city ``522700000000``, county ``522731000000`` and
    township ``522731100000``. Levels whose part of the code is all zeros
    (townships directly under Dongguan) are left out."""
    text = validate(code)
    own = LEVELS.index(level_of(text))
    ancestors = {}
    previous = 0
    for level in LEVELS[:own]:
        length = PREFIX_LENGTH[level]
        if text[previous:length].strip("0"):
            ancestors[level] = text[:length] + _ZEROS[length:]
        previous = length
    return ancestors
