"""Enforcement's paragraphs of the annual report: inspections and their coverage, the officers and
their certificates, bad-practice points and credit grades."""

from fazhi.reports.contributions import contribution, series

CATEGORIES = [("医疗机构", "enforcement.inspected.medical"), ("公共场所", "enforcement.inspected.public_places"),
              ("学校", "enforcement.inspected.schools"), ("供水单位", "enforcement.inspected.water"),
              ("职业健康用人单位", "enforcement.inspected.occupational")]


@contribution(key="enforcement.inspections", area="enforcement", order=10,
              indicators=("enforcement.inspections", "enforcement.coverage", "enforcement.opinions",
                          "enforcement.rectify_orders", *(code for _, code in CATEGORIES)))
def inspections(f):
    if not f.has("enforcement.inspections"):
        return None
    text = f"强化行政监督提升执法质效。{f.lead}依法开展卫生健康综合监督检查{f.count('enforcement.inspections')}"
    if f.has("enforcement.coverage"):
        text += f"，监督覆盖率{f.rate('enforcement.coverage')}"
    kinds = [f"{words}{f.count(code)}" for words, code in CATEGORIES if f.has(code)]
    if kinds:
        text += "，其中监督" + "、".join(kinds)
    if f.has("enforcement.opinions"):
        text += f"；下达卫生监督意见书{f.count('enforcement.opinions')}"
    if f.has("enforcement.rectify_orders"):
        text += f"，责令整改{f.count('enforcement.rectify_orders')}"
    return text + "。"


@contribution(key="enforcement.officers", area="enforcement", order=40,
              indicators=("enforcement.certified_officers", "enforcement.certification_rate",
                          "enforcement.point_records", "enforcement.points", "enforcement.credit_d"))
def officers(f):
    clauses = []
    if f.has("enforcement.certified_officers"):
        clauses.append(f"严格执行行政执法人员资格管理和持证上岗制度，持证执法人员{f.count('enforcement.certified_officers')}，"
                       f"持证率{f.rate('enforcement.certification_rate')}")
    if f.has("enforcement.point_records"):
        clauses.append(f"对医疗机构和医务人员不良执业行为记分{f.count('enforcement.point_records')}、"
                       f"共{f.count('enforcement.points')}")
    if f.has("enforcement.credit_d"):
        clauses.append(f"对信用D级监管对象{f.count('enforcement.credit_d')}加大检查频次")
    return series(clauses) or None
