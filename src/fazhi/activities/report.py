"""The ledgers' paragraphs of the annual report: study and the leaders' duty, training and exams,
law popularisation and legal advisers, each written only where the year has records."""

from fazhi.reports.choices import Part
from fazhi.reports.contributions import contribution, series


def _listed(f, pairs) -> list[str]:
    """The clauses of `pairs` (words, code) whose indicator has records."""
    return [f"{words}{f.count(code)}" for words, code in pairs if f.has(code)]


@contribution(key="activities.duty", area="study", order=10,
              indicators=("duty.meetings", "duty.reports_heard", "duty.accounts", "duty.account_coverage"))
def duty(f):
    clauses = _listed(f, [("专题研究法治建设工作", "duty.meetings"), ("听取法治建设工作汇报", "duty.reports_heard")])
    if f.has("duty.accounts"):
        clauses.append(f"组织{f.count('duty.accounts')}述法，述法覆盖率{f.rate('duty.account_coverage')}")
    if not clauses:
        return None
    return f"压紧压实法治建设责任。{f.lead}" + "，".join(clauses) + "。"


@contribution(key="activities.study", area="study", order=20,
              indicators=("study.central_group", "study.leadership", "study.staff", "study.lectures", "study.court"))
def study(f):
    clauses = _listed(f, [("理论学习中心组学法", "study.central_group"), ("领导班子带头学法", "study.leadership"),
                          ("干部职工集体学法", "study.staff"), ("举办法治讲座", "study.lectures"),
                          ("组织旁听庭审", "study.court")])
    if not clauses:
        return None
    text = f"坚持领导干部带头学法。{f.lead}开展" + "、".join(clauses)
    if f.has("study.person_times"):
        text += f"，参加学法{f.count('study.person_times', rough=True)}"
    return text + "。"


@contribution(key="activities.training", area="study", order=30,
              indicators=("training.sessions", "training.person_times", "training.officer_hours",
                          "exam.count", "exam.law_sat", "exam.attendance_rate", "exam.pass_rate",
                          "exam.certificate"))
def training(f):
    clauses = []
    if f.has("training.sessions"):
        text = f"组织法治培训{f.number('training.sessions')}期"
        if f.has("training.person_times"):
            text += f"，覆盖{f.number('training.person_times', rough=True)}人次"
        if f.has("training.officer_hours"):
            text += f"，执法人员人均培训{f.count('training.officer_hours')}"
        clauses.append(text)
    if f.has("exam.count"):
        clauses.append(f"开展法律法规知识测试{f.count('exam.count')}")
    if f.has("exam.law_sat"):
        clauses.append(f"{f.number('exam.law_sat')}名干部职工参加学法用法考试，参考率{f.rate('exam.attendance_rate')}、"
                       f"通过率{f.rate('exam.pass_rate')}")
    if f.has("exam.certificate"):
        clauses.append(f"组织{f.number('exam.certificate')}名执法人员参加执法资格考试")
    return series(clauses) or None


@contribution(key="activities.publicity", area="publicity", order=10,
              indicators=("publicity.events", "publicity.materials", "publicity.reached", "publicity.cases"))
def publicity(f):
    if not f.has("publicity.events", "publicity.materials", "publicity.cases"):
        return None
    clauses = []
    if f.has("publicity.events"):
        text = f"落实“谁执法谁普法”普法责任制，{f.lead}开展普法宣传活动{f.count('publicity.events')}"
        if f.has("publicity.reached"):
            text += f"，受众{f.count('publicity.reached', rough=True)}"
        clauses.append(text)
    if f.has("publicity.materials"):
        clauses.append(f"发放宣传资料{f.count('publicity.materials', rough=True)}")
    if f.has("publicity.cases"):
        clauses.append(f"开展以案释法{f.count('publicity.cases')}")
    return series(clauses)


@contribution(key="activities.advisers", area="rules", order=50,
              indicators=("adviser.count", "adviser.units", "adviser.services", "adviser.reviews",
                          "adviser.litigation"))
def advisers(f):
    if not f.has("adviser.count"):
        return None
    units = f"{f.count('adviser.units')}单位" if f.value("adviser.units") and f.value("adviser.units") > 1 else ""
    text = f"健全法律顾问制度，{units}聘请法律顾问{f.count('adviser.count')}"
    clauses = _listed(f, [("提供法律服务", "adviser.services"), ("参与合法性审查", "adviser.reviews"),
                          ("参与诉讼、复议", "adviser.litigation")])
    if clauses:
        text += "，" + "、".join(clauses)
    return text + "，发挥法律顾问专业支撑作用。"


@contribution(key="activities.leader", part=Part.DUTY, order=10,
              indicators=("duty.meetings", "duty.reports_heard", "study.leadership"))
def leader(f):
    clauses = _listed(f, [("主持专题研究法治建设工作", "duty.meetings"), ("听取法治建设工作汇报", "duty.reports_heard"),
                          ("带头学法", "study.leadership")])
    if not clauses:
        return None
    return (f"{f.year}年，党政主要负责人认真履行推进法治建设第一责任人职责，把法治建设纳入本单位发展总体规划和"
            "年度工作计划，" + "，".join(clauses) + "，对法治建设重要工作亲自部署、重大问题亲自过问、"
            "重点环节亲自协调、重要任务亲自督办。")
