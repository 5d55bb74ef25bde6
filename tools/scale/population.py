# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The people of the synthetic county: households and their members, with
ages, vulnerability attributes and digital access in rural proportions.

Shares used (rounded, for a mountain county of south-east Guizhou):

- households of 1 to 6 registered people, 2.4 on average (the working-age
  members who left for the cities are not registered beneficiaries);
- one household in four is a "left-behind" one: grandparents raising
  children whose parents work away (留守儿童);
- about 10 % of the people live on the subsistence allowance (低保), drawn
  per household; another 12 % of households are low-income;
- 23 % of the people over 60 use the internet (CNNIC), against 88 % of the
  adults under 60;
- disability 3.5 % under 60 and 11 % from 60; chronic illness 2 % / 12 % /
  45 % for children, adults and people over 60.

No Odoo import.
"""

import dataclasses

from .synth import (
    Picker,
    birth_date_for_age,
    mobile_number,
    person_name,
    split_total,
    surname,
)

HOUSEHOLD_SIZES = Picker({1: 24, 2: 33, 3: 21, 4: 13, 5: 6, 6: 3})
MIN_SIZE, MAX_SIZE = 1, 6
# household type by size: see draw_household
TYPES_BY_SIZE = {
    1: Picker({"elder_alone": 70, "single_adult": 30}),
    2: Picker(
        {"elder_couple": 45, "left_behind": 25, "single_parent": 15, "couple": 15}
    ),
    3: Picker({"left_behind": 40, "family": 60}),
}
DIBAO_HOUSEHOLD_SHARE = 0.10
LOW_INCOME_HOUSEHOLD_SHARE = 0.12
INTERNET_SHARE = {"child": 0.65, "adult": 0.88, "elderly": 0.23}
DISABILITY_SHARE = {"child": 0.02, "adult": 0.035, "elderly": 0.11}
CHRONIC_SHARE = {"child": 0.02, "adult": 0.12, "elderly": 0.45}
LEFT_BEHIND_IN_FAMILY_SHARE = 0.08
ELDERLY_AGE = 60
CHILD_AGE = 16
HEALTH_NOTES = (
    "高血压",
    "糖尿病",
    "慢性支气管炎",
    "风湿性关节炎",
    "冠心病",
    "脑梗后遗症",
)


@dataclasses.dataclass(slots=True)
class Person:  # pylint: disable=too-many-instance-attributes  # one per partner field
    """One registered member of a household."""

    name: str
    role: str
    gender: str
    birth: object
    age: int
    is_elderly_alone: bool = False
    is_left_behind_child: bool = False
    has_disability: bool = False
    is_low_income: bool = False
    has_subsistence_allowance: bool = False
    has_chronic_illness: bool = False
    has_smartphone: bool = False
    uses_internet: bool = False
    needs_proxy: bool = False
    private_phone: str | None = None
    health_notes: str | None = None
    id_number: str | None = None

    @property
    def age_band(self):
        """``child`` under 16, ``elderly`` from 60, else ``adult``."""
        if self.age < CHILD_AGE:
            return "child"
        return "elderly" if self.age >= ELDERLY_AGE else "adult"

    @property
    def is_vulnerable(self):
        """Whether any vulnerability attribute is set (as the ORM computes)."""
        return (
            self.is_elderly_alone
            or self.is_left_behind_child
            or self.has_disability
            or self.is_low_income
            or self.has_subsistence_allowance
            or self.has_chronic_illness
        )


@dataclasses.dataclass(slots=True)
class Household:
    """A household: its type, family name and members, head first."""

    kind: str
    family_name: str
    members: list


def household_sizes(rng, households, people):
    """Return the sizes of ``households`` households totalling ``people``."""
    return split_total(rng, people, households, HOUSEHOLD_SIZES, MIN_SIZE, MAX_SIZE)


def household_kind(rng, size):
    """Draw the type of a household of ``size`` members."""
    return TYPES_BY_SIZE[min(size, 3)](rng)


def _elder_alone(rng, _size):
    """An older person living alone, more often a widow."""
    gender = "female" if rng.random() < 0.55 else "male"
    return [("head", rng.randint(60, 94), gender)]


def _single_adult(rng, _size):
    """A working-age adult living alone."""
    return [("head", rng.randint(25, 59), None)]


def _elder_couple(rng, _size):
    """An older couple."""
    age = rng.randint(60, 90)
    return [("head", age, "male"), ("spouse", _near(rng, age, 60, 92), "female")]


def _couple(rng, _size):
    """A working-age couple whose children left."""
    age = rng.randint(30, 59)
    return [("head", age, "male"), ("spouse", _near(rng, age, 25, 59), "female")]


def _single_parent(rng, _size):
    """A parent and a child."""
    age = rng.randint(28, 50)
    return [("head", age, None), ("child", rng.randint(0, min(17, age - 18)), None)]


def _left_behind(rng, size):
    """Grandparents raising children whose parents work away."""
    age = rng.randint(55, 80)
    members = [("head", age, "male" if rng.random() < 0.6 else "female")]
    if size >= 4 or (size == 3 and rng.random() < 0.5):
        spouse_gender = "female" if members[0][2] == "male" else "male"
        members.append(("spouse", _near(rng, age, 50, 85), spouse_gender))
    while len(members) < size:
        members.append(("child", rng.randint(3, 15), None))
    return members


def _family(rng, size):
    """Parents, children and sometimes a grandparent."""
    age = rng.randint(28, 55)
    members = [("head", age, "male"), ("spouse", _near(rng, age, 24, 55), "female")]
    if size >= 4 and rng.random() < 0.5:
        members.append(("elder", rng.randint(max(60, age + 20), 94), None))
    while len(members) < size:
        members.append(("child", rng.randint(0, min(17, age - 20)), None))
    return members


# household type: ``function(rng, size)`` returning ``[(role, age, gender or
# None)]``, head first
_MEMBERS = {
    "elder_alone": _elder_alone,
    "single_adult": _single_adult,
    "elder_couple": _elder_couple,
    "couple": _couple,
    "single_parent": _single_parent,
    "left_behind": _left_behind,
    "family": _family,
}


def _near(rng, age, low, high):
    """Return an age within four years of ``age``, clipped to ``low..high``."""
    return min(high, max(low, age + rng.randint(-4, 4)))


def draw_household(rng, size, today):
    """Draw a household of ``size`` members with their ages, names and
    attributes (ID numbers are added by the caller)."""
    kind = household_kind(rng, size)
    family_name = surname(rng)
    dibao = rng.random() < DIBAO_HOUSEHOLD_SHARE
    low_income = dibao or rng.random() < LOW_INCOME_HOUSEHOLD_SHARE
    members = []
    for role, age, gender in _MEMBERS[kind](rng, size):
        gender = gender or ("male" if rng.random() < 0.52 else "female")
        birth = birth_date_for_age(rng, today, age)
        own_name = surname(rng) if role == "spouse" else family_name
        person = Person(
            name=person_name(rng, own_name, gender, birth.year),
            role=role,
            gender=gender,
            birth=birth,
            age=age,
            is_low_income=low_income,
            has_subsistence_allowance=dibao,
        )
        _draw_attributes(rng, person, kind)
        members.append(person)
    return Household(kind, family_name, members)


def _draw_attributes(rng, person, kind):
    """Set the vulnerability and digital-access attributes of ``person``."""
    band = person.age_band
    person.is_elderly_alone = kind == "elder_alone"
    if band == "child":
        person.is_left_behind_child = kind == "left_behind" or (
            rng.random() < LEFT_BEHIND_IN_FAMILY_SHARE
        )
    person.has_disability = rng.random() < DISABILITY_SHARE[band]
    person.has_chronic_illness = rng.random() < CHRONIC_SHARE[band]
    if person.has_chronic_illness:
        person.health_notes = rng.choice(HEALTH_NOTES)
    person.uses_internet = person.age >= 6 and rng.random() < INTERNET_SHARE[band]
    person.has_smartphone = person.age >= 10 and (
        (person.uses_internet and rng.random() < 0.95)
        or (band == "elderly" and rng.random() < 0.10)
    )
    if band == "child":
        person.needs_proxy = True
    elif band == "elderly" and not person.uses_internet:
        person.needs_proxy = rng.random() < 0.55
    else:
        person.needs_proxy = rng.random() < (0.5 if person.has_disability else 0.03)
    # a feature phone for many older people without a smartphone
    if person.has_smartphone or (band != "child" and rng.random() < 0.4):
        person.private_phone = mobile_number(rng)


def need_profile(person):
    """Return what mostly drives a person's needs: ``child``, ``disability``,
    ``elderly``, ``poor`` or ``adult``."""
    if person.age_band == "child":
        return "child"
    if person.has_disability:
        return "disability"
    if person.age_band == "elderly":
        return "elderly"
    if person.has_subsistence_allowance or person.is_low_income:
        return "poor"
    return "adult"


def _score_ranges(person):
    """The likely range of each assessment dimension (0-4) for a person."""
    elderly = person.age_band == "elderly"
    if person.has_subsistence_allowance:
        economic = (2, 4)
    elif person.is_low_income:
        economic = (1, 3)
    else:
        economic = (0, 2)
    if person.has_disability or person.has_chronic_illness:
        health = (2, 4)
    else:
        health = (1, 3) if elderly else (0, 1)
    if person.is_elderly_alone:
        family = (3, 4)
    else:
        family = (2, 4) if person.is_left_behind_child else (0, 2)
    housing = (1, 4) if person.has_subsistence_allowance else (0, 3)
    if person.uses_internet:
        digital = (0, 1)
    else:
        digital = (3, 4) if elderly else (1, 3)
    return {
        "economic": economic,
        "health": health,
        "family_support": family,
        "housing": housing,
        "digital_access": digital,
    }


def assessment_scores(rng, person):
    """Draw the five assessment scores (0-4) from the person's situation."""
    return {
        dimension: rng.randint(low, high)
        for dimension, (low, high) in _score_ranges(person).items()
    }
