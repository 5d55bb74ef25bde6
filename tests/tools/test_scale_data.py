# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of the pure parts of the scale-data generator (tools/scale/): the
draws, the population model, the step plumbing. No Odoo needed."""

import io
import random
import sys
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from ruralsw_case.services import id_number, scoring
from tools import scale
from tools.scale import population, resource_draw, synth

TODAY = date(2026, 11, 22)


def rng(seed=7):
    """A seeded generator."""
    return random.Random(seed)


# ----------------------------------------------------------------------
# Draws
# ----------------------------------------------------------------------
def test_picker_follows_its_weights():
    """Keys come out in proportion to their weights; zero weights never."""
    picker = synth.Picker({"a": 3, "b": 1, "never": 0})
    generator = rng()
    draws = Counter(picker(generator) for _ in range(20_000))
    assert set(draws) == {"a", "b"}
    assert draws["a"] / 20_000 == pytest.approx(0.75, abs=0.02)
    assert picker.share("a") == 0.75
    assert picker.share("never") == 0.0


def test_picker_is_reproducible_and_refuses_no_weight():
    """The same seed gives the same draws; a picker needs a positive weight."""
    picker = synth.Picker({1: 1, 2: 1, 3: 1})
    first, second = rng(3), rng(3)
    assert [picker(first) for _ in range(50)] == [picker(second) for _ in range(50)]
    with pytest.raises(ValueError):
        synth.Picker({"a": 0})


@pytest.mark.parametrize(
    ("total", "weights", "minimum", "expected"),
    [
        (10, [1, 1], 0, [5, 5]),
        (10, [1, 1, 1], 0, [4, 3, 3]),
        (168, [1] * 10, 8, [17] * 8 + [16] * 2),
        (10, [0, 0], 0, [5, 5]),
        (7, [5, 1, 1], 2, [3, 2, 2]),
        (30, [25, 10, 8], 1, [17, 7, 6]),
    ],
)
def test_apportion(total, weights, minimum, expected):
    """Largest-remainder shares sum to the total and respect the minimum."""
    shares = synth.apportion(total, weights, minimum)
    assert shares == expected
    assert sum(shares) == total
    assert min(shares) >= minimum


def test_apportion_refuses_impossible_minimums():
    """A minimum that the total cannot cover, or no weight, is an error."""
    with pytest.raises(ValueError):
        synth.apportion(5, [1, 1, 1], minimum=2)
    with pytest.raises(ValueError):
        synth.apportion(5, [])


def test_split_total_hits_the_total_within_bounds():
    """Household sizes sum to the number of people and stay within bounds."""
    picker = synth.Picker({1: 1, 2: 1, 6: 1})
    sizes = synth.split_total(rng(), 2_400, 1_000, picker, 1, 6)
    assert len(sizes) == 1_000
    assert sum(sizes) == 2_400
    assert 1 <= min(sizes) and max(sizes) <= 6
    assert synth.split_total(rng(), 2_400, 1_000, picker, 1, 6) == sizes
    with pytest.raises(ValueError):
        synth.split_total(rng(), 7_000, 1_000, picker, 1, 6)


def test_weighted_sample_is_distinct_and_favours_heavy_items():
    """A weighted sample has no repeats, skips zero weights, favours weight."""
    items = list(range(100))
    weights = [10 if item < 10 else 1 for item in items]
    weights[99] = 0
    hits = Counter()
    for seed in range(200):
        sample = synth.weighted_sample(rng(seed), items, weights, 10)
        assert len(set(sample)) == 10
        assert 99 not in sample
        hits.update(item < 10 for item in sample)
    # per item, a weight of 10 is drawn far more often than a weight of 1
    assert hits[True] / 10 > 5 * hits[False] / 89
    with pytest.raises(ValueError):
        synth.weighted_sample(rng(), items, weights, 101)


def test_fit_intervals_shrinks_only_when_needed():
    """A timeline is squeezed proportionally only when it is too long."""
    gaps = [timedelta(days=2), timedelta(days=6)]
    assert synth.fit_intervals(gaps, timedelta(days=30)) == gaps
    fitted = synth.fit_intervals(gaps, timedelta(days=4))
    assert sum(fitted, timedelta()) <= timedelta(days=4) * 0.95
    assert fitted[1] / fitted[0] == pytest.approx(3)


@pytest.mark.parametrize("today", [TODAY, date(2024, 2, 29), date(2025, 1, 1)])
@pytest.mark.parametrize("age", [0, 1, 15, 16, 59, 60, 94])
def test_birth_date_for_age_gives_that_age(today, age):
    """The drawn birth date gives exactly the age, 29 February included."""
    generator = rng(age)
    for _ in range(30):
        birth = synth.birth_date_for_age(generator, today, age)
        assert birth <= today
        assert synth.age_on(birth, today) == age


def test_names_and_phone_numbers():
    """Village names are distinct; names and phone numbers are well formed."""
    generator = rng()
    villages = synth.village_names(generator, 168)
    assert len(set(villages)) == 168
    assert all(name.endswith("村") and len(name) == 3 for name in villages)
    assert len(set(synth.township_names(generator, 10))) == 10
    with pytest.raises(ValueError):
        synth.village_names(generator, 10_000)
    name = synth.person_name(generator, "王", "female", 1950)
    assert name.startswith("王") and 2 <= len(name) <= 3
    phone = synth.mobile_number(generator)
    assert len(phone) == 11 and phone.isdigit() and phone.startswith("1")


def test_given_names_follow_the_generation():
    """秀英 is a name of older women, never of girls born after 2005."""
    old_women = {synth.person_name(rng(s), "", "female", 1940) for s in range(400)}
    children = {synth.person_name(rng(s), "", "female", 2015) for s in range(400)}
    assert "秀英" in old_women
    assert "秀英" not in children
    assert synth.generation(1960) == "old"
    assert synth.generation(2006) == "child"


def test_id_numbers_are_valid_unique_and_match_the_person():
    """Every number is valid, unique, and encodes the birth date and gender."""
    numbers = synth.IdNumbers(id_number.generate)
    generator = rng()
    births = [date(1950, 1, 1) + timedelta(days=d) for d in range(0, 20_000, 7)]
    drawn = []
    for birth in births:
        for gender in ("male", "female"):
            number = numbers.draw(generator, "522690", birth, gender)
            assert id_number.validate(number, TODAY) == number
            assert id_number.birth_date(number) == birth
            assert id_number.gender(number) == gender
            drawn.append(number)
    assert len(set(drawn)) == len(drawn) == len(numbers)


def test_id_numbers_run_out_after_500_per_day_and_gender():
    """500 sequences per day, region and gender; the 501st is an error."""
    numbers = synth.IdNumbers(id_number.generate)
    generator = rng()
    birth = date(1980, 5, 17)
    drawn = {numbers.draw(generator, "522690", birth, "female") for _ in range(500)}
    assert len(drawn) == 500
    assert all(int(number[16]) % 2 == 0 for number in drawn)
    with pytest.raises(RuntimeError):
        numbers.draw(generator, "522690", birth, "female")
    assert numbers.draw(generator, "522690", birth, "male")


def test_times_are_office_hours_on_whole_minutes():
    """Intake times fall in local office hours, on whole minutes."""
    generator = rng()
    for _ in range(500):
        moment = synth.working_time(generator, TODAY)
        local = moment + timedelta(hours=8)
        assert local.date() == TODAY
        assert 8 <= local.hour < 18
        assert moment.second == moment.microsecond == 0
        delay = synth.minutes(generator, 0.5, 24)
        assert timedelta(minutes=30) <= delay <= timedelta(hours=24)
        assert delay.total_seconds() % 60 == 0


# ----------------------------------------------------------------------
# Population
# ----------------------------------------------------------------------
@pytest.fixture(name="county_people", scope="module")
def fixture_county_people():
    """20,000 households of 48,000 people, drawn once."""
    generator = rng(11)
    sizes = population.household_sizes(generator, 20_000, 48_000)
    households = [population.draw_household(generator, n, TODAY) for n in sizes]
    return households, [p for h in households for p in h.members]


def test_households_have_one_head_first_and_the_drawn_size(county_people):
    """Each household has exactly one head, listed first, of its surname."""
    households, people = county_people
    assert len(people) == 48_000
    for household in households:
        roles = [member.role for member in household.members]
        assert roles[0] == "head" and roles.count("head") == 1
        assert household.members[0].name.startswith(household.family_name)
        for member in household.members:
            assert synth.age_on(member.birth, TODAY) == member.age


def test_rural_shares(county_people):
    """Internet use of the elderly, dibao, disability match the stated shares."""
    _households, people = county_people
    count = len(people)
    elderly = [p for p in people if p.age_band == "elderly"]
    online = sum(p.uses_internet for p in elderly) / len(elderly)
    assert online == pytest.approx(population.INTERNET_SHARE["elderly"], abs=0.02)
    adults = [p for p in people if p.age_band == "adult"]
    assert sum(p.uses_internet for p in adults) / len(adults) > 0.8
    dibao = sum(p.has_subsistence_allowance for p in people) / count
    assert dibao == pytest.approx(0.10, abs=0.02)
    assert len(elderly) / count > 0.3
    disability = sum(p.has_disability for p in people) / count
    assert 0.03 < disability < 0.1
    assert sum(p.is_vulnerable for p in people) / count > 0.4


def test_vulnerability_attributes_are_consistent(county_people):
    """Attributes agree with ages and household types."""
    households, people = county_people
    for person in people:
        assert not person.is_left_behind_child or person.age < population.CHILD_AGE
        assert not person.has_subsistence_allowance or person.is_low_income
        assert person.health_notes is None or person.has_chronic_illness
        assert not person.has_smartphone or person.age >= 10
        if person.age_band == "child":
            assert person.needs_proxy
            assert not person.private_phone or person.has_smartphone
    for household in households:
        if household.kind == "elder_alone":
            (person,) = household.members
            assert person.is_elderly_alone and person.age >= 60
        if household.kind == "left_behind":
            children = [m for m in household.members if m.role == "child"]
            assert children and all(c.is_left_behind_child for c in children)


def test_assessment_scores_are_valid_and_follow_the_situation(county_people):
    """Scores are valid for the scoring service and follow the situation."""
    _households, people = county_people
    generator = rng()
    scored = {"elderly alone": [], "others": []}
    for person in people[:5_000]:
        scores = population.assessment_scores(generator, person)
        result = scoring.assess(scores)
        assert result.level in scoring.RISK_LEVELS
        key = "elderly alone" if person.is_elderly_alone else "others"
        scored[key].append(scores["family_support"])
        assert population.need_profile(person) in (
            "child",
            "disability",
            "elderly",
            "poor",
            "adult",
        )
    assert min(scored["elderly alone"]) >= 3
    assert sum(scored["others"]) / len(scored["others"]) < 2.5


# ----------------------------------------------------------------------
# Step plumbing
# ----------------------------------------------------------------------
def test_config_scales_and_seeds_streams():
    """Volumes scale (at least 1); each named stream has its own seed."""
    config = scale.Config(seed=5, scale=0.01, now=datetime(2026, 11, 22, 12))
    assert config.scaled(100_000) == 1_000
    assert config.scaled(10) == 1
    assert config.today == TODAY
    assert config.rng("a").random() == config.rng("a").random()
    assert config.rng("a").random() != config.rng("b").random()
    assert scale.Config(seed=6).rng("a").random() != config.rng("a").random()


def test_dependency_order():
    """Steps run after the addons they depend on; a cycle is an error."""
    order = scale.dependency_order(
        {
            "ruralsw_aid": {"ruralsw_case", "stock"},
            "ruralsw_case": {"crm", "project"},
            "ruralsw_volunteer": {"ruralsw_case"},
            "ruralsw_order": {"ruralsw_aid", "ruralsw_volunteer"},
        }
    )
    assert order == [
        "ruralsw_case",
        "ruralsw_aid",
        "ruralsw_volunteer",
        "ruralsw_order",
    ]
    with pytest.raises(ValueError):
        scale.dependency_order({"a": {"b"}, "b": {"a"}})


def test_step_modules():
    """Addons map to step modules; missing or helper modules are no steps."""
    assert scale.step_module_name("ruralsw_case") == "tools.scale.case"
    assert scale.step_module_name("project") is None
    # no module, or a helper module without ADDON: not a step
    assert not scale.load_steps(["project", "ruralsw_unknown", "ruralsw_synth"])
    assert "odoo" not in sys.modules


def test_recorder_times_each_table_and_totals():
    """One line per table; the total counts the rows written to real tables
    and the time of everything, drawing included."""
    out = io.StringIO()
    recorder = scale.Recorder(out)
    recorder.step = "case"
    with recorder.table("draw people", written=False) as timing:
        timing.rows = 1_000
    with recorder.table("res_partner") as timing:
        timing.rows = 120
    with recorder.table("ruralsw_case") as timing:
        timing.rows = 80
    total = recorder.total()
    assert total.rows == 200
    assert total.seconds == pytest.approx(sum(t.seconds for t in recorder.timings))
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 and lines[1].split()[:3] == ["case", "res_partner", "120"]
    rows = recorder.as_dict()
    assert [row["table"] for row in rows][1:] == [
        "res_partner",
        "ruralsw_case",
        "total (rows written)",
    ]
    assert rows[0]["written"] is False


def test_blocks_are_contiguous_and_even():
    """Villages are split into contiguous blocks of near-equal size."""
    items = list(range(17))
    parts = synth.blocks(items, 3)
    assert [len(part) for part in parts] == [6, 6, 5]
    assert [item for part in parts for item in part] == items


def test_check_rows():
    """A check is OK when its value is the expected one, or has none."""
    assert scale.Check("x", 0, 0).ok
    assert scale.Check("figure", 12).ok
    assert not scale.Check("gate", 3, 0).ok


# ----------------------------------------------------------------------
# The history of ruralsw_resource (tools/scale/resource_draw.py)
# ----------------------------------------------------------------------
NOW = datetime(2026, 11, 22, 12)


def _cases(count=300):
    """Cases of three years, closed or open, in two villages."""
    draw = rng(3)
    cases = []
    for index in range(count):
        intake = NOW - timedelta(days=draw.uniform(10, 3 * 365))
        end = NOW if index % 4 == 0 else intake + timedelta(days=draw.uniform(5, 200))
        cases.append(
            resource_draw.CaseRef(
                index + 1,
                intake,
                min(end, NOW),
                100 + index % 2,
                10,
                5000 + index,
                7000 + index,
                21,
                31,
                draw.choice("0012"),
            )
        )
    return cases


def test_requests_follow_their_moves_and_dates():
    """Each line's allocated and delivered quantities and state are those
    the ORM computes from its moves; deliveries come after the approval and
    before now; partial fills and cancellations occur."""
    cases = {case.id: case for case in _cases()}
    requests = resource_draw.draw_requests(
        rng(),
        list(cases.values()),
        2_000,
        [1, 2, 3, 4, 5],
        NOW,
        lambda case: [case.village_id, 900],
        {"threshold": 10, "deadline_days": {"0": 7, "1": 3, "2": 1}},
    )
    assert len(requests) == 2_000
    assert [r.created for r in requests] == sorted(r.created for r in requests)
    states = Counter(request.state for request in requests)
    assert set(states) == {"done", "allocated", "cancel"}
    partial = 0
    for request in requests:
        case = request.case
        assert case.intake < request.created < request.approved < NOW
        assert request.approved_by == (
            case.supervisor_id if request.quantity_total > 10 else case.user_id
        )
        delivered = {line.key: 0 for line in request.lines}
        allocated = dict(delivered)
        for picking in request.pickings:
            assert request.approved <= picking.created <= NOW
            if picking.state == "done":
                assert picking.created <= picking.date_done <= NOW
            for line, quantity in picking.moves:
                assert quantity > 0
                allocated[line.key] += quantity
                if picking.state == "done":
                    delivered[line.key] += quantity
        for line in request.lines:
            assert line.qty_allocated == allocated[line.key] <= line.quantity
            assert line.qty_delivered == delivered[line.key]
            assert line.state == resource_draw.line_state(line, request.state)
            partial += 0 < line.qty_delivered < line.quantity
        if request.state != "cancel":
            assert request.state == resource_draw.request_state(request)
            assert request.pickings
    assert partial > 50


def test_events_never_book_a_volunteer_twice():
    """Volunteers of an event live in its township when there are some;
    none is at two events at once; hours are logged for done work only."""
    volunteers = {10: [1, 2, 3, 4, 5, 6], 11: [7, 8]}
    events = resource_draw.draw_events(
        rng(), 400, [(100, 10), (101, 11)], volunteers, lambda village: 21, NOW, 365
    )
    assert len(events) == 400
    booked = {}
    for event in events:
        assert event.start < event.stop < NOW
        for volunteer, state, hours in event.assignments:
            assert volunteer in volunteers[event.township_id]
            assert (hours > 0) == (state == "done")
            for start, stop in booked.get(volunteer, []):
                assert not (start < event.stop and event.start < stop)
            booked.setdefault(volunteer, []).append((event.start, event.stop))


def test_inflows_follow_the_year_shares_and_spending_the_restrictions():
    """Every source gets money each year, the last years near 30/50/20;
    spending stays within each fund's purpose and areas."""
    months = resource_draw.month_starts(date(2023, 12, 1), TODAY)
    assert months[0] == date(2023, 12, 1) and months[-1] == date(2026, 11, 1)
    funds = {"government": [1], "social_capital": [2, 3], "profit_feedback": [4]}
    donors = {"government": [10], "social_capital": [11, 12], "profit_feedback": [13]}
    gifts = resource_draw.draw_inflows(rng(), months, funds, donors, 10)
    last_year = Counter()
    for gift in gifts:
        assert gift.amount > 0 and gift.fund in funds[gift.source]
        if gift.date.year == 2026:
            last_year[gift.source] += gift.amount
    total = sum(last_year.values())
    assert 24 < 100 * last_year["government"] / total < 38
    assert 42 < 100 * last_year["social_capital"] / total < 58
    rules = {
        1: {"purpose": "aid", "areas": None, "date_from": None, "date_to": None},
        2: {"purpose": None, "areas": [500], "date_from": None, "date_to": None},
        3: {"purpose": None, "areas": None, "date_from": None, "date_to": None},
        4: {"purpose": None, "areas": None, "date_from": None, "date_to": None},
    }
    rows = resource_draw.draw_spending(rng(), gifts, rules, [500, 501, 502], TODAY)
    assert rows
    for fund, day, amount, purpose, area in rows:
        assert amount < 0 and day <= TODAY
        assert fund != 1 or purpose == "aid"
        assert fund != 2 or area == 500
