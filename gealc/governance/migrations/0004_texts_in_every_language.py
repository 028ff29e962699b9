# Texts that the pages show in every language: each of these fields becomes one column per language.
# The existing text is kept in the English column (the fallback of every language).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("governance", "0003_network_rules_min_ballots_published")]

    operations = [
        migrations.RenameField(model_name="meeting", old_name="city", new_name="city_en"),
        migrations.AlterField(
            model_name="meeting",
            name="city_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="city (English)"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="city_es",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="city (Spanish)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="meeting",
            name="city_pt",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="city (Portuguese)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="meeting",
            name="city_fr",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="city (French)"),
            preserve_default=False,
        ),
        migrations.RenameField(model_name="historicalmeeting", old_name="city", new_name="city_en"),
        migrations.AlterField(
            model_name="historicalmeeting",
            name="city_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="city (English)"),
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="city_es",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="city (Spanish)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="city_pt",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="city (Portuguese)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="city_fr",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="city (French)"),
            preserve_default=False,
        ),
        migrations.RenameField(model_name="delegation", old_name="note", new_name="note_en"),
        migrations.AlterField(
            model_name="delegation",
            name="note_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="note (English)"),
        ),
        migrations.AddField(
            model_name="delegation",
            name="note_es",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="note (Spanish)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="delegation",
            name="note_pt",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="note (Portuguese)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="delegation",
            name="note_fr",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="note (French)"),
            preserve_default=False,
        ),
        migrations.RenameField(model_name="historicaldelegation", old_name="note", new_name="note_en"),
        migrations.AlterField(
            model_name="historicaldelegation",
            name="note_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="note (English)"),
        ),
        migrations.AddField(
            model_name="historicaldelegation",
            name="note_es",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="note (Spanish)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicaldelegation",
            name="note_pt",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="note (Portuguese)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicaldelegation",
            name="note_fr",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="note (French)"),
            preserve_default=False,
        ),
        migrations.RenameField(model_name="committeemembership", old_name="source", new_name="source_en"),
        migrations.AlterField(
            model_name="committeemembership",
            name="source_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="source (English)"),
        ),
        migrations.AddField(
            model_name="committeemembership",
            name="source_es",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="source (Spanish)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="committeemembership",
            name="source_pt",
            field=models.CharField(
                blank=True, default="", max_length=300, verbose_name="source (Portuguese)"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="committeemembership",
            name="source_fr",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="source (French)"),
            preserve_default=False,
        ),
        migrations.RenameField(
            model_name="historicalcommitteemembership", old_name="source", new_name="source_en"
        ),
        migrations.AlterField(
            model_name="historicalcommitteemembership",
            name="source_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="source (English)"),
        ),
        migrations.AddField(
            model_name="historicalcommitteemembership",
            name="source_es",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="source (Spanish)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalcommitteemembership",
            name="source_pt",
            field=models.CharField(
                blank=True, default="", max_length=300, verbose_name="source (Portuguese)"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalcommitteemembership",
            name="source_fr",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="source (French)"),
            preserve_default=False,
        ),
    ]
