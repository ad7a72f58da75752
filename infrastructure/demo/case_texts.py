"""The words of a demo year's supervision cases and evaluations."""

from __future__ import annotations

from domain.supervision.terms import CaseSource

CASE_MATTERS = {
    CaseSource.HIGHER_ASSIGNMENT: (
        ("省下达高标准农田建设任务推进", "按省定任务完成年度高标准农田建设并通过验收"),
        ("市交办城乡供水一体化工程", "按市交办时限完成管网铺设并通水"),
    ),
    CaseSource.LEADER_INSTRUCTION: (
        ("县委主要领导批示：重点项目征地拆迁", "限期完成剩余户签约和交地"),
        ("县长批示：老旧小区改造进度滞后", "按序时进度完成改造并接受群众评议"),
    ),
    CaseSource.ASSESSMENT_FINDING: (
        ("考核发现：重点指标连续滞后序时进度", "查找滞后原因，制定赶超措施并按期追上序时进度"),
        ("考核发现：佐证材料与实际不符", "核实数据、补齐佐证并完成整改"),
    ),
    CaseSource.PUBLIC_COMPLAINT: (
        ("“办不成事”窗口：企业开办审批超时", "压缩审批时限，限期办结积压件并回访企业"),
        ("“办不成事”窗口：群众反映路灯长期不亮", "限期修复并建立巡查机制"),
    ),
    CaseSource.SPECIAL_INSPECTION: (
        ("专项督查：饮马河流域畜禽养殖偷排", "限期封堵排污口，建立巡查台账"),
        ("专项督查：安全生产隐患排查整治", "逐项整改隐患并报送整改报告"),
    ),
}

INSTRUCTIONS = "请牵头单位会同配合单位抓紧办理，按关注级别报送进展，按期办结"
MEASURES = "成立工作专班，倒排工期，挂图作战，主要负责人亲自调度"
PROGRESS = "本期推进情况：已完成阶段任务，剩余事项按计划推进"
RECTIFICATION = "整改报告：各项整改任务已完成，佐证材料附后"
INSPECTION = "现场督查：进度与报送情况基本一致，个别环节仍需加快"
FAILED = "核查发现整改不彻底，仍有问题未解决"
RAISED = "进展缓慢，提高关注级别"
NOTICES = {
    "yellow": "黄色督办单：已超期，请加快办理",
    "red": "红色督办单：严重超期，请主要负责人亲自督办",
    "blue": "蓝色督办单：请按期报送进展",
    "deadline": "限期办结通知单：请于期限内办结",
}
ESCALATION = "督办事项久拖不办，建议对相关责任人追究责任"

EVALUATION_TITLES = {
    "mutual": "年度单位互评",
    "leadership": "县级领导综合评价",
    "public": "群众满意度测评",
}
