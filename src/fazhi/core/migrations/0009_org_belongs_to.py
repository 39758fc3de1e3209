import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """Each org's commission, read down the tree in path order."""
    Org = apps.get_model("core", "Org")
    known, changed = {}, []
    for org in Org.objects.order_by("path"):
        if org.kind == "commission":
            commission = org.pk
        elif org.kind == "region" or org.parent_id is None:
            commission = None
        else:
            commission = known.get(org.parent_id)
        known[org.pk] = commission
        if commission is not None:
            org.belongs_to_id = commission
            changed.append(org)
    Org.objects.bulk_update(changed, ["belongs_to"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0008_user_password_changed_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalorg",
            name="belongs_to",
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                    to="core.org", verbose_name="所属卫生健康部门"),
        ),
        migrations.AddField(
            model_name="org",
            name="belongs_to",
            field=models.ForeignKey(blank=True, editable=False, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                    to="core.org", verbose_name="所属卫生健康部门"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
