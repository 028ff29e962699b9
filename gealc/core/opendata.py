"""The datasets the open-data page lists. Each app registers its own in its AppConfig.ready, so the page
names what is built and nothing else, and core never needs to know the apps."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Endpoint:
    """An address of the API as the page shows it, such as ``/api/v1/committee?date=YYYY-MM-DD``."""

    shown: str

    @property
    def href(self) -> str | None:
        """Where the address links: itself without the query, or nowhere while it has a ``{placeholder}``."""
        if "{" in self.shown:
            return None
        return self.shown.partition("?")[0]


@dataclass(frozen=True)
class Dataset:
    title: str | Promise
    endpoints: tuple[Endpoint, ...]
    order: int = 100

    @classmethod
    def at(cls, title: str | Promise, *addresses: str, order: int = 100) -> Dataset:
        return cls(title=title, endpoints=tuple(Endpoint(address) for address in addresses), order=order)


_DATASETS: list[Dataset] = []


def register(dataset: Dataset) -> None:
    """Add a dataset (once: registering the same addresses again changes nothing)."""
    if all(existing.endpoints != dataset.endpoints for existing in _DATASETS):
        _DATASETS.append(dataset)
        _DATASETS.sort(key=lambda entry: entry.order)


def unregister(dataset: Dataset) -> None:
    if dataset in _DATASETS:
        _DATASETS.remove(dataset)


def datasets() -> list[Dataset]:
    return list(_DATASETS)
