from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gealc.core"
    label = "core"
    verbose_name = "Core"
