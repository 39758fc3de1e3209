"""The most points one bad-practice record may give, as a rule administrators can correct."""

from django.db import migrations
from django.utils import timezone

ROW = dict(code="points-max-per-record", name="单次不良执业行为记分上限", number=12, unit="points",
           starts_from="一次不良执业行为", legal_basis="地方医疗机构不良执业行为记分管理办法", article="",
           status="unconfirmed",
           note="一次不良执业行为最高记12分，与一个记分周期列入重点监管的分值相同；待与本省办法核对，请按本省办法修改。")


def seed(apps, schema_editor):
    LegalTimeLimit = apps.get_model("core", "LegalTimeLimit")
    History = apps.get_model("core", "HistoricalLegalTimeLimit")
    code = ROW["code"]
    limit, created = LegalTimeLimit.objects.get_or_create(code=code, defaults={k: v for k, v in ROW.items()
                                                                                 if k != "code"})
    if created:
        fields = [f.attname for f in LegalTimeLimit._meta.concrete_fields]
        History.objects.create(**{f: getattr(limit, f) for f in fields}, history_date=timezone.now(),
                               history_type="+", history_change_reason="初始数据")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0006_enforcement_rules"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
