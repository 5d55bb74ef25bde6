# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Data masking (数据脱敏) for identity numbers, phones, names and free text.

Each function takes the raw value (``None`` and ``False``, Odoo's empty value,
give ``""``), strips surrounding spaces and returns a display string where
hidden characters are ``*``. Separators (spaces, ``-``, ``·``...) are kept so
that the masked value keeps the shape of the original; a value is never
returned unmasked: when the rule would hide nothing, everything is starred.
These functions never raise.

Limits, by design (minimum necessary principle, 最小必要原则):

- :func:`mask_name` does not detect compound surnames (复姓): ``欧阳娜娜``
  gives ``欧***``, which hides more, not less.
- :func:`mask_phone` recognises mainland mobiles (11 digits starting with 13
  to 19, optionally after ``+86``; any other ``+`` prefix means a foreign
  number); every other number keeps its last four characters only.
"""

STAR = "*"
TEXT_MASK = STAR * 6
ID_KEEP_START = 4
ID_KEEP_END = 4
PHONE_KEEP_END = 4
MOBILE_PREFIX = "+86"

_ASCII_DIGITS = frozenset("0123456789")
_MOBILE_SECOND_DIGITS = frozenset("3456789")
_PHONE_SEPARATORS = frozenset(" \u3000-()+./")
# spaces and the dots that join given name and family name in minority and
# transliterated names (Uyghur 阿依古丽·买买提, Japanese ・)
_NAME_SEPARATORS = frozenset(" \u3000\t-.\u00b7\u2022\u30fb\uff0e")
# CJK unified ideographs: extension A, basic block, compatibility, extensions B+
_CJK_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)


def _as_text(value):
    """Return ``value`` as a stripped string; empty values give ``""``."""
    if not value:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return value.strip()


def _star_all(text, separators):
    """Return ``text`` with every non-separator character replaced by a star."""
    return "".join(char if char in separators else STAR for char in text)


def mask_id_number(value: str | None) -> str:
    """Keep the first 4 and last 4 characters and star the middle, keeping the
    length: ``520121199001011234`` gives ``5201**********1234``.

    Values of 8 characters or fewer would show everything, so they are all
    stars.
    """
    text = _as_text(value)
    length = len(text)
    if length <= ID_KEEP_START + ID_KEEP_END:
        return STAR * length
    return (
        text[:ID_KEEP_START]
        + STAR * (length - ID_KEEP_START - ID_KEEP_END)
        + text[-ID_KEEP_END:]
    )


def _is_mobile(text):
    """Return whether ``text`` is a mainland mobile: 11 digits starting with
    13..19, possibly split by separators."""
    digits = []
    for char in text:
        if char in _ASCII_DIGITS:
            digits.append(char)
        elif char not in _PHONE_SEPARATORS:
            return False
    return len(digits) == 11 and digits[0] == "1" and digits[1] in _MOBILE_SECOND_DIGITS


def _mask_mobile(text):
    """Star digits 4 to 7 of a mobile, keeping its separators:
    ``138-1234-5678`` gives ``138-****-5678``."""
    result = []
    seen = 0
    for char in text:
        if char in _ASCII_DIGITS:
            seen += 1
            result.append(STAR if 4 <= seen <= 7 else char)
        else:
            result.append(char)
    return "".join(result)


def _mask_keep_end(text):
    """Keep the last 4 non-separator characters, star the others and keep the
    separators; all stars when there are 4 such characters or fewer."""
    significant = sum(1 for char in text if char not in _PHONE_SEPARATORS)
    if significant <= PHONE_KEEP_END:
        return _star_all(text, _PHONE_SEPARATORS)
    to_hide = significant - PHONE_KEEP_END
    result = []
    for char in text:
        if char in _PHONE_SEPARATORS:
            result.append(char)
        elif to_hide:
            to_hide -= 1
            result.append(STAR)
        else:
            result.append(char)
    return "".join(result)


def mask_phone(value: str | None) -> str:
    """Mask a phone number.

    A mainland mobile keeps its first 3 and last 4 digits
    (``13812345678`` gives ``138****5678``, ``+86 138 1234 5678`` gives
    ``+86 138 **** 5678``); any other number keeps its last 4 characters
    (``0851-86801234`` gives ``****-****1234``). A ``+86`` prefix and the
    separators are kept. Values of 4 characters or fewer are all stars.
    """
    text = _as_text(value)
    if len(text) <= PHONE_KEEP_END:
        return STAR * len(text)
    prefix = ""
    if text.startswith(MOBILE_PREFIX):
        rest = text[len(MOBILE_PREFIX) :]
        number = rest.lstrip(" \u3000-")
        prefix = text[: len(text) - len(number)]
        text = number
    # "+" left after removing "+86" announces a foreign number
    if "+" not in text and _is_mobile(text):
        return prefix + _mask_mobile(text)
    return prefix + _mask_keep_end(text)


def _is_cjk(char):
    """Return whether ``char`` is a CJK unified ideograph (a Chinese character)."""
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def mask_name(value: str | None) -> str:
    """Mask a person's name.

    A Chinese name keeps its first character, the surname: ``张三丰`` gives
    ``张**``; compound surnames are not detected (``欧阳娜娜`` gives ``欧***``).
    A Latin name keeps the first letter of each word: ``Li Wei`` gives
    ``L* W**``. A name with a single letter or character is all stars.
    """
    text = _as_text(value)
    if not text:
        return ""
    chinese = any(_is_cjk(char) for char in text)
    result = []
    hidden = False
    keep_next = True
    for char in text:
        if char in _NAME_SEPARATORS or char.isspace():
            result.append(char)
            keep_next = keep_next or not chinese
        elif keep_next:
            result.append(char)
            keep_next = False
        else:
            result.append(STAR)
            hidden = True
    if not hidden:
        return _star_all(text, _NAME_SEPARATORS)
    return "".join(result)


def mask_text(value: str | None) -> str:
    """Return ``******`` for any non-blank text and ``""`` for an empty or
    blank one, so that the mask does not reveal the length."""
    return TEXT_MASK if _as_text(value) else ""
