"""Reference data of the fund: the taxonomy of expertise areas and the historical baselines."""

from __future__ import annotations

from gealc.cooperation.models import Baseline, ExpertiseArea
from gealc.core.refdata import LoadContext


def load_areas(context: LoadContext) -> None:
    seen: set[str] = set()
    for row in context.rows(
        "expertise_areas.csv", required={"code"}, optional={"position"}, texts=ExpertiseArea
    ):
        code = row.require("code").lower()
        if code in seen:
            raise row.error(f"expertise area {code!r} is listed twice")
        seen.add(code)
        context.upsert(
            ExpertiseArea,
            lookup={"code": code},
            values={
                "position": row.whole("position", required=False) or 0,
                **row.texts(ExpertiseArea),
            },
        )


def load_baselines(context: LoadContext) -> None:
    measures = set(Baseline.Measure.values)
    qualifiers = set(Baseline.Qualifier.values)
    seen: set[str] = set()
    for row in context.rows(
        "cooperation_baselines.csv",
        required={"code", "measure", "value", "qualifier"},
        optional={"as_of", "position", "source_url"},
        texts=Baseline,
    ):
        code = row.require("code").lower()
        if code in seen:
            raise row.error(f"baseline {code!r} is listed twice")
        seen.add(code)
        measure = row.require("measure")
        if measure not in measures:
            raise row.error(f"unknown measure {measure!r} (expected one of: {', '.join(sorted(measures))})")
        qualifier = row.require("qualifier")
        if qualifier not in qualifiers:
            raise row.error(
                f"unknown qualifier {qualifier!r} (expected one of: {', '.join(sorted(qualifiers))})"
            )
        source_url = row.get("source_url")
        if source_url and not source_url.startswith(("https://", "http://")):
            raise row.error(f"source_url must start with https:// or http://, not {source_url!r}")
        context.upsert(
            Baseline,
            lookup={"code": code},
            values={
                "measure": measure,
                "value": row.whole("value"),
                "qualifier": qualifier,
                "as_of": row.whole("as_of", required=False),
                "position": row.whole("position", required=False) or 0,
                **row.texts(Baseline),
                "source_url": source_url,
            },
        )


def load(context: LoadContext) -> None:
    load_areas(context)
    load_baselines(context)
