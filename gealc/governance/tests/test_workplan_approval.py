"""The Assembly approves the year's work plan once, by a motion that passed."""

import threading

import pytest
from django.db import connection, connections

from gealc.core.errors import Conflict
from gealc.core.models import DecisionEvent
from gealc.governance.models import Motion, WorkPlan
from gealc.governance.services import (
    motion_close,
    motion_create,
    vote_cast,
    workplan_approve,
    workplan_create,
)


def decided_motion(cast, heads, assembly, option: str = "yes", *, close: bool = True) -> Motion:
    motion = motion_create(
        actor=cast.secretariat,
        meeting=assembly,
        title={"en": "Approve the work plan"},
        original_language="en",
        rule="simple_majority",
    )
    for code in ("URY", "BRA", "ARG"):
        vote_cast(actor=heads[code], motion=motion, option=option)
    if close:
        motion_close(actor=cast.secretariat, motion=motion)
    return Motion.objects.get(pk=motion.pk)


def approvals(plan: WorkPlan) -> int:
    return DecisionEvent.objects.filter(action="workplan.approve", object_id=str(plan.pk)).count()


@pytest.fixture
def plan(cast) -> WorkPlan:
    return workplan_create(actor=cast.secretariat, year=2027)


def test_a_work_plan_approved_by_a_motion_that_passed_says_so(cast, heads, assembly, plan):
    motion = decided_motion(cast, heads, assembly)

    approved = workplan_approve(actor=cast.secretariat, plan=plan, motion=motion)

    plan.refresh_from_db()
    assert (approved.status, plan.status, plan.approved_by_id) == ("approved", "approved", motion.pk)
    assert approvals(plan) == 1


def test_a_work_plan_is_not_approved_twice(cast, heads, assembly, plan):
    first, second = decided_motion(cast, heads, assembly), decided_motion(cast, heads, assembly)
    workplan_approve(actor=cast.secretariat, plan=plan, motion=first)

    # The caller's copy of the plan still says draft: the state that counts is the one in the database.
    with pytest.raises(
        Conflict, match=r"the work plan for 2027 cannot be approved again \(its state: Approved\)"
    ):
        workplan_approve(actor=cast.secretariat, plan=plan, motion=second)

    plan.refresh_from_db()
    assert (plan.approved_by_id, approvals(plan)) == (first.pk, 1)


@pytest.mark.parametrize(
    ("option", "close", "state"), [("no", True, "Failed"), ("yes", False, "Open for voting")]
)
def test_a_motion_that_did_not_pass_does_not_approve_a_work_plan(
    cast, heads, assembly, plan, option, close, state
):
    motion = decided_motion(cast, heads, assembly, option, close=close)

    with pytest.raises(Conflict) as refused:
        workplan_approve(actor=cast.secretariat, plan=plan, motion=motion)

    assert refused.value.message == (
        f"the work plan is approved by a motion that has passed (this motion: {state})"
    )
    assert refused.value.field == "motion"
    plan.refresh_from_db()
    assert (plan.status, plan.approved_by_id, approvals(plan)) == ("draft", None, 0)


def test_a_motion_approves_one_work_plan(cast, heads, assembly, plan):
    motion = decided_motion(cast, heads, assembly)
    workplan_approve(actor=cast.secretariat, plan=plan, motion=motion)
    next_year = workplan_create(actor=cast.secretariat, year=2028)

    with pytest.raises(Conflict, match="this motion approved the work plan for 2027, not this one"):
        workplan_approve(actor=cast.secretariat, plan=next_year, motion=motion)

    next_year.refresh_from_db()
    assert next_year.status == "draft"


@pytest.mark.django_db(transaction=True)
def test_two_approvals_of_one_work_plan_at_once_give_exactly_one(cast, heads, assembly, plan):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer; the race is run on PostgreSQL")
    motions = [decided_motion(cast, heads, assembly) for _ in range(3)]
    barrier = threading.Barrier(len(motions))
    outcomes: list[str] = []

    def approve(motion: Motion) -> None:
        try:
            barrier.wait()
            workplan_approve(actor=cast.secretariat, plan=plan, motion=motion)
            outcomes.append("approved")
        except Conflict:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(motion,)) for motion in motions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["approved", "refused", "refused"]
    assert approvals(plan) == 1
