"""The words of a demo year: reasons, bases and themes the office writes down."""

from __future__ import annotations

from domain.vocabulary import SanctionKind

RED_FLAG_THEMES = (
    "项目建设开门红", "招商引资攻坚", "春季农业生产", "优化营商环境", "安全生产月",
    "生态环境保护", "民生实事攻坚", "防汛减灾", "基层治理", "秋收秋种", "冬季攻势", "年终冲刺",
)  # fmt: skip

SANCTION_REASONS = {
    SanctionKind.REMINDER: "月报数据填报不及时，经提醒后仍有滞后",
    SanctionKind.INTERVIEW: "重点项目进度连续两月滞后序时进度",
    SanctionKind.NOTIFICATION: "县委督查发现整改任务未按期完成，予以全县通报批评",
    SanctionKind.ADMONISHMENT: "督办事项推诿扯皮、久拖不办，对主要负责人诫勉谈话",
    SanctionKind.ACCOUNTABILITY: "因工作不力造成不良影响，依规追究相关人员责任",
    SanctionKind.YELLOW_CARD: "同一事项被通报批评后仍未整改到位，给予黄牌警告",
    SanctionKind.VETO: "发生较大安全生产责任事故，实行一票否决",
}

NAMED_PERSON = frozenset(
    {SanctionKind.ADMONISHMENT, SanctionKind.ACCOUNTABILITY, SanctionKind.YELLOW_CARD}
)

APPEAL_UPHELD = "单位申诉成立：经复核，通报所涉数据系统计口径差异所致，撤销该通报"

NOTICE_REASONS = (
    "重点项目节点任务未按时限完成",
    "暗访发现值班值守不到位",
    "佐证材料弄虚作假，数据与实际不符",
    "会议精神传达落实不及时",
    "群众反映问题办理超期",
    "交办事项未按期反馈",
)

BONUS_REASONS = (
    ("获评省级先进集体", "县目标督考领导小组会议纪要"),
    ("工作经验被上级专刊推广", "考核办法奖励加分条款"),
    ("承办全市现场推进会", "县委常委会研究决定"),
    ("争取国家级试点成功", "县目标督考领导小组会议纪要"),
    ("重大创新成果获省级表彰", "考核办法奖励加分条款"),
    ("招引重大项目落地", "县政府常务会议决定"),
)

RETURN_REASONS = (
    "年度目标值偏低，请对标上年实际完成数重新测算",
    "序时进度安排不合理，请细化月度节点",
    "佐证口径不清，请明确数据来源",
    "责任分工不明确，请落实到具体科室和责任人",
)

REJECT_REASONS = (
    "佐证材料与填报数据不一致",
    "缺少现场照片等佐证材料",
    "累计数据口径错误，请按统计部门数据填报",
)

DYNAMIC_REASON = "县委常委会交办的阶段性重点任务，列入动态指标"
REVISION_REASON = "受上级政策调整影响，经领导小组研究，年度目标下调一成并调增分值"
