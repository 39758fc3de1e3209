"""The holidays 全国年节及纪念日放假办法第二条 fixes (as amended by 国务院令第795号, in force 1 January 2025):
13 days a year, known before the State Council's yearly notice sets the bridging days and 调休."""

import datetime

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

BASIS = dict(legal_basis="全国年节及纪念日放假办法（2024年11月10日国务院令第795号修订）", article="第二条",
             valid_from=datetime.date(2025, 1, 1), status="partial")
CHECK = "每一天都在国务院办公厅2025、2026年节假日安排通知的放假日之内；条文待与国务院令第795号原文核对。"
ROWS = [
    dict(name="元旦", calendar="solar", month=1, day=1, days=1, note="新年，放假1天（1月1日）。" + CHECK),
    dict(name="春节", calendar="lunar", month=1, day=1, starts_before=1, days=4,
         note="放假4天（农历除夕、正月初一至初三）；除夕为正月初一的前一日，腊月小月时为腊月廿九。" + CHECK),
    dict(name="清明节", calendar="term", term="清明", days=1, note="放假1天（农历清明当日）。" + CHECK),
    dict(name="劳动节", calendar="solar", month=5, day=1, days=2, note="放假2天（5月1日、2日）。" + CHECK),
    dict(name="端午节", calendar="lunar", month=5, day=5, days=1, note="放假1天（农历端午当日）。" + CHECK),
    dict(name="中秋节", calendar="lunar", month=8, day=15, days=1, note="放假1天（农历中秋当日）。" + CHECK),
    dict(name="国庆节", calendar="solar", month=10, day=1, days=3, note="放假3天（10月1日至3日）。" + CHECK),
]


def seed(apps, schema_editor):
    StatutoryHoliday = apps.get_model("core", "StatutoryHoliday")
    History = apps.get_model("core", "HistoricalStatutoryHoliday")
    fields = [f.attname for f in StatutoryHoliday._meta.concrete_fields]
    for row in ROWS:
        holiday, created = StatutoryHoliday.objects.get_or_create(name=row["name"], defaults={**BASIS, **row})
        if created:
            History.objects.create(**{f: getattr(holiday, f) for f in fields}, history_date=timezone.now(),
                                   history_type="+", history_change_reason="初始数据")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0009_org_belongs_to'),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalStatutoryHoliday',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=40, verbose_name='节日')),
                ('calendar', models.CharField(choices=[('solar', '公历'), ('lunar', '农历'), ('term', '节气')], max_length=10, verbose_name='历法')),
                ('month', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='月')),
                ('day', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(30)], verbose_name='日')),
                ('term', models.CharField(blank=True, help_text='按节气定日期的节日，如：清明', max_length=4, verbose_name='节气')),
                ('starts_before', models.PositiveSmallIntegerField(default=0, help_text='自上述日期之前几天起放假，如春节自农历除夕（正月初一前一日）起：1', verbose_name='提前起放天数')),
                ('days', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='放假天数')),
                ('valid_from', models.DateField(verbose_name='施行日期')),
                ('legal_basis', models.CharField(max_length=200, verbose_name='法律依据')),
                ('article', models.CharField(blank=True, max_length=60, verbose_name='条款')),
                ('status', models.CharField(choices=[('confirmed', '已核实'), ('partial', '部分核实'), ('unconfirmed', '待核实')], default='unconfirmed', max_length=20, verbose_name='核实状态')),
                ('note', models.TextField(blank=True, verbose_name='说明')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical 法定节假日',
                'verbose_name_plural': 'historical 法定节假日',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='StatutoryHoliday',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=40, verbose_name='节日')),
                ('calendar', models.CharField(choices=[('solar', '公历'), ('lunar', '农历'), ('term', '节气')], max_length=10, verbose_name='历法')),
                ('month', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='月')),
                ('day', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(30)], verbose_name='日')),
                ('term', models.CharField(blank=True, help_text='按节气定日期的节日，如：清明', max_length=4, verbose_name='节气')),
                ('starts_before', models.PositiveSmallIntegerField(default=0, help_text='自上述日期之前几天起放假，如春节自农历除夕（正月初一前一日）起：1', verbose_name='提前起放天数')),
                ('days', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='放假天数')),
                ('valid_from', models.DateField(verbose_name='施行日期')),
                ('legal_basis', models.CharField(max_length=200, verbose_name='法律依据')),
                ('article', models.CharField(blank=True, max_length=60, verbose_name='条款')),
                ('status', models.CharField(choices=[('confirmed', '已核实'), ('partial', '部分核实'), ('unconfirmed', '待核实')], default='unconfirmed', max_length=20, verbose_name='核实状态')),
                ('note', models.TextField(blank=True, verbose_name='说明')),
            ],
            options={
                'verbose_name': '法定节假日',
                'verbose_name_plural': '法定节假日',
                'ordering': ['calendar', 'month', 'day', 'name'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('calendar', 'term'), models.Q(('term', ''), _negated=True)), models.Q(models.Q(('calendar', 'term'), _negated=True), ('month__isnull', False), ('day__isnull', False)), _connector='OR'), name='statutory_holiday_date_given', violation_error_message='按公历或农历定日期的节日须填写月和日；按节气定日期的须填写节气')],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
