from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _reference_changed(**kwargs: Any) -> None:
    """A country or subregion was written: what the cache keeps of them is read again (at once for the
    rest of this transaction, and after it commits for every process)."""
    from gealc.core.figures import changed
    from gealc.members.selectors import REFERENCE

    changed(REFERENCE, at_once=True)


class MembersConfig(AppConfig):
    name = "gealc.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from gealc.members.models import Country, Subregion

        for model in (Country, Subregion):
            post_save.connect(_reference_changed, sender=model, dispatch_uid=f"reference-{model.__name__}")
            post_delete.connect(
                _reference_changed, sender=model, dispatch_uid=f"reference-{model.__name__}-gone"
            )

        from gealc.core.navigation import NavItem, register

        register(NavItem(_("Countries"), "members:country_list", order=10))
        register(NavItem(_("Institutions"), "members:institution_list", order=20))

        from gealc.core.opendata import Dataset
        from gealc.core.opendata import register as register_dataset

        register_dataset(
            Dataset.at(_("Subregions and their Executive Committee seats"), "/api/v1/subregions", order=10)
        )
        register_dataset(Dataset.at(_("Member and observer countries"), "/api/v1/countries", order=20))
        register_dataset(Dataset.at(_("Institutions"), "/api/v1/institutions", order=30))
