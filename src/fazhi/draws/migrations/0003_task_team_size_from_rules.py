import django.core.validators
import fazhi.draws.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('draws', '0002_pick_team_change_reason'),
    ]

    operations = [
        migrations.AlterField(
            model_name='drawtask',
            name='team_size',
            field=models.PositiveSmallIntegerField(default=fazhi.draws.models.min_team_size, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(10)], verbose_name='每组执法人员数'),
        ),
        migrations.AlterField(
            model_name='historicaldrawtask',
            name='team_size',
            field=models.PositiveSmallIntegerField(default=fazhi.draws.models.min_team_size, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(10)], verbose_name='每组执法人员数'),
        ),
    ]
