# mypy: disable-error-code="attr-defined,no-untyped-call"
"""Who may do what in the public-software catalogue.

A delegate or head of delegation imports and edits the software of their own country, and records the
adoptions and contributions of their own country (the record passed is the country that adopts or
contributes). The Secretariat does everything, including moving a software to another country.
"""

from __future__ import annotations

import rules

from gealc.accounts.rules import acts_for_country_of, is_secretariat

rules.add_perm("software.import_software", is_secretariat | acts_for_country_of)
rules.add_perm("software.change_software", is_secretariat | acts_for_country_of)
rules.add_perm("software.transfer_software", is_secretariat)
rules.add_perm("software.record_adoption", is_secretariat | acts_for_country_of)
rules.add_perm("software.record_contribution", is_secretariat | acts_for_country_of)

# The admin: the Secretariat reads everything; writes go through the services.
for _model in ("software", "softwarerevision", "adoption", "contribution"):
    rules.add_perm(f"software.view_{_model}", is_secretariat)
