# An election's title in every language of the network, the existing one kept as its original-language text.

from django.db import migrations, models
from django.db.models import F
from django.utils import translation

LANGUAGES = ("en", "es", "pt", "fr")


def keep_titles(apps, schema_editor):
    for name in ("Election", "HistoricalElection"):
        apps.get_model("governance", name).objects.update(original_language="en", title_en=F("title"))
    # A runoff's title was made from its first round's, in English: it is made again in every language
    # the interface has a translation for (the others read the English one, as before).
    Election = apps.get_model("governance", "Election")
    for runoff in Election.objects.filter(runoff_of__isnull=False).select_related("runoff_of"):
        first_round = runoff.runoff_of.title
        if runoff.title != f"{first_round} — runoff":
            continue
        changes = {}
        for code in LANGUAGES[1:]:
            with translation.override(code):
                made = translation.pgettext("election title", "%(title)s — runoff") % {"title": first_round}
            if made != runoff.title and len(made) <= 200:
                changes[f"title_{code}"] = made
        if changes:
            Election.objects.filter(pk=runoff.pk).update(**changes)


def give_back_titles(apps, schema_editor):
    for name in ("Election", "HistoricalElection"):
        model = apps.get_model("governance", name)
        for code in LANGUAGES:
            # The original language's title, as the one title of before.
            model.objects.filter(original_language=code).update(title=F(f"title_{code}"))


class Migration(migrations.Migration):
    # On PostgreSQL a runoff's row is updated twice by the data step, which leaves the self-referencing
    # foreign key's check pending; the table cannot then be altered in the same transaction. The data
    # step commits on its own, between the columns added and the old one removed.
    atomic = False

    dependencies = [
        ('governance', '0005_turnout_rule_and_document_files'),
    ]

    operations = [
        migrations.AddField(
            model_name='election',
            name='original_language',
            field=models.CharField(choices=[('en', 'English'), ('es', 'Spanish'), ('pt', 'Portuguese'), ('fr', 'French')], default='en', max_length=5, verbose_name='original language'),
        ),
        migrations.AddField(
            model_name='election',
            name='title_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (English)'),
        ),
        migrations.AddField(
            model_name='election',
            name='title_es',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (Spanish)'),
        ),
        migrations.AddField(
            model_name='election',
            name='title_fr',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (French)'),
        ),
        migrations.AddField(
            model_name='election',
            name='title_pt',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (Portuguese)'),
        ),
        migrations.AddField(
            model_name='historicalelection',
            name='original_language',
            field=models.CharField(choices=[('en', 'English'), ('es', 'Spanish'), ('pt', 'Portuguese'), ('fr', 'French')], default='en', max_length=5, verbose_name='original language'),
        ),
        migrations.AddField(
            model_name='historicalelection',
            name='title_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (English)'),
        ),
        migrations.AddField(
            model_name='historicalelection',
            name='title_es',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (Spanish)'),
        ),
        migrations.AddField(
            model_name='historicalelection',
            name='title_fr',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (French)'),
        ),
        migrations.AddField(
            model_name='historicalelection',
            name='title_pt',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (Portuguese)'),
        ),
        # Each election's title so far is the text in its original language (English, the default).
        migrations.RunPython(keep_titles, give_back_titles, elidable=True, atomic=True),
        migrations.RemoveField(
            model_name='election',
            name='title',
        ),
        migrations.RemoveField(
            model_name='historicalelection',
            name='title',
        ),
        migrations.AddConstraint(
            model_name='election',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('original_language', 'en'), models.Q(('title_en', ''), _negated=True)), models.Q(('original_language', 'es'), models.Q(('title_es', ''), _negated=True)), models.Q(('original_language', 'pt'), models.Q(('title_pt', ''), _negated=True)), models.Q(('original_language', 'fr'), models.Q(('title_fr', ''), _negated=True)), _connector='OR'), name='election_title_in_original_language'),
        ),
    ]
