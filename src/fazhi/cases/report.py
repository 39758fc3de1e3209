"""Penalty cases' paragraphs of the annual report: cases by procedure with fines and confiscation, the
three enforcement systems and the case-file evaluation."""

from fazhi.reports.contributions import contribution, series


@contribution(key="cases.penalties", area="enforcement", order=20,
              indicators=("cases.opened", "cases.penalties", "cases.ordinary", "cases.simple", "cases.confiscation",
                          "cases.fines", "cases.no_penalty", "cases.lenient_parties"))
def penalties(f):
    if not f.has("cases.opened", "cases.penalties", "cases.no_penalty"):
        return None
    clauses = []
    if f.has("cases.opened"):
        clauses.append(f"依法立案查处违法案件{f.count('cases.opened')}")
    if f.has("cases.penalties"):
        text = f"查处行政处罚案件{f.count('cases.penalties')}"
        procedures = [f"{words}{f.number(code)}起" for words, code in
                      [("普通程序", "cases.ordinary"), ("简易程序", "cases.simple")] if f.has(code)]
        if procedures:
            text += "，其中" + "、".join(procedures)
        if f.has("cases.confiscation"):
            text += f"，没收违法所得{f.money('cases.confiscation')}"
        if f.has("cases.fines"):
            text += f"，罚款{f.money('cases.fines')}"
        clauses.append(text)
    if f.has("cases.no_penalty"):
        text = f"落实包容审慎监管，依法作出不予行政处罚决定{f.count('cases.no_penalty')}"
        if f.has("cases.lenient_parties"):
            text += f"，惠及{f.count('cases.lenient_parties')}市场主体"
        clauses.append(text)
    return "；".join(clauses) + "。"


@contribution(key="cases.systems", area="enforcement", order=30,
              indicators=("cases.legal_reviews", "cases.collective", "cases.hearings", "cases.publicity_rate",
                          "cases.evaluation_rounds", "cases.evaluated", "cases.pass_rate", "cases.excellent",
                          "cases.typical"))
def systems(f):
    clauses = []
    checks = [f"{words}{f.count(code)}" for words, code in
              [("重大执法决定法制审核", "cases.legal_reviews"), ("集体讨论决定", "cases.collective"),
               ("组织听证", "cases.hearings")] if f.has(code)]
    if checks or f.has("cases.publicity_rate"):
        text = "严格落实行政执法公示、执法全过程记录、重大执法决定法制审核“三项制度”"
        if checks:
            text += "，" + "、".join(checks)
        if f.has("cases.publicity_rate"):
            text += f"，行政处罚决定按时公示率{f.rate('cases.publicity_rate')}"
        clauses.append(text)
    if f.has("cases.evaluated"):
        rounds = f"{f.count('cases.evaluation_rounds')}" if f.has("cases.evaluation_rounds") else ""
        text = (f"开展行政处罚案卷评查{rounds}，评查案卷{f.count('cases.evaluated')}，"
                f"合格率{f.rate('cases.pass_rate')}")
        picked = [f"{words}{f.count(code)}" for words, code in
                  [("优秀案卷", "cases.excellent"), ("典型案例", "cases.typical")] if f.has(code)]
        if picked:
            text += "，评出" + "、".join(picked)
        clauses.append(text)
    return series(clauses) or None
