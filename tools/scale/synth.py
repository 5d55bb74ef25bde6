# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Seeded draws for the synthetic county: weights, apportionment, Chinese
names, phone numbers and unique resident ID numbers. No Odoo import: the
resident ID generator of ``ruralsw_case.services.id_number`` is passed in."""

import bisect
import heapq
import itertools
from datetime import datetime, timedelta


class Picker:
    """Draw keys with fixed weights, e.g. ``Picker({"a": 3, "b": 1})(rng)``
    gives ``"a"`` three times out of four."""

    def __init__(self, weights):
        items = [(key, weight) for key, weight in dict(weights).items() if weight > 0]
        if not items:
            raise ValueError("Picker needs at least one positive weight")
        self.keys = [key for key, _weight in items]
        self.cumulative = list(itertools.accumulate(w for _key, w in items))
        self.total = self.cumulative[-1]

    def __call__(self, rng):
        """Return one key drawn with ``rng``."""
        index = bisect.bisect_right(self.cumulative, rng.random() * self.total)
        return self.keys[min(index, len(self.keys) - 1)]

    def share(self, key):
        """Return the probability of ``key``."""
        if key not in self.keys:
            return 0.0
        index = self.keys.index(key)
        previous = self.cumulative[index - 1] if index else 0
        return (self.cumulative[index] - previous) / self.total


def apportion(total, weights, minimum=0):
    """Split the integer ``total`` into ``len(weights)`` integers proportional
    to ``weights`` (largest remainder method), each at least ``minimum``;
    ties go to the earlier weight."""
    count = len(weights)
    if count == 0:
        raise ValueError("apportion needs at least one weight")
    if total < minimum * count:
        raise ValueError(f"cannot give {minimum} to each of {count} out of {total}")
    rest = total - minimum * count
    weight_sum = sum(weights)
    if weight_sum <= 0:
        weights, weight_sum = [1] * count, count
    quotas = [rest * weight / weight_sum for weight in weights]
    shares = [int(quota) for quota in quotas]
    left = rest - sum(shares)
    by_remainder = sorted(range(count), key=lambda i: (-(quotas[i] - shares[i]), i))
    for index in by_remainder[:left]:
        shares[index] += 1
    return [share + minimum for share in shares]


def split_total(rng, total, count, picker, low, high):
    """Return ``count`` integers drawn with ``picker`` and adjusted one unit
    at a time, at random, until they sum to ``total``; each stays within
    ``low..high``."""
    if not low * count <= total <= high * count:
        raise ValueError(f"{total} cannot be split into {count} parts of {low}..{high}")
    sizes = [min(high, max(low, picker(rng))) for _index in range(count)]
    difference = total - sum(sizes)
    step = 1 if difference > 0 else -1
    while difference:
        index = rng.randrange(count)
        size = sizes[index] + step
        if low <= size <= high:
            sizes[index] = size
            difference -= step
    return sizes


def weighted_sample(rng, items, weights, k):
    """Return ``k`` distinct items drawn with probability proportional to
    their weight (Efraimidis-Spirakis), in draw order."""
    if k > len(items):
        raise ValueError(f"cannot draw {k} distinct items out of {len(items)}")
    keyed = (
        (rng.random() ** (1.0 / weight), index)
        for index, weight in enumerate(weights)
        if weight > 0
    )
    return [items[index] for _key, index in heapq.nlargest(k, keyed)]


def fit_intervals(intervals, available, fill=0.95):
    """Return ``intervals`` (timedeltas) shrunk proportionally so that their
    sum takes at most ``fill`` of ``available``; unchanged when they fit."""
    total = sum(intervals, timedelta())
    limit = available * fill
    if total <= limit or total <= timedelta():
        return list(intervals)
    ratio = limit / total
    return [interval * ratio for interval in intervals]


def birth_date_for_age(rng, today, age):
    """Return a birth date giving exactly ``age`` full years on ``today``."""
    latest = _years_before(today, age)
    earliest = _years_before(today, age + 1) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


def _years_before(day, years):
    """Return the same day ``years`` earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_on(birth, today):
    """Return the age in full years on ``today``."""
    return (
        today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    )


# Surnames of south-east Guizhou (Miao, Dong and Han families), weighted.
SURNAMES = {
    "杨": 9,
    "吴": 8,
    "龙": 6,
    "王": 6,
    "张": 5,
    "李": 5,
    "石": 4,
    "潘": 4,
    "刘": 4,
    "陈": 3,
    "罗": 3,
    "韦": 2,
    "欧": 2,
    "姚": 2,
    "邰": 1,
    "黄": 2,
    "赵": 1,
    "周": 1,
    "田": 1,
    "蒋": 1,
}
# Given names by generation and gender: names follow fashions, so that a
# search for 秀英 finds older women, as it would in a real register.
GIVEN_NAMES = {
    ("old", "male"): "有福 长生 建国 国华 德明 正华 光明 文华 志强 永贵 明发 金山 "
    "老三 玉成 德贵 世荣 开富 正清 忠良 家和",
    ("old", "female"): "秀英 桂英 玉兰 秀兰 桂兰 凤英 玉梅 淑珍 秀珍 金花 翠花 "
    "秀芳 春花 玉珍 兰英 美英 秀梅 桂芳 冬梅 金莲",
    ("middle", "male"): "伟 勇 军 磊 涛 强 明 斌 刚 平 建华 志明 海波 小龙 晓东 "
    "国庆 红军 建军 永强 春生",
    ("middle", "female"): "静 丽 艳 娟 敏 燕 红梅 丽华 小红 春燕 秀丽 晓燕 海燕 "
    "丽娟 玉芳 美玲 红霞 艳红 小芳 桂香",
    ("young", "male"): "浩 鹏 俊杰 子豪 浩然 宇轩 家豪 文博 志远 天宇 明轩 俊熙 "
    "嘉诚 宏伟 鑫 一鸣 晨阳 思远 博文 泽宇",
    ("young", "female"): "婷 欣 雪 倩 梦琪 欣怡 雨欣 佳怡 思雨 诗琪 晓雪 雨婷 "
    "紫涵 梓萱 佳琪 美琳 慧敏 心怡 梦瑶 紫琪",
    ("child", "male"): "子涵 宇航 浩宇 梓豪 天佑 一诺 睿 俊宇 子墨 宇泽 梓睿 "
    "锦程 沐阳 皓轩 子睿 奕辰 昊然 诗宇 逸飞 承泽",
    ("child", "female"): "欣怡 梓涵 诗涵 雨萱 可欣 一诺 语桐 若汐 梦瑶 梓萱 "
    "依诺 欣妍 沐晴 安琪 思琪 雨桐 芷若 佳怡 子萱 语嫣",
}
_GIVEN = {key: value.split() for key, value in GIVEN_NAMES.items()}
_SURNAME_PICKER = Picker(SURNAMES)


def surname(rng):
    """Return a surname drawn by its weight."""
    return _SURNAME_PICKER(rng)


def generation(birth_year):
    """Return the naming generation of a birth year."""
    if birth_year <= 1960:
        return "old"
    if birth_year <= 1985:
        return "middle"
    if birth_year <= 2005:
        return "young"
    return "child"


def person_name(rng, family_name, gender, birth_year):
    """Return a full name: the family name and a given name in fashion in
    the birth year."""
    return family_name + rng.choice(_GIVEN[(generation(birth_year), gender)])


# Syllables of village and township names (新寨, 水源, 龙井 ...).
_VILLAGE_FIRST = (
    "新 水 石 龙 大 小 上 下 高 白 黄 杨 马 岩 中 坝 河 沙 青 红 茶 桃 竹 松"
)
_VILLAGE_SECOND = "寨 坡 田 桥 坪 湾 口 头 山 冲 堡 关 溪 井 林 坳 洞 塘 岭 屯"
TOWNSHIP_NAMES = (
    "清江镇 龙泉镇 石桥镇 白岩镇 大坪镇 平寨镇 新华乡 高坡乡 兴仁镇 长青乡 "
    "双河镇 黄岗乡 永安镇 凤鸣乡 太平镇 云台乡"
).split()


def village_names(rng, count):
    """Return ``count`` distinct village names in random order."""
    names = [
        first + second + "村"
        for first in _VILLAGE_FIRST.split()
        for second in _VILLAGE_SECOND.split()
    ]
    if count > len(names):
        raise ValueError(f"only {len(names)} village names, {count} asked")
    rng.shuffle(names)
    return names[:count]


def township_names(rng, count):
    """Return ``count`` distinct township names in random order."""
    if count > len(TOWNSHIP_NAMES):
        raise ValueError(f"only {len(TOWNSHIP_NAMES)} township names, {count} asked")
    return rng.sample(TOWNSHIP_NAMES, count)


# Mobile prefixes of the three operators, the older ones more common.
_MOBILE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 150 151 152 155 156 157 158 159 "
    "182 185 186 187 188 189 135 138 139 150 158 159 199 198 177 173"
).split()


def mobile_number(rng):
    """Return an 11-digit mainland mobile number."""
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


class IdNumbers:
    """Unique resident ID numbers: ``IdNumbers(id_number.generate)`` then
    ``draw(rng, region6, birth, gender)``; the 3-digit sequence is odd for
    men and even for women and never repeats for a region and birth date."""

    SEQUENCES_PER_GENDER = 500

    def __init__(self, generate):
        self._generate = generate
        self._used = set()

    def draw(self, rng, region6, birth, gender):
        """Return a new valid number for a person born on ``birth``; raise
        ``RuntimeError`` when the 500 sequences of that day, region and
        gender are all taken."""
        parity = 1 if gender == "male" else 0
        start = rng.randrange(self.SEQUENCES_PER_GENDER)
        for offset in range(self.SEQUENCES_PER_GENDER):
            sequence = (start + offset) % self.SEQUENCES_PER_GENDER * 2 + parity
            key = (region6, birth, sequence)
            if key not in self._used:
                self._used.add(key)
                return self._generate(region6, birth, sequence)
        raise RuntimeError(f"no free sequence left for {region6} {birth} {gender}")

    def __len__(self):
        return len(self._used)


def minutes(rng, low, high):
    """Return a timedelta of a whole number of minutes within ``low..high``
    hours (whole minutes keep response hours free of rounding ties)."""
    return timedelta(minutes=rng.randint(round(low * 60), round(high * 60)))


def working_time(rng, day, utc_offset_hours=8):
    """Return a naive UTC datetime, on a whole minute, during local office
    hours (08:00-18:00) of the local date ``day``."""
    local_minute = rng.randrange(8 * 60, 18 * 60)
    midnight = datetime(day.year, day.month, day.day)
    return midnight + timedelta(minutes=local_minute, hours=-utc_offset_hours)


def blocks(items, count):
    """Split the sequence ``items`` into ``count`` contiguous blocks whose
    sizes differ by one at most, the larger ones first."""
    sizes = apportion(len(items), [1] * count)
    result, start = [], 0
    for size in sizes:
        result.append(items[start : start + size])
        start += size
    return result
