"""Seed the six roles and the legal time limits the areas of Fazhi ask for.

Numbers and articles follow shared research of each rule; `status` says how sure each one is
and administrators correct them in 法定时限 (every change is kept in history).
"""

from django.db import migrations
from django.utils import timezone

ROLES = [
    ("sysadmin", "系统管理员", "维护机构、用户、法定时限和节假日安排，可恢复已删除记录"),
    ("legal_admin", "法治工作管理员", "政策法规科：统筹本委法治工作，可维护本委及所属单位的记录"),
    ("reporter", "填报员", "科室或委属单位的填报人员：维护本单位记录"),
    ("officer", "执法人员", "持证执法人员：维护本单位执法记录"),
    ("reviewer", "审核员/法律顾问", "合法性审核、法制审核和法律顾问"),
    ("leader", "领导", "查看本委及所辖范围的全部数据，只读"),
]

C, P, U = "confirmed", "partial", "unconfirmed"

# code, name, number, unit, extension, starts_from, legal_basis, article, status, note
LIMITS = [
    ("penalty-decision", "行政处罚案件作出处理决定", 90, "cal", None, "立案之日",
     "《中华人民共和国行政处罚法》（2021年修订）", "第六十条", C,
     "法律、法规、规章另有规定的从其规定。《卫生健康行政处罚程序规定》（2025）的办案期限及延长规定待核实，暂按行政处罚法90日。"),
    ("penalty-hearing-request", "当事人要求听证", 5, "wd", None, "行政机关告知后",
     "《中华人民共和国行政处罚法》（2021年修订）", "第六十四条第一项", P, "“五日”是否为工作日取决于第八十五条，待核实。"),
    ("penalty-hearing-notice", "听证前通知当事人听证时间、地点", 7, "wd", None, "举行听证前（至少）",
     "《中华人民共和国行政处罚法》（2021年修订）", "第六十四条第二项", P, "“七日”是否为工作日取决于第八十五条，待核实。"),
    ("penalty-service", "当事人不在场时送达行政处罚决定书", 7, "wd", None, "宣告之日",
     "《中华人民共和国行政处罚法》（2021年修订）；《卫生健康行政处罚程序规定》", "第六十一条；第五十三条", P,
     "期限已核实；“七日”按工作日计算取决于第八十五条，待核实。"),
    ("penalty-payment", "当事人缴纳罚款", 15, "cal", None, "收到行政处罚决定书之日",
     "《中华人民共和国行政处罚法》（2021年修订）", "第六十七条", C, "逾期每日按罚款数额的3%加处罚款，总额不超过罚款数额（第七十二条）。"),
    ("penalty-publicity", "行政处罚决定信息公示", 7, "wd", None, "作出决定之日",
     "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）",
     "", C, ""),
    ("licence-publicity", "行政许可决定信息公示", 7, "wd", None, "作出决定之日",
     "国办发〔2018〕118号", "", C, ""),
    ("enforcement-publicity", "其他行政执法决定信息公示", 20, "wd", None, "作出决定之日",
     "国办发〔2018〕118号", "", C, ""),
    ("penalty-publicity-withdraw", "变更、撤销的处罚决定撤回公示", 3, "wd", None, "决定被变更、撤销之日",
     "《中华人民共和国行政处罚法》（2021年修订）", "第四十八条", P, ""),
    ("licence-decision", "作出行政许可决定", 20, "wd", 10, "受理之日",
     "《中华人民共和国行政许可法》（2019年修正）", "第四十二条、第八十二条", C, "经本行政机关负责人批准可延长10日，并告知申请人理由。"),
    ("licence-joint-decision", "统一办理或联合办理的行政许可", 45, "wd", 15, "受理之日",
     "《中华人民共和国行政许可法》（2019年修正）", "第四十二条第二款", C, "经本级人民政府负责人批准可延长15日。"),
    ("licence-correction-notice", "一次告知申请人补正材料", 5, "wd", None, "收到申请之日",
     "《中华人民共和国行政许可法》（2019年修正）", "第三十二条第一款第四项", C, "逾期不告知的，自收到申请材料之日起即为受理。"),
    ("licence-certificate", "颁发、送达行政许可证件", 10, "wd", None, "作出准予许可决定之日",
     "《中华人民共和国行政许可法》（2019年修正）", "第四十四条", C, ""),
    ("petition-routing", "信访部门登记并转送、交办信访事项", 15, "cal", None, "收到信访事项之日",
     "《信访工作条例》（2022年）", "第二十二条", C, ""),
    ("petition-notice", "书面告知信访人受理", 15, "cal", None, "收到转送、交办的信访事项之日",
     "《信访工作条例》（2022年）", "第二十三条第三款", C, ""),
    ("petition-objection", "对不属本机关职责的转送信访事项提出异议", 5, "wd", None, "收到之日",
     "《信访工作条例》（2022年）", "第二十三条第三款", C, ""),
    ("petition-handling", "办结信访事项", 60, "cal", 30, "受理之日",
     "《信访工作条例》（2022年）", "", P, "数值已核实，条款号待核实；情况复杂的经负责人批准可延长不超过30日并告知信访人。"),
    ("petition-review", "出具信访复查意见", 30, "cal", None, "收到复查请求之日",
     "《信访工作条例》（2022年）", "", P, "数值已核实，条款号待核实。"),
    ("petition-recheck", "出具信访复核意见", 30, "cal", None, "收到复核请求之日",
     "《信访工作条例》（2022年）", "", P, "数值已核实，条款号待核实；听证时间不计入。"),
    ("reconsideration-apply", "申请行政复议", 60, "cal", None, "知道或应当知道行政行为之日",
     "《中华人民共和国行政复议法》（2023年修订）", "第二十条", P,
     "60日已核实；2023年修订后仍为60日及条款号见于二手资料。法律规定的申请期限超过60日的除外。"),
    ("reconsideration-acceptance", "行政复议机关审查是否受理", 5, "wd", None, "收到申请之日",
     "《中华人民共和国行政复议法》（2023年修订）", "第三十条", P, ""),
    ("reconsideration-answer", "被申请人提出书面答复", 10, "wd", None, "收到申请书副本之日",
     "《中华人民共和国行政复议法》（2023年修订）", "第四十八条", P, ""),
    ("reconsideration-decision", "作出行政复议决定（普通程序）", 60, "cal", 30, "受理之日",
     "《中华人民共和国行政复议法》（2023年修订）", "第六十二条", P, "数值已核实，条款号待核实；经批准可延长不超过30日。"),
    ("reconsideration-simple-decision", "作出行政复议决定（简易程序）", 30, "cal", None, "受理之日",
     "《中华人民共和国行政复议法》（2023年修订）", "第六十二条", P, ""),
    ("litigation-direct", "直接提起行政诉讼", 6, "month", None, "知道或应当知道作出行政行为之日",
     "《中华人民共和国行政诉讼法》（2017年修正）", "第四十六条", C, ""),
    ("litigation-after-reconsideration", "复议后提起行政诉讼", 15, "cal", None, "收到复议决定书之日",
     "《中华人民共和国行政诉讼法》（2017年修正）", "第四十五条", C, ""),
    ("mediation-people", "医疗纠纷人民调解", 30, "wd", None, "受理之日",
     "《医疗纠纷预防和处理条例》（国务院令第701号）", "第三十八条", C, "鉴定时间不计入；逾期未达成协议的视为调解不成。"),
    ("mediation-admin-acceptance", "医疗纠纷行政调解决定是否受理", 5, "wd", None, "收到申请之日",
     "《医疗纠纷预防和处理条例》（国务院令第701号）", "第四十条", C, ""),
    ("mediation-admin", "医疗纠纷行政调解", 30, "wd", None, "受理之日",
     "《医疗纠纷预防和处理条例》（国务院令第701号）", "第四十条", C, "鉴定时间不计入；逾期未达成协议的视为调解不成。"),
    ("complaint-hospital", "医疗机构答复患者投诉", 5, "wd", None, "接到投诉之日",
     "《医疗机构投诉管理办法》（国家卫生健康委令第3号）", "", U, "涉及多个科室的据称为10个工作日，均待核实。"),
    ("decision-public-comment", "重大行政决策草案公开征求意见（不少于）", 30, "cal", None, "公布草案之日",
     "《重大行政决策程序暂行条例》（国务院令第713号）", "", P, "这是最短期限；情况紧急的可缩短并说明理由。"),
    ("decision-legality-review", "重大行政决策合法性审查（预留不少于）", 7, "wd", None, "送审之日",
     "《重大行政决策程序暂行条例》（国务院令第713号）", "", U, ""),
    ("normative-legality-review", "行政规范性文件合法性审核", 15, "wd", None, "收到送审稿之日",
     "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）", "", U,
     "一般不少于5个工作日、最长不超过15个工作日，待核实；各地规定不一。"),
    ("normative-public-comment", "行政规范性文件公开征求意见（不少于）", 7, "wd", None, "公布草案之日",
     "法治政府建设示范指标", "", P, "与市场主体生产经营活动密切相关的不少于30日。"),
    ("normative-public-comment-business", "涉企行政规范性文件公开征求意见（不少于）", 30, "cal", None, "公布草案之日",
     "法治政府建设示范指标", "", P, ""),
    ("normative-validity", "行政规范性文件有效期", 5, "year", None, "施行之日",
     "地方规范性文件管理规定", "", P, "一般不超过5年；暂行、试行的不超过2年。"),
    ("normative-filing", "行政规范性文件报送备案", 30, "cal", None, "公布之日",
     "地方规范性文件备案规定", "", U, "各地规定不一（常见30日，亦有3个工作日）。"),
    ("random-inspection-publicity", "双随机抽查结果公示", 20, "wd", None, "抽查检查结束之日",
     "地方双随机一公开规定；《企业信息公示暂行条例》（2024年修订）", "第六条", P, ""),
    ("info-disclosure-reply", "答复政府信息公开申请", 20, "wd", 20, "收到申请之日",
     "《中华人民共和国政府信息公开条例》（2019年修订）", "第三十三条", C, "征求第三方意见的时间不计入。"),
    ("info-disclosure-proactive", "主动公开政府信息", 20, "wd", None, "信息形成或变更之日",
     "《中华人民共和国政府信息公开条例》（2019年修订）", "第二十六条", C, ""),
]

# code, name, month, day, starts_from, basis, article, status, note
FIXED = [
    ("annual-report-filing", "报送上一年度法治政府建设情况报告", 3, 1, "报告所属年度",
     "《法治政府建设与责任落实督察工作规定》", "", C,
     "县级以上政府部门于每年3月1日前向本级党委和政府、上一级主管部门报告；日期已核实，条款号待核实。"),
    ("annual-report-publication", "向社会公开上一年度法治政府建设情况报告", 4, 1, "报告所属年度",
     "《法治政府建设与责任落实督察工作规定》", "第二十四条", C, "每年4月1日前通过报刊、网站等向社会公开。"),
]


def seed(apps, schema_editor):
    Role = apps.get_model("core", "Role")
    LegalTimeLimit = apps.get_model("core", "LegalTimeLimit")
    for code, name, description in ROLES:
        Role.objects.update_or_create(code=code, defaults={"name": name, "description": description})
    for code, name, number, unit, extension, starts, basis, article, status, note in LIMITS:
        LegalTimeLimit.objects.update_or_create(code=code, defaults=dict(
            name=name, number=number, unit=unit, extension=extension, starts_from=starts, legal_basis=basis,
            article=article, status=status, note=note))
    for code, name, month, day, starts, basis, article, status, note in FIXED:
        LegalTimeLimit.objects.update_or_create(code=code, defaults=dict(
            name=name, unit="next_year_date", fixed_month=month, fixed_day=day, starts_from=starts,
            legal_basis=basis, article=article, status=status, note=note))
    # The seeded values are the first entry of each limit's history, so later corrections show before/after.
    History = apps.get_model("core", "HistoricalLegalTimeLimit")
    fields = [f.attname for f in LegalTimeLimit._meta.concrete_fields]
    History.objects.bulk_create([
        History(**{f: getattr(limit, f) for f in fields}, history_date=timezone.now(), history_type="+",
                history_change_reason="初始数据")
        for limit in LegalTimeLimit.objects.all()
    ])


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
