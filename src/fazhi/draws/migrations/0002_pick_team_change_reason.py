from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('draws', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalpick',
            name='team_change_reason',
            field=models.CharField(blank=True, max_length=200, verbose_name='调整检查人员原因'),
        ),
        migrations.AddField(
            model_name='pick',
            name='team_change_reason',
            field=models.CharField(blank=True, max_length=200, verbose_name='调整检查人员原因'),
        ),
    ]
