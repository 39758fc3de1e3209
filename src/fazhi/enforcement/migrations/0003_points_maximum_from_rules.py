import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enforcement', '0002_entity_registered_on'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalpointrecord',
            name='points',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='记分'),
        ),
        migrations.AlterField(
            model_name='pointrecord',
            name='points',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='记分'),
        ),
    ]
