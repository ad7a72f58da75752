"""Where a case comes from, and what its attention level (四级关注, seed 003) demands.

Seed 003 ties each of the four attention levels to a supervision mode (报送督考, 随机督考,
挂账督考, 驻点督考) and to a density of supervision; seeds 000 and 004 give the densities
in use: ten days a push (10天一推进), a weekly report (一周一上报), a notice every three
days (三日一通报), a report every day (一日一专报). `ATTENTION_TERMS` is the default
table; a rulebook may later state its own and pass it to `missed_progress`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from types import MappingProxyType

from domain.vocabulary import AttentionLevel


class CaseSource(StrEnum):
    """Where the matter came from (线索双头汇集, seed 004)."""

    HIGHER_ASSIGNMENT = "higher_assignment"  # 省市下达任务 / 上级交办
    LEADER_INSTRUCTION = "leader_instruction"  # 领导批示、交办
    ASSESSMENT_FINDING = "assessment_finding"  # 考核发现问题
    PUBLIC_COMPLAINT = "public_complaint"  # "办不成事"窗口
    SPECIAL_INSPECTION = "special_inspection"  # 专项督查


class SupervisionMode(StrEnum):
    REPORTING = "reporting"  # 报送督考: the unit reports, the office reads
    RANDOM = "random"  # 随机督考: unannounced checks
    LEDGER = "ledger"  # 挂账督考: on the ledger until struck off
    STATIONED = "stationed"  # 驻点督考: an inspector stationed on site


@dataclass(frozen=True)
class LevelTerms:
    mode: SupervisionMode
    progress_every: timedelta


ATTENTION_TERMS: Mapping[AttentionLevel, LevelTerms] = MappingProxyType(
    {
        AttentionLevel.GENERAL: LevelTerms(SupervisionMode.REPORTING, timedelta(days=10)),
        AttentionLevel.ATTENTION: LevelTerms(SupervisionMode.RANDOM, timedelta(days=7)),
        AttentionLevel.KEY: LevelTerms(SupervisionMode.LEDGER, timedelta(days=3)),
        AttentionLevel.SPECIAL: LevelTerms(SupervisionMode.STATIONED, timedelta(days=1)),
    }
)

PROGRESS_INTERVALS: Mapping[AttentionLevel, timedelta] = MappingProxyType(
    {level: terms.progress_every for level, terms in ATTENTION_TERMS.items()}
)
