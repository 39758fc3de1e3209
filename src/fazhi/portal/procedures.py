"""The enforcement procedures the portal publishes beforehand (执法流程) and the remedies (救济途径).

Steps are described in words only: every number (time limits, fine ceilings, the minimum of officers)
is a row of the rules table named by its code, read when the page is drawn, so a corrected row shows
on the portal at once with its law and article."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    # Codes of the rules-table rows this step runs on.
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Procedure:
    key: str
    title: str
    intro: str
    steps: tuple[Step, ...]


ORDINARY = Procedure("ordinary", "普通程序", "除依法可以当场作出的行政处罚外，行政处罚适用普通程序。", (
    Step("立案", "发现涉嫌违法行为，符合立案条件的，报经负责人批准立案，指派持有行政执法证件的执法人员承办，"
                 "执法人员不少于规定人数。", ("enforcement-min-officers",)),
    Step("调查取证", "执法人员主动出示执法证件，全面、客观、公正地调查，收集证据；调查取证的全过程依法记录。"),
    Step("告知与陈述申辩", "作出行政处罚决定前，告知当事人拟作出的行政处罚内容及事实、理由、依据，"
                          "并告知其依法享有陈述、申辩的权利。", ("penalty-statement",)),
    Step("听证", "拟作出较大数额罚款、没收较大数额违法所得或非法财物、降低资质等级、吊销许可证件、责令停产停业、"
                 "责令关闭、限制从业等行政处罚的，告知当事人有要求听证的权利；当事人要求听证的，依法组织听证，"
                 "当事人不承担听证费用。", ("penalty-hearing-request", "penalty-hearing-notice")),
    Step("法制审核", "涉及重大公共利益、直接关系当事人或者第三人重大权益、经过听证程序、案件情况疑难复杂的，"
                     "作出决定前由法制审核人员进行审核；未经法制审核或者审核未通过的，不得作出决定。"),
    Step("集体讨论", "对情节复杂或者重大违法行为给予行政处罚的，由行政机关负责人集体讨论决定。"),
    Step("作出决定", "根据不同情况，作出给予行政处罚、不予行政处罚或者移送司法机关的决定，制作行政处罚决定书。",
         ("penalty-decision",)),
    Step("送达", "行政处罚决定书在宣告后当场交付当事人；当事人不在场的，依照民事诉讼法的有关规定送达。",
         ("penalty-service",)),
    Step("执行", "当事人在规定期限内缴纳罚款；到期不缴纳的，依法每日加处罚款或者申请人民法院强制执行。",
         ("penalty-payment",)),
    Step("公示", "行政处罚决定依法向社会公示，公示时隐去个人信息；决定被变更、撤销的，及时撤回公示。",
         ("penalty-publicity", "penalty-publicity-retention")),
))

SIMPLE = Procedure("simple", "简易程序（当场处罚）", "违法事实确凿并有法定依据，处以规定数额以下罚款或者警告的，"
                                                 "可以当场作出行政处罚决定。", (
    Step("适用条件", "对公民、法人或者其他组织处以下列数额以下罚款或者警告的，可以适用简易程序。",
         ("simple-fine-individual", "simple-fine-organisation")),
    Step("当场处罚", "执法人员出示执法证件，填写预定格式、编有号码的行政处罚决定书，当场交付当事人，"
                     "并告知当事人依法享有的权利。"),
    Step("备案与缴纳", "当场作出的行政处罚决定报所属行政机关备案；当事人按决定书载明的期限和方式缴纳罚款。",
         ("penalty-payment",)),
))

LENIENT = Procedure("lenient", "不予行政处罚（两轻一免）", "符合本机关两轻一免清单情形的，依法不予行政处罚或者从轻、"
                                                       "减轻行政处罚。", (
    Step("核实情形", "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚；初次违法且危害后果轻微并及时改正的，"
                     "可以不予行政处罚；当事人有证据足以证明没有主观过错的，不予行政处罚。"),
    Step("教育引导", "对依法不予行政处罚的当事人，执法机关对其进行教育，督促及时改正。"),
    Step("作出决定", "经调查属于清单情形的，依法作出不予行政处罚决定并送达当事人。",
         ("penalty-decision", "penalty-service")),
))

PROCEDURES = (ORDINARY, SIMPLE, LENIENT)

REMEDIES = Step("救济途径", "公民、法人或者其他组织对行政处罚决定不服的，可以依法申请行政复议，也可以依法直接向人民法院"
                            "提起行政诉讼；复议、诉讼期间，行政处罚不停止执行，法律另有规定的除外。",
                ("reconsideration-apply", "litigation-direct"))


def rule_codes() -> set[str]:
    """Every rules-table code the published procedures and remedies name."""
    return {code for procedure in PROCEDURES for step in procedure.steps for code in step.rules} | set(REMEDIES.rules)
