"""How big a generated demo year is: units per category, targets per unit, and how
often the office's incidents happen.

With seed 2025: tiny ≈ 1.7k commands (≈ 2.1k events); county 181,159 commands
(≈ 190k events: every target-month is a report and its verification, so 150 units ×
40 targets × 12 months alone make ≈ 144k; supervision cases, evaluations and special
assessments add about a thousand); city ≈ 1.0M commands (≈ 1.05M events). A province
(`PROVINCES`) is twenty cities, each a jurisdiction with its own log and its own seed:
≈ 20M commands, ≈ 21M events.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSize:
    """The knobs of one demo size. Rates are per target and month; counts are per year
    unless named per month."""

    name: str
    units: tuple[tuple[str, int], ...]  # (category, how many) in one jurisdiction
    districts: tuple[str, ...]  # county names a city's units are spread over; () for one county
    targets: tuple[int, int]  # fewest and most targets in a unit's 100-point list
    returned_share: float = 0.05  # proposals returned once during the four-level review
    late_rate: float = 0.04  # reports first submitted after the due day
    missing_rate: float = 0.015  # reports never submitted
    rejected_rate: float = 0.03  # reports rejected by the reviewer
    notices_per_month: int = 3  # 日常督考通知单
    sanctions_per_month: int = 3
    bonuses: int = 30
    bonus_heavy_units: int = 3  # units granted more than the bonus cap in total
    dynamic_targets: int = 3
    revisions: int = 3
    cases: int = 40  # supervision cases (督办事项) of every source and level
    public_ballots: int = 400  # public satisfaction ballots, one token each (群众满意度)
    mutual_group: int = 40  # units of one category that rate each other (互评)
    leaders: int = 5  # county leaders who rate every unit (领导评价)

    @property
    def unit_count(self) -> int:
        return sum(count for _, count in self.units)


# Ten counties' worth of units in one city jurisdiction (DOMAIN.md §8: a city ≈ 1M events).
CITY_DISTRICTS = (
    "青山区", "临江区", "白鹤县", "云台县", "石门县",
    "龙泉县", "桃源县", "安平县", "清河县", "双流县",
)  # fmt: skip

SIZES: dict[str, DemoSize] = {
    "tiny": DemoSize(
        name="tiny",
        units=(("town", 4), ("government_department", 4)),
        districts=(),
        targets=(5, 7),
        returned_share=0.1,
        late_rate=0.06,
        missing_rate=0.03,
        rejected_rate=0.05,
        notices_per_month=1,
        sanctions_per_month=1,
        bonuses=6,
        bonus_heavy_units=1,
        dynamic_targets=1,
        revisions=1,
        cases=8,
        public_ballots=24,
        leaders=3,
    ),
    "county": DemoSize(
        name="county",
        units=(
            ("town", 38),
            ("party_department", 22),
            ("government_department", 58),
            ("stationed_unit", 32),
        ),
        districts=(),
        targets=(36, 44),
    ),
    # A city is ten counties' units in the same four categories; lists are shorter so the
    # year stays near a million events for the replay benchmark.
    "city": DemoSize(
        name="city",
        units=(
            ("town", 380),
            ("party_department", 220),
            ("government_department", 580),
            ("stationed_unit", 320),
        ),
        districts=CITY_DISTRICTS,
        targets=(18, 26),
        notices_per_month=30,
        sanctions_per_month=30,
        bonuses=300,
        bonus_heavy_units=30,
        dynamic_targets=30,
        revisions=30,
        cases=300,
        public_ballots=4000,
    ),
}


@dataclass(frozen=True)
class Member:
    """One jurisdiction of a many-jurisdiction run: its registry code and name, and the
    seed its year is generated from."""

    code: str  # a registry code (infrastructure/jurisdictions.py: [a-z0-9-]+)
    name: str
    seed: int

    @property
    def schema(self) -> str:
        """The PostgreSQL schema holding this jurisdiction's own log."""
        return self.code.replace("-", "_")


@dataclass(frozen=True)
class ProvinceSize:
    """Several jurisdictions of one demo size, each its own log (DOMAIN.md §8: a province
    ≈ 20M events). Member n is generated from seed + n - 1, so the first member is the
    very year the member size gives on its own with the same seed, and every other
    member is a different, equally reproducible year."""

    name: str
    member: str  # the demo size of every jurisdiction, a key of SIZES
    names: tuple[str, ...]  # one per jurisdiction

    @property
    def jurisdictions(self) -> int:
        return len(self.names)

    def members(self, seed: int, count: int | None = None) -> tuple[Member, ...]:
        """The first `count` jurisdictions (all of them by default): a sample of the
        province is its first members, the same ones on every run."""
        count = self.jurisdictions if count is None else count
        if not 1 <= count <= self.jurisdictions:
            raise ValueError(
                f"a {self.name} has 1 to {self.jurisdictions} jurisdictions, not {count}"
            )
        return tuple(
            Member(code=f"{self.member}-{n:02d}", name=self.names[n - 1], seed=seed + n - 1)
            for n in range(1, count + 1)
        )


# Twenty prefecture-level cities of one province, each ten counties' worth of units.
PROVINCE_CITIES = (
    "江州市", "临川市", "白河市", "云岭市", "石城市",
    "龙安市", "桃江市", "安平市", "清源市", "双河市",
    "青州市", "南屏市", "东阳市", "西岭市", "北川市",
    "金沙市", "玉溪市", "松原市", "长宁市", "永丰市",
)  # fmt: skip

PROVINCES: dict[str, ProvinceSize] = {
    "province": ProvinceSize(name="province", member="city", names=PROVINCE_CITIES),
}


def members_of(size: str, count: int | None, seed: int) -> tuple[Member, ...]:
    """`count` jurisdictions of a size: a province's first `count` members (all by
    default), or `count` jurisdictions of one demo size (county, city; one by default)
    numbered and seeded the same way."""
    if size in PROVINCES:
        return PROVINCES[size].members(seed, count)
    if size not in SIZES:
        raise ValueError(f"unknown size '{size}'; choose one of {', '.join([*SIZES, *PROVINCES])}")
    names = tuple(f"{size} {n}" for n in range(1, (count or 1) + 1))
    return ProvinceSize(name=f"{len(names)} × {size}", member=size, names=names).members(seed)


def member_size(size: str) -> str:
    """The demo size each jurisdiction of `size` is generated at."""
    return PROVINCES[size].member if size in PROVINCES else size
