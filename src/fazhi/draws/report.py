"""双随机、一公开 in the annual report: the tasks handed down and set locally, their completion and the
publicity of results."""

from fazhi.reports.contributions import contribution, series


@contribution(key="draws.tasks", area="enforcement", order=25,
              indicators=("draws.national_tasks", "draws.national_completion_rate", "draws.national_closure_rate",
                          "draws.provincial_tasks", "draws.own_tasks", "draws.joint_tasks", "draws.picks",
                          "draws.completion_rate",
                          "draws.publicity_on_time_rate"))
def tasks(f):
    clauses = []
    if f.has("draws.national_tasks"):
        clauses.append(f"完成国家下达的双随机监督抽查任务{f.count('draws.national_tasks')}，"
                       f"任务完成率{f.rate('draws.national_completion_rate')}、完结率{f.rate('draws.national_closure_rate')}")
    if f.has("draws.provincial_tasks"):
        clauses.append(f"完成省级下达的双随机抽查任务{f.count('draws.provincial_tasks')}")
    if f.has("draws.own_tasks"):
        clauses.append(f"制定本级双随机抽查任务{f.count('draws.own_tasks')}")
    if f.has("draws.joint_tasks"):
        clauses.append(f"会同有关部门开展跨部门联合双随机抽查{f.count('draws.joint_tasks')}")
    if not clauses:
        return None
    tail = []
    if f.has("draws.picks"):
        tail.append(f"随机抽取监管对象{f.count('draws.picks')}")
    if f.has("draws.publicity_on_time_rate"):
        tail.append(f"抽查结果按时公示率{f.rate('draws.publicity_on_time_rate')}")
    text = "全面推行“双随机、一公开”监管，" + series(clauses).rstrip("。")
    return text + ("，" + "，".join(tail) if tail else "") + "。"
