"""Procedures as data: each step of a record's life declared once, and everything derived from it.

A ``Step`` says from which states it leads to which, whose permission it needs, which service takes it,
what input it asks for (a form on the pages, a schema in the API), and the words people read about it
(the button, the message once done, the e-mail, the refusal). A table of steps (``steps(...)``) is
then the whole procedure of one kind of record:

- services check the state with ``check_step`` (and still ``require`` the permission themselves);
- pages show the steps a viewer may take with ``action_list`` and the include ``core/_actions.html``,
  and one POST view per kind of record hands the step to ``take_step``;
- the API gets one operation per step from ``add_step_endpoints``.

Adding a step is one declaration here plus its service. Nothing in this module knows any app.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from ninja import Router, Schema, Status

from gealc.core.errors import Conflict, ServiceError

Text = str | Promise


@dataclass(frozen=True)
class Step:
    """One step of a procedure.

    ``permission`` is the permission rule the step needs; None for a step that nobody takes directly (it
    follows from another step, whose permission was checked). ``target`` None: the record stays where it
    is (the step makes another record, such as a runoff).

    ``service`` is the service function (or its dotted path, so that the table and the services may
    import each other): it is called as ``service(actor=..., <record>=record, **input)`` where
    ``record`` names its keyword argument and the input is the form's cleaned data or the schema's
    fields. A step with a ``page`` is taken on that page (URL name, the record's pk as argument): the
    include shows a link to it, and neither the generic view nor the API loop take it. ``offered``, when
    given, says whether the pages offer the step on a record whose state allows it (its service refuses
    it anyway when it does not apply; the pages do not offer a button that can only be refused).
    """

    name: str
    sources: frozenset[str]
    target: str | None
    permission: str | None
    label: Text
    past: Text
    service: Callable[..., Any] | str | None = None
    record: str = "record"
    success: Text = ""
    form: type[forms.Form] | None = None
    initial: Callable[[Any], dict[str, Any]] | None = None
    offered: Callable[[Any], bool] | None = None
    schema: type[Schema] | None = None
    schema_required: bool = True
    notice: Text | None = None
    button: Text | None = None
    style: str = "primary"
    page: str | None = None
    operation: str = ""
    summary: str | None = None
    description: str | None = None
    status: int = 200

    @property
    def taken_by_a_person(self) -> bool:
        return self.permission is not None

    @property
    def posted(self) -> bool:
        """Taken by a POST of its own (a button, or the form under it), not on a page of its own."""
        return self.taken_by_a_person and self.service is not None and self.page is None

    def run(self, *, actor: Any, record: Any, **data: Any) -> Any:
        """Take the step through its service, which checks permission, state and input."""
        service = import_string(self.service) if isinstance(self.service, str) else self.service
        if service is None:
            raise LookupError(f"the step {self.name!r} has no service")
        return service(actor=actor, **{self.record: record}, **data)


def step(name: str, sources: set[str] | frozenset[str], target: str | None, permission: str | None,
         **declaration: Any) -> Step:  # fmt: skip
    """A Step with its source states given as any set."""
    return Step(name=name, sources=frozenset(sources), target=target, permission=permission, **declaration)


class StepBuilder(Protocol):
    def __call__(
        self,
        name: str,
        sources: set[str] | frozenset[str],
        target: str | None,
        permission: str | None,
        **declaration: Any,
    ) -> Step: ...


def record_step(record: str, services: str) -> StepBuilder:
    """The ``step`` of one kind of record whose services are named after it: the step ``name`` is taken by
    ``{services}.{record}_{name}`` with the record as its argument ``record``, and is the API operation
    ``{name}_{record}`` (``record_step("mission", "gealc.cooperation.services")("approve", ...)`` is
    ``mission_approve(mission=...)``, the operation ``approve_mission``)."""

    def build(
        name: str,
        sources: set[str] | frozenset[str],
        target: str | None,
        permission: str | None,
        **declaration: Any,
    ) -> Step:
        return step(
            name, sources, target, permission,
            record=record, service=f"{services}.{record}_{name}", operation=f"{name}_{record}", **declaration,
        )  # fmt: skip

    return build


def steps(*declared: Step) -> dict[str, Step]:
    """A procedure: its steps by name, in the order declared (the order of the buttons)."""
    table = {declaration.name: declaration for declaration in declared}
    if len(table) != len(declared):
        raise ValueError("two steps of a procedure have the same name")
    return table


def allowed(table: Mapping[str, Step], state: str) -> list[str]:
    """The steps people take that the state allows, in the order of the table."""
    return [name for name, each in table.items() if state in each.sources and each.taken_by_a_person]


def check_step(table: Mapping[str, Step], name: str, *, state: str, state_label: str, what: str) -> Step:
    """The step ``name``, or Conflict naming the current state when that state does not allow it."""
    found = table[name]
    if state not in found.sources:
        raise Conflict(
            gettext("The %(what)s is in the state “%(state)s”: it cannot be %(action)s now.")
            % {"what": what, "state": state_label, "action": found.past}
        )
    return found


def actions_for(user: Any, table: Mapping[str, Step], record: Any, *, state: str) -> list[Step]:
    """The steps that ``state`` (the record's) allows and that ``user`` may take on ``record``."""
    return [
        table[name]
        for name in allowed(table, state)
        if table[name].permission and user.has_perm(table[name].permission, record)
    ]


# Pages ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """A step as the include ``core/_actions.html`` shows it: a link, or a button with its form."""

    step: Step
    url: str
    form: forms.Form | None

    @property
    def button(self) -> str:
        return str(self.step.button or self.step.label)


def _form(found: Step, record: Any, data: Any = None) -> forms.Form | None:
    if found.form is None:
        return None
    initial = found.initial(record) if found.initial is not None and data is None else None
    # The ids name the step, so that two forms on one page never share one.
    return found.form(data, initial=initial, auto_id=f"{found.name}-%s")


def action_list(
    user: Any, table: Mapping[str, Step], record: Any, *, state: str, url_name: str
) -> list[Action]:
    """What the include shows the viewer: the steps they may take now, each with where it goes.

    ``url_name`` is the generic POST view of this kind of record (arguments: pk, step name)."""
    return [
        Action(
            step=each,
            url=reverse(each.page, args=[record.pk])
            if each.page
            else reverse(url_name, args=[record.pk, each.name]),
            form=None if each.page else _form(each, record),
        )
        for each in actions_for(user, table, record, state=state)
        if (each.page or each.posted) and (each.offered is None or each.offered(record))
    ]


def _form_errors(request: HttpRequest, form: forms.Form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        text = " ".join(str(error) for error in errors)
        messages.error(request, f"{label}: {text}" if label else text)


def take_step(request: HttpRequest, table: Mapping[str, Step], name: str, record: Any) -> Any:
    """Take the step ``name`` of ``table`` on ``record`` for the signed-in user, from a POSTed form.

    Shows the step's success message, or what was wrong with the input or why the service refused.
    Http404 for a name that is no step people take by a POST. Permission is the service's to check:
    a refusal there (Forbidden) is left to rise. Returns what the service returned, None if refused."""
    found = table.get(name)
    if found is None or not found.posted:
        raise Http404("No such action")
    form = _form(found, record, request.POST)
    if form is not None and not form.is_valid():
        _form_errors(request, form)
        return None
    try:
        result = found.run(
            actor=request.user, record=record, **(form.cleaned_data if form is not None else {})
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return None
    messages.success(request, str(found.success))
    return result


# The API ----------------------------------------------------------------------------------------------


def add_step_endpoints(
    router: Router,
    table: Mapping[str, Step],
    *,
    path: str,
    id_name: str,
    id_type: Any,
    find: Callable[[HttpRequest, Any], Any],
    answer: Callable[[HttpRequest, Any, Any], Any],
    out: Any,
    errors: dict[int, Any],
    actor: Callable[[HttpRequest], Any],
    auth: Any,
    module: str,
) -> None:
    """Register on ``router`` one POST operation per step taken by a POST, at ``{path}/{step name}``.

    ``path`` holds the record's id as ``{id_name}`` (typed ``id_type``); ``find(request, id)`` finds the
    record or raises a 404; ``answer(request, id, result)`` is the body returned, with the step's status
    and the schema ``out`` (``errors`` are the other answers documented). Each operation keeps the name
    ``module.operation`` of the step, which makes its operationId, and the step's schema as its body."""
    for each in table.values():
        if not each.posted:
            continue
        endpoint = _endpoint(each, id_name=id_name, id_type=id_type, find=find, answer=answer, actor=actor)
        endpoint.__module__ = module
        router.add_api_operation(
            f"{path}/{each.name}",
            ["POST"],
            endpoint,
            auth=auth,
            response={each.status: out, **errors},
            summary=each.summary,
            description=each.description,
        )


def _endpoint(
    found: Step,
    *,
    id_name: str,
    id_type: Any,
    find: Callable[[HttpRequest, Any], Any],
    answer: Callable[[HttpRequest, Any, Any], Any],
    actor: Callable[[HttpRequest], Any],
) -> Callable[..., Any]:
    def endpoint(request: HttpRequest, **values: Any) -> Any:
        record_id = values[id_name]
        payload = values.get("payload")
        data = payload.dict() if payload is not None else {}
        result = found.run(actor=actor(request), record=find(request, record_id), **data)
        body = answer(request, record_id, result)
        return body if found.status == 200 else Status(found.status, body)

    # django-ninja reads the operation's parameters from the signature: the path's id and, when the
    # step takes input, its schema as the body.
    parameters = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=HttpRequest),
        inspect.Parameter(id_name, inspect.Parameter.KEYWORD_ONLY, annotation=id_type),
    ]
    if found.schema is not None:
        parameters.append(
            inspect.Parameter("payload", inspect.Parameter.KEYWORD_ONLY, annotation=found.schema)
            if found.schema_required
            else inspect.Parameter(
                "payload", inspect.Parameter.KEYWORD_ONLY, annotation=found.schema | None, default=None
            )
        )
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = endpoint.__qualname__ = found.operation or found.name
    endpoint.__doc__ = found.description
    return endpoint
