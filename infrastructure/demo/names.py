"""Chinese names for a demo county: towns, departments, stationed units and people."""

from __future__ import annotations

import random

from domain.people import Person

_TOWN_FIRST = "青白龙凤金石花桃柳梅松竹清平安永新和兴长高双三马黄红太云河"
_TOWN_SECOND = "山溪桥坪坝河岩池湾台林江源田阳口泉峰园湖"
_TOWN_SUFFIXES = ("镇", "镇", "镇", "乡", "街道")

PARTY_DEPARTMENTS = (
    "县纪委监委机关", "县委办公室", "县委组织部", "县委宣传部", "县委统战部", "县委政法委",
    "县委政策研究室", "县委网信办", "县委编办", "县委巡察办", "县直机关工委", "县委老干部局",
    "县委党校", "县档案馆", "县总工会", "团县委", "县妇联", "县科协", "县文联", "县工商联",
    "县残联", "县委党史研究室", "县融媒体中心", "县委保密办", "县信访局", "县人大常委会办公室",
    "县政协办公室", "县红十字会",
)  # fmt: skip

GOVERNMENT_DEPARTMENTS = (
    "县政府办公室", "县发展和改革局", "县教育局", "县科技局", "县经济和信息化局", "县公安局",
    "县民政局", "县司法局", "县财政局", "县人力资源和社会保障局", "县自然资源局",
    "县生态环境局", "县住房和城乡建设局", "县交通运输局", "县水利局", "县农业农村局",
    "县商务局", "县文化广电旅游局", "县卫生健康局", "县退役军人事务局", "县应急管理局",
    "县审计局", "县市场监督管理局", "县统计局", "县医疗保障局", "县林业局", "县乡村振兴局",
    "县城市管理局", "县行政审批局", "县投资促进局", "县经济合作和外事局", "县机关事务服务中心",
    "县公共资源交易中心", "县粮食和物资储备中心", "县供销社", "县经开区管委会",
    "县现代农业园区管委会", "县大数据中心", "县国有资产服务中心", "县社会保险事业局",
    "县就业服务中心", "县疾病预防控制中心", "县人民医院", "县中医医院", "县妇幼保健院",
    "县体育运动中心", "县不动产登记中心", "县住房公积金管理中心", "县城乡规划编研中心",
    "县农业技术推广中心", "县畜牧兽医中心", "县水务管理中心", "县园林绿化中心",
    "县交通建设中心", "县招商服务中心", "县政务服务中心", "县图书馆", "县文化馆",
    "县博物馆", "县地方志办公室",
)  # fmt: skip

STATIONED_UNITS = (
    "县税务局", "县气象局", "县供电公司", "县烟草专卖局", "县邮政分公司", "县移动分公司",
    "县电信分公司", "县联通分公司", "人民银行县支行", "金融监管县监管支局", "农发行县支行",
    "工商银行县支行", "农业银行县支行", "中国银行县支行", "建设银行县支行", "邮储银行县支行",
    "县农商银行", "县消防救援大队", "县人武部", "县公路事务中心", "县水文站", "县地震局",
    "县人民法院", "县人民检察院", "县广电网络公司", "县石油分公司", "县燃气公司",
    "县自来水公司", "县公安交警大队", "县森林消防中队", "县铁塔分公司", "县烟草分公司",
    "县盐务分局", "县检验检测中心",
)  # fmt: skip

_DEPARTMENTS = {
    "party_department": PARTY_DEPARTMENTS,
    "government_department": GOVERNMENT_DEPARTMENTS,
    "stationed_unit": STATIONED_UNITS,
}

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶"
    "黎贺顾毛郝龚邵万钱严武戴孔汤"
)
_GIVEN = (
    "建国华明伟芳军杰磊勇强娟敏静丽涛斌波辉刚平健红霞玲燕鹏飞宇浩然晓东海林峰志文俊凯琳雪梅春秋"
)
_TITLES = ("科长", "副科长", "股长", "主任", "副主任", "副局长", "局长", "书记", "副书记")

TOWN_CATEGORY = "town"
_CODE_PREFIX = {"town": "T", "party_department": "P", "government_department": "G"}


def unit_code(category: str, number: int, district: int | None) -> str:
    prefix = _CODE_PREFIX.get(category, "S")
    local = f"{prefix}{number:03d}"
    return local if district is None else f"D{district:02d}-{local}"


def unit_names(category: str, count: int, rng: random.Random) -> list[str]:
    """`count` distinct names of one category; a list too short gets numbered offices."""
    if category == TOWN_CATEGORY:
        pairs = [a + b for a in _TOWN_FIRST for b in _TOWN_SECOND]
        chosen = rng.sample(pairs, count)
        return [name + rng.choice(_TOWN_SUFFIXES) for name in chosen]
    pool = _DEPARTMENTS[category]
    names = list(pool[:count])
    names += [
        f"{pool[i % len(pool)]}第{i // len(pool) + 1}分支机构" for i in range(len(names), count)
    ]
    return names


def in_district(name: str, district: str | None) -> str:
    """A county office's name inside one of a city's counties: 县教育局 → 临江区教育局."""
    if district is None:
        return name
    return district + (name[1:] if name.startswith("县") else name)


def person(rng: random.Random, title: str | None = None) -> Person:
    given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
    phone = "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))
    return Person(
        name=rng.choice(_SURNAMES) + given, title=title or rng.choice(_TITLES), contact=phone
    )
