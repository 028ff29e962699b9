"""Where the platform keeps personal data: every table, which of its columns are personal, how a
person's rows are found, and what erasure does to them.

``PERSONAL_DATA`` is the list that the data download (``accounts.services.personal_data``) and the
erasure (``accounts.services.person_erase``) both follow; ``NOT_PERSONAL`` names the columns that look
personal but are not. A test walks every installed model and fails on a column that looks personal and
is in neither list, so a new table cannot keep personal data without saying what becomes of it.

Models are named by label, not imported: accounts may not import the domain apps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.conf import settings

from gealc.core.i18n import localized_column

# How erasure treats the person's rows: "anonymise" blanks the personal columns and keeps the row (it is
# counted or referred to elsewhere); "delete" removes the row (nothing else needs it); "special" rows are
# anonymised by ``person_erase`` itself (the person and the account keep an anonymous name), or are links
# to the person that stay as they are once the person is anonymised (a working group's memberships).
Erasure = Literal["anonymise", "delete", "special"]


@dataclass(frozen=True)
class PersonalTable:
    """One table with personal data.

    ``find`` says how a person's rows are found: ``user:<lookup>`` or ``person:<lookup>`` (a lookup to the
    account or the person), ``email:<field>`` (tables that only keep the address typed at sign-in),
    ``sessions`` (the account id inside the encoded data) or ``admin_log`` (entries about the account or
    the person). ``export`` False: the download leaves the rows out, for the reason given (secrets, or
    shown in another part of the download).
    """

    model: str  # app_label.ModelName
    fields: tuple[str, ...]  # the personal columns (translated fields: every language's column)
    find: str
    erasure: Erasure
    export: bool
    reason: str


# An expert's bio is a translated field: one column per network language.
BIO = tuple(localized_column("bio", code) for code in settings.LANGUAGE_CODES)
AXES = ("username", "ip_address", "user_agent", "http_accept", "path_info")

PERSONAL_DATA: tuple[PersonalTable, ...] = (
    PersonalTable(
        "accounts.User", ("email", "name"), "user:pk", "special", False, "the account, kept anonymised"
    ),
    PersonalTable(
        "members.Person",
        ("name", "email", "phone"),
        "person:pk",
        "special",
        False,
        "the person, kept anonymised so that memberships and counts stay (in the download's person)",
    ),
    PersonalTable(
        "members.HistoricalPerson",
        ("name",),
        "person:id",
        "special",
        False,
        "earlier versions of the person; e-mail and phone are not kept in the history",
    ),
    PersonalTable("account.EmailAddress", ("email",), "user:user", "delete", False, "in the account part"),
    PersonalTable(
        "account.EmailConfirmation", ("email_address",), "user:email_address__user", "delete", False, "keys"
    ),
    PersonalTable(
        "mfa.Authenticator", ("data",), "user:user", "delete", False, "secrets; types in the account"
    ),
    PersonalTable("accounts.ApiToken", ("name",), "user:user", "delete", False, "in the api_tokens part"),
    PersonalTable(
        "sessions.Session", ("session_key", "session_data"), "sessions", "delete", False, "secrets"
    ),
    PersonalTable("axes.AccessLog", (*AXES, "session_hash"), "email:username", "delete", True, "sign-ins"),
    PersonalTable(
        "axes.AccessAttempt", (*AXES, "get_data", "post_data"), "email:username", "delete", True, "lockout"
    ),
    PersonalTable("axes.AccessFailureLog", AXES, "email:username", "delete", True, "failed sign-ins"),
    PersonalTable(
        "core.OutboxMessage",
        ("recipient", "subject", "body", "last_error"),
        "email:recipient",
        "delete",
        True,
        "e-mails sent to the person or waiting to be sent",
    ),
    PersonalTable(
        "core.Notification",
        ("subject", "text", "url"),
        "user:user",
        "delete",
        True,
        "what the platform told the person on the site, beside the e-mail",
    ),
    PersonalTable(
        "admin.LogEntry", ("object_repr", "change_message"), "admin_log", "anonymise", True, "admin history"
    ),
    PersonalTable("cooperation.Expert", BIO, "person:person", "anonymise", True, "the expert's bio"),
    PersonalTable("cooperation.HistoricalExpert", BIO, "person:person", "anonymise", True, "earlier bios"),
    PersonalTable(
        "cooperation.ExpertProposal",
        ("name", "languages", *BIO),
        "person:person",
        "anonymise",
        True,
        "what a country wrote when offering the person",
    ),
    PersonalTable(
        "groups.GroupMembership",
        ("group", "country", "role", "start_date", "end_date"),
        "person:person",
        "special",
        True,
        "the working groups the person took part in: kept, as the role memberships are, pointing at the "
        "anonymised person",
    ),
    PersonalTable(
        "awards.Solution",
        ("contact_name", "contact_email"),
        "email:contact_email",
        "anonymise",
        True,
        "the solutions that name the person as their contact (never public)",
    ),
)

# Columns whose names look personal but hold none, with why.
NOT_PERSONAL: dict[str, str] = {
    "auth.Permission.name": "a permission's name",
    "auth.Group.name": "a group's name",
    "members.Institution.name": "an institution's name, public",
    "members.HistoricalInstitution.name": "an institution's name, public",
    "axes.AccessAttemptExpiration.access_attempt": "a link to a row listed above",
    "awards.Solution.name_key": "a solution's name, folded to find it again on import",
    "awards.HistoricalSolution.name_key": "a solution's name, folded to find it again on import",
    "software.Software.name": "a software's name, public",
    "software.SoftwareDescription.localised_name": "a software's name in a language, public",
    "awards.Attachment.original_name": "the name of a file a country attached to its award submission",
}
# Translated names of reference data (countries, subregions, expertise areas, themes, goals) and of the
# solutions of the catalogue and of what an award edition declares are not personal either.
NOT_PERSONAL_PREFIXES: tuple[str, ...] = (
    "members.Subregion.name_",
    "members.HistoricalSubregion.name_",
    "members.Country.name_",
    "members.HistoricalCountry.name_",
    "cooperation.ExpertiseArea.name_",
    "awards.Theme.name_",
    "awards.Goal.name_",
    "awards.Solution.name_",
    "awards.HistoricalSolution.name_",
    "awards.Category.name_",
    "awards.Criterion.name_",
    "awards.Question.name_",
    "awards.Prize.name_",
    "groups.WorkingGroup.name_",
    "groups.HistoricalWorkingGroup.name_",
)


def declared(label: str, field: str) -> bool:
    """Whether the column ``label.field`` is in one of the lists."""
    name = f"{label}.{field}"
    return (
        any(table.model == label and field in table.fields for table in PERSONAL_DATA)
        or name in NOT_PERSONAL
        or name.startswith(NOT_PERSONAL_PREFIXES)
    )
