"""The standard publicity days of the health sector's law popularisation."""

from django.db import migrations

DAYS = [
    # name, start (month, day), end (month, day), theme, source
    ("国际妇女节", (3, 8), (3, 8), "妇女权益保障法、母婴保健法", "联合国国际妇女节"),
    ("国际消费者权益日", (3, 15), (3, 15), "医疗美容、药品和公共场所卫生等消费者权益", "国际消费者权益日"),
    ("世界卫生日", (4, 7), (4, 7), "基本医疗卫生与健康促进法", "世界卫生组织"),
    ("全民国家安全教育日", (4, 15), (4, 15), "国家安全法、生物安全法", "全国人大常委会关于修改国家安全法的决定（2015年）"),
    ("职业病防治法宣传周", (4, 25), (5, 1), "职业病防治法", "国家卫生健康委每年组织的职业病防治法宣传周"),
    ("民法典宣传月", (5, 1), (5, 31), "民法典及其医疗损害责任等规定", "中央宣传部、司法部、全国普法办每年5月组织"),
    ("国际护士节、全国防灾减灾日", (5, 12), (5, 12), "护士条例、突发事件应对法", "国际护士节；国务院批准设立的全国防灾减灾日"),
    ("宪法宣传周", (12, 1), (12, 7), "宪法及卫生健康法律法规", "中央宣传部、司法部、全国普法办每年组织"),
    ("国家宪法日", (12, 4), (12, 4), "宪法", "全国人大常委会关于设立国家宪法日的决定（2014年）"),
]


def add_days(apps, schema_editor):
    PublicityDay = apps.get_model("activities", "PublicityDay")
    for name, (month, day), (end_month, end_day), theme, source in DAYS:
        PublicityDay.objects.update_or_create(name=name, defaults=dict(
            month=month, day=day, end_month=end_month, end_day=end_day, theme=theme, source=source))


def remove_days(apps, schema_editor):
    apps.get_model("activities", "PublicityDay").objects.filter(name__in=[d[0] for d in DAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]
    operations = [migrations.RunPython(add_days, remove_days)]
