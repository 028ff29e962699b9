"""The performance benchmark: a synthetic network at a scale factor, served by gunicorn, driven by
concurrent clients and compared with a raw-SQL floor (`make bench`, README "Performance").

Each app that has data contributes a module under ``gealc.bench.apps``: a generator that writes its
synthetic rows and the endpoints, writes and open-data lists that the load and the export drive. A new
app adds its module to ``gealc.bench.apps.CONTRIBUTIONS``; nothing else changes.
"""
