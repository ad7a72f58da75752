"""The targets a demo unit may be given: common ones every unit carries (共性) and the
individual ones of its category (个性), quantitative with a unit of measure and a range
for the annual goal, or qualitative with milestones."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TargetTemplate:
    title: str
    group: str
    measure: str | None = None  # unit of measure; None for a qualitative target
    goal: tuple[int, int] = (0, 0)  # range of the annual increase over the baseline
    stock: tuple[int, int] = (0, 0)  # range of an existing level (baseline), if any

    @property
    def quantitative(self) -> bool:
        return self.measure is not None


def _q(title: str, group: str, measure: str, goal: tuple[int, int],
       stock: tuple[int, int] = (0, 0)) -> TargetTemplate:  # fmt: skip
    return TargetTemplate(title, group, measure, goal, stock)


def _m(title: str, group: str = "party_building") -> TargetTemplate:
    return TargetTemplate(title, group)


COMMON = (
    _m("全面从严治党主体责任落实"), _m("党风廉政建设"), _m("意识形态工作"),
    _m("基层党组织建设"), _m("机关作风建设"), _m("安全生产", "support"),
    _m("信访维稳", "support"), _m("平安建设", "support"), _m("依法行政", "service"),
    _m("政务公开", "service"), _m("优化营商环境", "service"), _m("保密工作", "support"),
    _m("档案工作", "support"), _m("精神文明创建", "support"), _m("乡村振兴帮扶", "support"),
    _m("人才工作", "support"), _m("网络安全", "support"), _m("督查督办事项落实", "service"),
    _m("审计整改", "support"), _m("巡察整改", "party_building"),
    _q("民生实事办结", "service", "件", (5, 30)),
    _q("公共机构节能", "support", "吨标准煤", (10, 80)),
    _q("政务服务好评率", "service", "%", (2, 5), (90, 94)),
    _q("12345热线按期办结", "service", "件", (80, 600)),
)  # fmt: skip

TOWN = (
    _q("固定资产投资", "economic_development", "亿元", (3, 25)),
    _q("招商引资到位资金", "economic_development", "亿元", (2, 15)),
    _q("规模以上工业增加值", "economic_development", "亿元", (1, 8), (10, 40)),
    _q("新增市场主体", "economic_development", "户", (150, 900), (2000, 6000)),
    _q("社会消费品零售总额", "economic_development", "亿元", (2, 10), (8, 30)),
    _q("农村公路建设", "park_construction", "公里", (5, 40)),
    _q("高标准农田建设", "park_construction", "亩", (2000, 12000)),
    _q("粮食播种面积", "economic_development", "亩", (500, 3000), (30000, 80000)),
    _q("农村居民人均可支配收入", "economic_development", "元", (1200, 2400), (16000, 22000)),
    _q("新增城镇就业", "service", "人", (200, 900)),
    _q("农村人居环境整治村", "support", "个", (3, 15)),
    _q("改厕户数", "support", "户", (100, 800)),
    _q("新建改建农房", "park_construction", "户", (20, 200)),
    _q("土地流转面积", "economic_development", "亩", (500, 5000), (5000, 20000)),
    _q("集体经济收入", "economic_development", "万元", (20, 200), (50, 400)),
    _q("特色产业基地", "park_construction", "亩", (300, 3000)),
    _q("植树造林", "support", "亩", (200, 2000)),
    _q("新签约项目", "economic_development", "个", (3, 15)),
    _q("污水管网建设", "park_construction", "公里", (2, 20)),
    _q("城镇化率", "economic_development", "%", (1, 3), (40, 60)),
    _m("河长制落实", "support"), _m("森林防火", "support"), _m("防汛减灾", "support"),
    _m("耕地保护", "support"), _m("基层治理", "service"), _m("移风易俗", "support"),
)  # fmt: skip

PARTY = (
    _m("干部教育培训"), _m("理论学习中心组学习"), _m("统一战线工作"), _m("宣传思想工作"),
    _m("网络舆情处置"), _m("党员发展和管理"), _m("组织生活会制度落实"), _m("群团改革"),
    _m("志愿服务"), _m("调查研究", "service"), _m("决策督查", "service"),
    _m("文稿起草与信息报送", "service"), _m("党史学习教育"), _m("离退休干部服务", "service"),
    _q("党员培训人次", "party_building", "人次", (300, 3000)),
    _q("信息采用篇数", "service", "篇", (20, 120)),
    _q("新闻稿件上稿", "service", "篇", (50, 400)),
    _q("志愿服务时长", "support", "小时", (2000, 20000)),
    _q("发展党员", "party_building", "人", (10, 80)),
    _q("联系服务群众事项", "service", "件", (50, 400)),
    _q("专题调研报告", "service", "篇", (4, 20)),
    _q("课题研究成果", "service", "项", (2, 10)),
)  # fmt: skip

GOVERNMENT = (
    _q("行业固定资产投资", "economic_development", "亿元", (2, 20)),
    _q("争取上级资金", "economic_development", "亿元", (1, 8)),
    _q("争取专项债券", "economic_development", "亿元", (1, 6)),
    _q("招商引资到位资金", "economic_development", "亿元", (1, 10)),
    _q("重点项目开工", "park_construction", "个", (3, 20)),
    _q("行政许可按时办结", "service", "件", (300, 3000)),
    _q("监督抽检批次", "support", "批次", (100, 800)),
    _q("执法检查", "support", "次", (50, 400)),
    _q("培训人次", "service", "人次", (500, 5000)),
    _q("行业增加值", "economic_development", "亿元", (1, 6), (10, 60)),
    _q("服务企业数", "service", "户", (50, 400)),
    _q("一网通办办件", "service", "件", (1000, 8000)),
    _q("项目入库", "economic_development", "个", (5, 40)),
    _q("基础设施建设投资", "park_construction", "亿元", (1, 10)),
    _q("园区标准化厂房建设", "park_construction", "万平方米", (1, 10)),
    _m("重大项目前期工作", "park_construction"), _m("行业安全监管", "support"),
    _m("专项整治行动", "support"), _m("规划编制", "service"), _m("数字化改革", "service"),
    _m("惠民政策落实", "service"), _m("行业改革任务", "service"),
)  # fmt: skip

STATIONED = (
    _q("地方税费收入", "economic_development", "亿元", (1, 6), (5, 20)),
    _q("新增贷款投放", "economic_development", "亿元", (2, 20)),
    _q("涉农贷款余额", "economic_development", "亿元", (1, 8), (10, 40)),
    _q("电网改造投资", "park_construction", "万元", (500, 5000)),
    _q("5G基站建设", "park_construction", "个", (20, 200)),
    _q("服务县域企业", "service", "户", (50, 500)),
    _q("普惠小微贷款户数", "economic_development", "户", (200, 2000)),
    _q("办理案件", "service", "件", (200, 2000)),
    _q("消防安全检查", "support", "家次", (200, 1500)),
    _q("气象服务信息发布", "service", "期", (50, 300)),
    _q("光纤宽带新增用户", "economic_development", "户", (1000, 8000)),
    _m("支持地方经济发展", "support"), _m("服务保障重点项目", "support"),
    _m("行风建设", "service"), _m("应急保障", "support"), _m("联系帮扶", "support"),
    _m("法治宣传", "service"), _m("行业监管协作", "support"), _m("服务乡村振兴", "support"),
    _m("驻地共建", "support"),
)  # fmt: skip

BY_CATEGORY = {
    "town": TOWN,
    "party_department": PARTY,
    "government_department": GOVERNMENT,
    "stationed_unit": STATIONED,
}

# Tasks the office adds mid-year (动态指标), e.g. after a county party committee meeting.
DYNAMIC = (
    _q("防汛救灾恢复重建", "support", "处", (5, 30)),
    _q("重点项目攻坚", "park_construction", "个", (2, 8)),
    _q("秋冬季大气污染治理点位", "support", "个", (5, 20)),
)  # fmt: skip

MILESTONES = (
    "制定年度实施方案", "召开专题部署会", "完成一季度任务", "开展第一轮督导检查",
    "完成半年工作评估", "开展集中整治行动", "完成三季度任务", "迎接上级检查考核",
    "完成年度任务", "形成年度工作总结",
)  # fmt: skip

SECTIONS = ("综合股", "办公室", "规划股", "业务股", "党建办", "经发办", "社会事务办", "项目办")
