# Texts that the pages show in every language: each of these fields becomes one column per language.
# The existing text is kept in the English column (the fallback of every language).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0003_expert_proposals")]

    operations = [
        migrations.RenameField(model_name="baseline", old_name="source", new_name="source_en"),
        migrations.AlterField(
            model_name="baseline",
            name="source_en",
            field=models.CharField(max_length=300, verbose_name="source (English)"),
        ),
        migrations.AddField(
            model_name="baseline",
            name="source_es",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="source (Spanish)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="baseline",
            name="source_pt",
            field=models.CharField(
                blank=True, default="", max_length=300, verbose_name="source (Portuguese)"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="baseline",
            name="source_fr",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="source (French)"),
            preserve_default=False,
        ),
    ]
