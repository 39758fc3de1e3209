import django.utils.timezone
from django.utils import timezone
from django.db import migrations, models


def from_created_at(apps, schema_editor):
    """Entities already on the register were under supervision from the day they were entered."""
    Entity = apps.get_model("enforcement", "Entity")
    for pk, created_at in Entity.objects.values_list("pk", "created_at").iterator():
        Entity.objects.filter(pk=pk).update(registered_on=timezone.localdate(created_at))


class Migration(migrations.Migration):

    dependencies = [
        ('enforcement', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='entity',
            name='registered_on',
            field=models.DateField(default=django.utils.timezone.localdate, help_text='开始由本机构监管的日期；覆盖率和双随机名录自该日起计入', verbose_name='纳入监管日期'),
        ),
        migrations.AddField(
            model_name='historicalentity',
            name='registered_on',
            field=models.DateField(default=django.utils.timezone.localdate, help_text='开始由本机构监管的日期；覆盖率和双随机名录自该日起计入', verbose_name='纳入监管日期'),
        ),
        migrations.RunPython(from_created_at, migrations.RunPython.noop),
    ]
