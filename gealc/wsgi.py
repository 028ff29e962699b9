import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gealc.settings")
application = get_wsgi_application()

# What start-up made (modules, settings, the apps and their models) lives as long as the process: out of
# the collector's reach, a full collection no longer walks all of it again during each large answer (a
# page of 200 software from the API: a fifth less time).
gc.freeze()
