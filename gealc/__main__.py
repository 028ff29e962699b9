"""The `gealc` console command: the project's manage.py."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gealc.settings")
    arguments = sys.argv[1:]
    if arguments[:1] == ["demo"]:
        # The demo writes through the services of several domain apps, which no app's management
        # command may import; the project-level entry point runs it instead.
        import django

        django.setup()
        from gealc.demo import main as demo

        sys.exit(demo(arguments[1:]))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gealc", *arguments])


if __name__ == "__main__":
    main()
