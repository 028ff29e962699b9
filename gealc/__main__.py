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
        from django.core.exceptions import ImproperlyConfigured

        try:
            django.setup()
        except ImproperlyConfigured as refused:
            # Without DEBUG the settings want production keys: the demo is not for such a database.
            print(
                f"Not loaded: {refused}. The demo is only for a local copy with DEBUG on: run it as "
                "`DEBUG=true .venv/bin/gealc demo`, never on a production database.",
                file=sys.stderr,
            )
            sys.exit(2)
        from gealc.demo import main as demo

        sys.exit(demo(arguments[1:]))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gealc", *arguments])


if __name__ == "__main__":
    main()
