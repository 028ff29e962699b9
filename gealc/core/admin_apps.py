from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """The admin, on the Secretariat's site (see ``admin_site.AdminSite``)."""

    default_site = "gealc.core.admin_site.AdminSite"
