from django.http import HttpRequest
from ninja import Router, Schema

from gealc.accounts.models import User
from gealc.accounts.roles import roles_of
from gealc.core.api import UNAUTHORIZED, signed_in

router = Router()


class RoleOut(Schema):
    role: str
    country: str | None


class MeOut(Schema):
    email: str
    name: str
    roles: list[RoleOut]


@router.get("/me", response={200: MeOut, **UNAUTHORIZED}, auth=signed_in, summary="The signed-in user")
def me(request: HttpRequest) -> dict[str, object]:
    user = request.user
    assert isinstance(user, User)  # signed_in lets no one else through
    return {
        "email": user.email,
        "name": user.name,
        "roles": [{"role": g.role, "country": g.country} for g in sorted(roles_of(user))],
    }
