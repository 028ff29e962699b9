# A call's title in every language of the network, the existing one kept as its original-language text.

from django.db import migrations, models
from django.db.models import F


def keep_titles(apps, schema_editor):
    for name in ("Call", "HistoricalCall"):
        apps.get_model("cooperation", name).objects.update(original_language="en", title_en=F("title"))


def give_back_titles(apps, schema_editor):
    for name in ("Call", "HistoricalCall"):
        model = apps.get_model("cooperation", name)
        for code in ("en", "es", "pt", "fr"):
            # The original language's title, as the one title of before.
            model.objects.filter(original_language=code).update(title=F(f"title_{code}"))


class Migration(migrations.Migration):

    dependencies = [
        ('cooperation', '0007_expert_declined'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='call',
            name='call_unique_title_per_year',
        ),
        migrations.AddField(
            model_name='call',
            name='original_language',
            field=models.CharField(choices=[('en', 'English'), ('es', 'Spanish'), ('pt', 'Portuguese'), ('fr', 'French')], default='en', max_length=5, verbose_name='original language'),
        ),
        migrations.AddField(
            model_name='call',
            name='title_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (English)'),
        ),
        migrations.AddField(
            model_name='call',
            name='title_es',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (Spanish)'),
        ),
        migrations.AddField(
            model_name='call',
            name='title_fr',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (French)'),
        ),
        migrations.AddField(
            model_name='call',
            name='title_pt',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (Portuguese)'),
        ),
        migrations.AddField(
            model_name='historicalcall',
            name='original_language',
            field=models.CharField(choices=[('en', 'English'), ('es', 'Spanish'), ('pt', 'Portuguese'), ('fr', 'French')], default='en', max_length=5, verbose_name='original language'),
        ),
        migrations.AddField(
            model_name='historicalcall',
            name='title_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (English)'),
        ),
        migrations.AddField(
            model_name='historicalcall',
            name='title_es',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (Spanish)'),
        ),
        migrations.AddField(
            model_name='historicalcall',
            name='title_fr',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (French)'),
        ),
        migrations.AddField(
            model_name='historicalcall',
            name='title_pt',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (Portuguese)'),
        ),
        # Each call's title so far is the text in its original language (English, the default).
        migrations.RunPython(keep_titles, give_back_titles, elidable=True),
        migrations.RemoveField(
            model_name='call',
            name='title',
        ),
        migrations.RemoveField(
            model_name='historicalcall',
            name='title',
        ),
        migrations.AddConstraint(
            model_name='call',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('original_language', 'en'), models.Q(('title_en', ''), _negated=True)), models.Q(('original_language', 'es'), models.Q(('title_es', ''), _negated=True)), models.Q(('original_language', 'pt'), models.Q(('title_pt', ''), _negated=True)), models.Q(('original_language', 'fr'), models.Q(('title_fr', ''), _negated=True)), _connector='OR'), name='call_title_in_original_language'),
        ),
        migrations.AddConstraint(
            model_name='call',
            constraint=models.UniqueConstraint(condition=models.Q(('title_en', ''), _negated=True), fields=('year', 'title_en'), name='call_unique_title_en_per_year'),
        ),
        migrations.AddConstraint(
            model_name='call',
            constraint=models.UniqueConstraint(condition=models.Q(('title_es', ''), _negated=True), fields=('year', 'title_es'), name='call_unique_title_es_per_year'),
        ),
        migrations.AddConstraint(
            model_name='call',
            constraint=models.UniqueConstraint(condition=models.Q(('title_pt', ''), _negated=True), fields=('year', 'title_pt'), name='call_unique_title_pt_per_year'),
        ),
        migrations.AddConstraint(
            model_name='call',
            constraint=models.UniqueConstraint(condition=models.Q(('title_fr', ''), _negated=True), fields=('year', 'title_fr'), name='call_unique_title_fr_per_year'),
        ),
    ]
