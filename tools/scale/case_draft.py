# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Drawing the cases of the scale-data county (``ruralsw_case``) and what
their phases require: needs, consents, assessments, plans with goals and
planned interventions, interventions and evaluations.

:class:`CaseDraft` draws every case in one pass, straight into the staging
tables of :mod:`tools.scale.case_tables`, nothing kept per case.
"""

import dataclasses
from datetime import timedelta

from odoo.addons.ruralsw_case.services import response_time, scoring

from .case_people import HISTORY_DAYS
from .population import assessment_scores, need_profile
from .synth import Picker, fit_intervals, minutes, weighted_sample, working_time

CASES = 100_000
PHASE_ORDER = ("intake", "assessment", "plan", "intervention", "evaluation", "closed")
PHASES = Picker(
    {
        "intake": 5,
        "assessment": 5,
        "plan": 5,
        "intervention": 12,
        "evaluation": 6,
        "closed": 67,
    }
)
# days between the intake and now: (minimum, mean of the exponential tail);
# closed cases are spread evenly over the whole history
OPEN_CASE_AGE = {
    "intake": (0, 10),
    "assessment": (5, 20),
    "plan": (12, 30),
    "intervention": (25, 120),
    "evaluation": (60, 150),
}
PRIORITIES = Picker({"0": 70, "1": 22, "2": 8})
PRIORITIES_VULNERABLE = Picker({"0": 55, "1": 32, "2": 13})
CHANNELS = Picker(
    {
        "walk_in": 22,
        "phone": 15,
        "station": 25,
        "volunteer_proxy": 15,
        "online_platform": 8,
        "referral": 15,
    }
)
ON_TIME_SHARE = 0.85
# intake cases whose deadline has passed and that nobody has contacted yet
OVERDUE_SHARE = 0.4
PLAN_STATES = Picker({"draft": 35, "submitted": 40, "returned": 10, "approved": 15})
REVISED_PLAN_SHARE = 0.12
REASSESSMENT_SHARE = 0.15
EVALUATED_SHARE = 0.6  # of the cases in the evaluation phase
# a case in the intervention phase has had 1.5 done interventions on average,
# an evaluated or closed one 3.8: with the planned and cancelled ones, about
# 300,000 interventions for 100,000 cases
DONE_INTERVENTIONS_OPEN = Picker({0: 20, 1: 30, 2: 30, 3: 20})
DONE_INTERVENTIONS_EVALUATED = Picker({1: 4, 2: 11, 3: 27, 4: 28, 5: 17, 6: 13})
PLANNED_INTERVENTIONS = Picker({0: 40, 1: 45, 2: 15})
ATTAINMENT = Picker({"-2": 5, "-1": 15, "0": 45, "1": 25, "2": 10})
SATISFACTION = Picker({"5": 40, "4": 38, "3": 15, "2": 5, "1": 2})
CLOSURE_REASONS = Picker(
    {
        "goals_achieved": 55,
        "referred": 12,
        "moved": 8,
        "declined": 8,
        "unreachable": 7,
        "deceased": 5,
        "other": 5,
    }
)
PROXY_RELATIONS = Picker({"relative": 60, "volunteer": 20, "station_clerk": 20})
METHODS = Picker({"signature": 85, "witnessed_verbal": 10, "thumbprint": 5})
# people over 70 who do not go online often cannot sign
METHODS_ELDERLY = Picker({"thumbprint": 40, "witnessed_verbal": 30, "signature": 30})
REFERRAL_SERVICES = (
    "县民政局",
    "乡镇卫生院",
    "县残联",
    "县妇联",
    "县人社局就业服务中心",
)
# planned interventions that are not field visits (those get a project task)
NON_VISIT_TYPES = ("phone", "online_consultation", "training", "material_aid")

# One line per need: category | need | goal | indicator | intervention type |
# intervention summary | planned intervention.
NEED_TEXT_TABLE = """
elderly_care|定期探访和送餐|每周至少一次探访|探访记录|home_visit|入户探访|每周入户探访
elderly_care|安排邻里互助照看|建立邻里照看联系人|联系人名单|phone|电话回访|每周电话问候
medical|慢病随访和用药指导|按时服药、定期复查|复查记录|referral|转介乡镇卫生院|联系家庭医生
medical|申请医疗救助|获得医疗救助|救助批复|material_aid|协助申请医疗救助|整理救助材料
material_aid|修补房屋，送过冬物资|安全过冬|物资发放记录|material_aid|发放过冬物资|发放棉被和煤
material_aid|申请临时救助|获得临时救助|救助批复|material_aid|协助申请临时救助|准备申请材料
child_care|课后作业辅导|按时完成作业|老师反馈|group_activity|四点半课堂|每周两次课后辅导
child_care|监护人育儿指导|监护人掌握照护要点|家访观察|home_visit|监护人家访|每月一次家访
psychosocial|情绪支持|情绪状况改善|心理量表得分|home_visit|陪伴谈心|每两周一次谈心
psychosocial|与外出父母视频联系|每周与父母视频一次|通话记录|online_consultation|协助视频通话|每周视频通话
equipment|申请轮椅和助行器|配备合适的辅具|辅具发放记录|referral|转介县残联|联系县残联评估
livelihood|农产品上网销售|开设网店并售出产品|网店订单|training|电商培训|参加电商培训
livelihood|介绍就近务工|获得稳定收入|务工合同|referral|转介就业服务中心|推荐就业岗位
training|学习使用智能手机|能独立视频通话和缴费|实际操作|training|智能手机培训|两次手机使用培训
consultation|咨询高龄津贴和养老保险|了解并办理相关待遇|办理回执|phone|政策咨询|电话告知办理流程
other|协助办理证件|证件办理完成|办理回执|phone|协助办理|陪同办理证件
"""
NEED_TEXTS = {}
for _line in NEED_TEXT_TABLE.strip().splitlines():
    _category, *_texts = _line.split("|")
    NEED_TEXTS.setdefault(_category, []).append(tuple(_texts))
NEEDS_BY_PROFILE = {
    "elderly": Picker(
        {
            "elderly_care": 35,
            "medical": 25,
            "material_aid": 20,
            "consultation": 10,
            "training": 10,
        }
    ),
    "child": Picker({"child_care": 45, "psychosocial": 35, "material_aid": 20}),
    "disability": Picker(
        {"equipment": 35, "medical": 25, "material_aid": 20, "livelihood": 20}
    ),
    "poor": Picker(
        {"livelihood": 35, "material_aid": 30, "training": 20, "consultation": 15}
    ),
    "adult": Picker(
        {"livelihood": 35, "training": 30, "consultation": 20, "other": 15}
    ),
}
SITUATIONS = {
    "elderly": "老人，子女长期在外务工",
    "left_behind": "留守儿童，父母在外打工，由祖辈照看",
    "child": "儿童，家庭照护能力不足",
    "disability": "残疾，行动不便",
    "poor": "家庭收入低，享受低保",
    "adult": "在家务农，收入不稳定",
}


def _situation(person, profile):
    """The opening words of the case description."""
    if profile == "child" and person.is_left_behind_child:
        return SITUATIONS["left_behind"]
    return SITUATIONS[profile]


def _plus(moment, now, low_hours, high_hours, rng):
    """Return ``moment`` plus a random whole number of minutes, never after
    ``now`` minus one hour."""
    later = moment + minutes(rng, low_hours, high_hours)
    return min(later, now - timedelta(hours=1))


@dataclasses.dataclass
class PlanDraft:
    """The moments and people of one version of a service plan."""

    state: str
    submitted: object
    approver: object
    approved: object
    changed: object
    version: int = 1
    scored: bool = False


class CaseDraft:
    """Draw every case with the records its phase requires, straight into
    the staging tables (one pass, nothing kept per case)."""

    def __init__(self, config, county, residents, tables):
        self.config = config
        self.county = county
        self.residents = residents
        self.tables = tables
        self.now = config.now
        self.rng = config.rng("cases")
        self.consent_from = {}  # resident key: (first contact, user id)
        self.explanations = {}
        self.names = []
        self.plan_count = 0

    # -- the case list -------------------------------------------------
    def draw_all(self):
        """Draw the phases, beneficiaries and dates of all cases, number them
        in intake order, then draw each case with its records."""
        rng = self.rng
        config = self.config
        with config.recorder.table("draw cases (all tables)", written=False) as timing:
            count = config.scaled(CASES)
            phases = [PHASES(rng) for _index in range(count)]
            open_count = sum(phase != "closed" for phase in phases)
            weights = [self._case_weight(r.person) for r in self.residents]
            open_people = iter(
                weighted_sample(
                    rng, self.residents, weights, min(open_count, len(weights))
                )
            )
            closed_people = rng.choices(self.residents, weights, k=count - open_count)
            closed_iter = iter(closed_people)
            cases = []
            for phase in phases:
                resident = next(open_people, None) if phase != "closed" else None
                if resident is None:
                    phase = "closed"
                    resident = next(closed_iter, None) or rng.choice(self.residents)
                cases.append((self._intake_date(phase), phase, resident))
            cases.sort(key=lambda case: case[0])
            self.names = self._case_names([intake for intake, _p, _r in cases])
            for key, (intake, phase, resident) in enumerate(cases):
                self._draw_case(key, intake, phase, resident)
            timing.rows = sum(staging.rows for staging in self.tables.all())

    def _case_names(self, intakes):
        """Return the references, numbered in intake order from the next
        number of the case sequence, with the year of each intake."""
        sequence = self.config.shared["case_sequence"]
        first, padding = sequence["next"], sequence["padding"]
        affixes = sequence["affixes"]
        names = []
        for index, intake in enumerate(intakes):
            prefix, suffix = affixes[intake.year]
            names.append(f"{prefix}{first + index:0{padding}d}{suffix}")
        return names

    @staticmethod
    def _case_weight(person):
        """Vulnerable people come to the social workers more often."""
        weight = 3.0 if person.is_vulnerable else 1.0
        if person.age_band == "elderly":
            weight *= 1.5
        return weight

    def _intake_date(self, phase):
        """Draw the intake moment of a case in ``phase``."""
        rng = self.rng
        if phase == "closed":
            days = rng.uniform(30, HISTORY_DAYS)
        else:
            minimum, mean = OPEN_CASE_AGE[phase]
            days = min(HISTORY_DAYS, minimum + rng.expovariate(1 / mean))
        day = (self.now - timedelta(days=days)).date()
        moment = working_time(rng, day)
        latest = self.now - timedelta(minutes=30)
        if moment > latest:
            moment = latest.replace(second=0, microsecond=0)
        return moment

    def _worker(self, village):
        """The social worker of a case: the village's, or the township's."""
        if self.rng.random() < 0.75 and village["id"] in self.county.village_worker:
            return self.county.village_worker[village["id"]]
        return self.county.township_worker[village["township_id"]]

    def _first_contact(self, phase, intake, deadline, allowed_hours):
        """Return the first contact, or ``None`` when nobody reached the
        person yet (only in the intake phase)."""
        rng = self.rng
        now = self.now
        if phase == "intake":
            if deadline < now and rng.random() < OVERDUE_SHARE:
                return None
            if deadline >= now and rng.random() < 0.5:
                return None
        if rng.random() < ON_TIME_SHARE:
            delay = minutes(rng, 0.05 * allowed_hours, allowed_hours)
        else:
            delay = minutes(rng, allowed_hours + 0.1, 2.5 * allowed_hours)
        latest = now - timedelta(minutes=10) - intake
        if delay > latest:
            if phase == "intake":
                return None
            delay = timedelta(minutes=int(latest.total_seconds() // 60))
        return intake + delay

    def _draw_case(self, key, intake, phase, resident):
        """Draw one case and the records its phase requires."""
        rng = self.rng
        county = self.county
        person = resident.person
        village = resident.village
        user_id = self._worker(village)
        priority = (PRIORITIES_VULNERABLE if person.is_vulnerable else PRIORITIES)(rng)
        deadline = response_time.deadline(intake, priority, county.response_hours)
        allowed = county.response_hours[response_time.PRIORITY_KEYS[priority]]
        contact = self._first_contact(phase, intake, deadline, allowed)
        channel = CHANNELS(rng)
        if channel == "online_platform" and not person.uses_internet:
            channel = "volunteer_proxy"
        profile = need_profile(person)
        categories = {
            NEEDS_BY_PROFILE[profile](rng) for _index in range(rng.randint(1, 2))
        }
        texts = [rng.choice(NEED_TEXTS[category]) for category in sorted(categories)]
        rank = PHASE_ORDER.index(phase)
        events = self._timeline(rank, contact) if rank and contact else {}
        if contact and (rank or rng.random() < 0.5):
            self._consent_needed(resident, contact, user_id)
        if rank >= 1:
            self._draw_assessments(key, person, user_id, events)
        if rank >= 2:
            self._draw_plans(key, rank, user_id, texts, events)
        if rank >= 3:
            self._draw_interventions(key, rank, user_id, texts, events)
        if events.get("evaluation"):
            self._draw_evaluation(key, user_id, events["evaluation"])
        closure = (None, None, None)
        if phase == "closed":
            closure = self._closure(person, events["closed"])
        self._draw_needs(key, rank, priority, categories, texts)
        response_hours = response_time.response_hours(intake, contact) or 0.0
        last = max([intake, *(moment for moment in _flatten(events) if moment)])
        resident.registered = min(resident.registered, intake - timedelta(hours=2))
        self.tables.case.add(
            key,
            self.names[key],
            resident.key,
            user_id,
            channel,
            priority,
            channel in ("station", "volunteer_proxy"),
            f"<p>{_situation(person, profile)}；"
            f"{'，'.join(text[0] for text in texts)}。</p>",
            county.stage_by_phase[phase],
            intake,
            contact,
            deadline,
            response_hours,
            response_time.was_late(deadline, contact),
            *closure,
            last,
        )

    def _timeline(self, rank, contact):
        """Return the moments of the steps a case of phase ``rank`` went
        through after its first contact, squeezed to end before now."""
        rng = self.rng
        day = 24.0
        steps = [("assessment", minutes(rng, 0.5, 7 * day))]
        if rank >= 2:
            steps += [
                ("submitted", minutes(rng, 2 * day, 14 * day)),
                ("approved", minutes(rng, 2, 6 * day)),
            ]
        done = 0
        if rank == 3:
            done = DONE_INTERVENTIONS_OPEN(rng)
        elif rank >= 4:
            done = DONE_INTERVENTIONS_EVALUATED(rng)
        steps += [
            ("intervention", minutes(rng, 3 * day, 30 * day)) for _i in range(done)
        ]
        if rank == 5 or (rank == 4 and rng.random() < EVALUATED_SHARE):
            steps.append(("evaluation", minutes(rng, 3 * day, 30 * day)))
        if rank == 5:
            steps.append(("closed", minutes(rng, 1, 14 * day)))
        gaps = fit_intervals([gap for _name, gap in steps], self.now - contact)
        events, moment = {}, contact
        for (name, _gap), gap in zip(steps, gaps, strict=True):
            moment = moment + gap
            events.setdefault(name, []).append(moment.replace(microsecond=0))
        return {
            name: moments if name == "intervention" else moments[0]
            for name, moments in events.items()
        }

    def _consent_needed(self, resident, contact, user_id):
        """Remember the earliest moment a person consented to case work."""
        known = self.consent_from.get(resident.key)
        if not known or contact < known[0]:
            self.consent_from[resident.key] = (contact, user_id)

    def _explanation(self, scores):
        """The explanation the ORM writes for these scores (memoised)."""
        key = tuple(scores[d] for d in scoring.DIMENSIONS)
        if key not in self.explanations:
            result = scoring.assess(scores)
            self.explanations[key] = (
                result,
                "\n".join(
                    self.config.shared["explain_reason"](reason)
                    for reason in result.reasons
                ),
            )
        return self.explanations[key]

    def _draw_assessments(self, key, person, user_id, events):
        """One assessment at the assessment step, sometimes a second one
        before the plan."""
        rng = self.rng
        dates = [events["assessment"]]
        if "submitted" in events and rng.random() < REASSESSMENT_SHARE:
            dates.append(
                events["assessment"] + (events["submitted"] - events["assessment"]) / 2
            )
        for moment in dates:
            scores = assessment_scores(rng, person)
            result, explanation = self._explanation(scores)
            override, reason = None, None
            if rng.random() < 0.04:
                levels = scoring.RISK_LEVELS
                index = levels.index(result.level)
                override = levels[min(len(levels) - 1, index + 1)]
                if override == result.level:
                    override = levels[index - 1]
                reason = "家访发现的情况与量表得分不一致。"
            self.tables.assessment.add(
                key,
                moment.date(),
                user_id,
                *(str(scores[d]) for d in scoring.DIMENSIONS),
                result.score,
                result.level,
                explanation,
                override,
                reason,
                override or result.level,
                None,
                moment,
            )

    def _draw_plans(self, key, rank, user_id, texts, events):
        """The service plan(s): any state in the plan phase, approved from
        the intervention phase on (sometimes after a superseded version)."""
        rng = self.rng
        supervisor = self.county.supervisor_of.get(user_id)
        submitted, approved = events["submitted"], events["approved"]
        scored = "evaluation" in events
        if rank == 2:
            state = PLAN_STATES(rng)
            decided = state in ("approved", "returned")
            self._add_plan(
                key,
                texts,
                PlanDraft(
                    state=state,
                    submitted=submitted if state != "draft" else None,
                    approver=supervisor if state == "approved" else None,
                    approved=approved if state == "approved" else None,
                    changed=approved if decided else submitted,
                ),
            )
            return
        revised = _plus(approved, self.now, 24, 20 * 24, rng)
        first = PlanDraft("approved", submitted, supervisor, approved, approved)
        if revised > approved and rng.random() < REVISED_PLAN_SHARE:
            first.state = "superseded"
            self._add_plan(key, texts, first)
            second = PlanDraft("approved", revised, supervisor, revised, revised)
            second.version, second.scored = 2, scored
            self._add_plan(key, texts, second)
        else:
            first.scored = scored
            self._add_plan(key, texts, first)

    def _add_plan(self, case_key, texts, plan):
        """Add a plan with one goal and one planned intervention per need;
        the goals of an approved plan are scored once the case is
        evaluated."""
        rng = self.rng
        plan_key = self.plan_count
        self.plan_count += 1
        self.tables.plan.add(
            plan_key,
            case_key,
            plan.version,
            plan.state,
            plan.submitted,
            plan.approver,
            plan.approved,
            "请补充每个目标的衡量指标。" if plan.state == "returned" else None,
            plan.submitted or plan.changed,
            plan.changed,
        )
        start = (plan.approved or plan.submitted or plan.changed).date()
        scored = plan.scored and plan.state == "approved"
        for sequence, text in enumerate(texts, 1):
            _need, goal, indicator, kind, _summary, line = text
            self.tables.goal.add(
                plan_key,
                sequence * 10,
                goal,
                indicator,
                start + timedelta(days=rng.randint(30, 180)),
                ATTAINMENT(rng) if scored else None,
            )
            self.tables.line.add(
                plan_key,
                sequence * 10,
                kind,
                line,
                rng.choice(("每周一次，持续两个月", "每月一次", "一次性")),
                start + timedelta(days=rng.randint(1, 30)),
            )

    def _draw_interventions(self, key, rank, user_id, texts, events):
        """The done interventions of the timeline; planned ones (not field
        visits) for cases still in intervention; a few cancelled."""
        rng = self.rng
        for moment in events.get("intervention", []):
            self._add_intervention(key, rng.choice(texts), moment, user_id, "done")
        if rank == 3:
            for _index in range(PLANNED_INTERVENTIONS(rng)):
                moment = self.now + timedelta(days=rng.randint(1, 21))
                self._add_intervention(
                    key,
                    rng.choice(texts),
                    moment.replace(minute=0, second=0, microsecond=0),
                    user_id,
                    "planned",
                    kind=rng.choice(NON_VISIT_TYPES),
                )
        if events.get("intervention") and rng.random() < 0.05:
            moment = events["intervention"][0]
            self._add_intervention(key, rng.choice(texts), moment, user_id, "cancelled")

    def _add_intervention(self, case_key, text, moment, user_id, state, kind=None):
        """Add one intervention."""
        rng = self.rng
        kind = kind or text[3]
        self.tables.intervention.add(
            case_key,
            text[4] if kind == text[3] else text[5],
            kind,
            moment,
            rng.choice((0.5, 1.0, 1.0, 1.5, 2.0, 3.0)),
            user_id,
            state,
            "按计划完成。" if state == "done" and rng.random() < 0.3 else None,
            rng.choice(REFERRAL_SERVICES) if kind == "referral" else None,
        )

    def _draw_evaluation(self, key, user_id, moment):
        """Add the outcome evaluation."""
        rng = self.rng
        before = round(rng.lognormvariate(7.3, 0.5) / 10) * 10
        after = max(0, round(before * (1 + rng.gauss(0.08, 0.12)) / 10) * 10)
        self.tables.evaluation.add(
            key,
            moment.date(),
            user_id,
            before,
            after,
            SATISFACTION(rng),
            "服务对象对服务表示满意。" if rng.random() < 0.2 else None,
        )

    def _closure(self, person, moment):
        """Return ``(reason, note, closed date)``."""
        rng = self.rng
        reason = CLOSURE_REASONS(rng)
        if reason == "deceased" and person.age_band != "elderly":
            reason = "goals_achieved"
        note = "服务目标基本达成，转入定期回访。" if rng.random() < 0.2 else None
        return reason, note, moment

    def _draw_needs(self, key, rank, priority, categories, texts):
        """One need per category; its status follows the phase."""
        rng = self.rng
        urgency = {"0": "medium", "1": "high", "2": "high"}[priority]
        for sequence, (category, text) in enumerate(
            zip(sorted(categories), texts, strict=True), 1
        ):
            if rank <= 2:
                status = "open"
            elif rank == 3:
                status = "in_progress"
            else:
                status = rng.choice(("met", "met", "met", "not_met", "referred"))
            self.tables.need.add(key, sequence * 10, category, text[0], urgency, status)

    def consents(self):
        """Yield ``(resident, date given, user id)`` for each person who gave
        consent to case work."""
        for resident_key, (contact, user_id) in sorted(self.consent_from.items()):
            yield self.residents[resident_key], contact.date(), user_id


def _flatten(events):
    """Yield every moment of a timeline."""
    for value in events.values():
        if isinstance(value, list):
            yield from value
        else:
            yield value


def _consent_row(rng, resident, given, user_id, today):
    """Return the values of the case-management consent of a person: by
    proxy for children and for people who need one, valid today."""
    person = resident.person
    proxy = person.needs_proxy or person.age_band == "child"
    relation = proxy_name = None
    if proxy:
        if person.age_band == "child":
            relation, proxy_name = "guardian", f"{person.name[0]}某（监护人）"
        else:
            relation = PROXY_RELATIONS(rng)
            proxy_name = {
                "relative": f"{person.name[0]}某（亲属）",
                "volunteer": "志愿者",
                "station_clerk": "村级服务站站长",
            }[relation]
    if person.age >= 70 and not person.uses_internet:
        method = METHODS_ELDERLY(rng)
    else:
        method = METHODS(rng)
    until = None
    if rng.random() < 0.2:
        until = max(given + timedelta(days=3 * 365), today + timedelta(days=30))
    return [
        resident.key,
        "case_management",
        "proxy" if proxy else "self",
        proxy_name,
        relation,
        method,
        "村委会工作人员" if method == "witnessed_verbal" else None,
        given,
        until,
        None,
        None,
        user_id,
    ]


def draw_consents(config, draft):
    """Draw a valid case-management consent for every person whose case
    went past intake (and some still in intake), given at the first contact,
    plus a few consents for platform sharing (some revoked) and photos
    (valid one year, so many expired)."""
    rng = config.rng("consents")
    today = config.today
    staging = draft.tables.consent
    with config.recorder.table("draw consents", written=False) as timing:
        for resident, given, user_id in draft.consents():
            row = _consent_row(rng, resident, given, user_id, today)
            staging.add(*row)
            extra = rng.random()
            if extra < 0.25 and resident.person.uses_internet:
                row[1] = "platform_sharing"
                revoked = given + timedelta(days=rng.randint(30, 300))
                if rng.random() < 0.08 and revoked < today:
                    row[9:11] = [revoked, "不再使用平台"]
                staging.add(*row)
            elif extra < 0.35:
                row[1] = "photos"
                row[8] = given + timedelta(days=365)
                staging.add(*row)
        timing.rows = staging.rows
