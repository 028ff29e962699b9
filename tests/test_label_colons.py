"""A label and its colon are one translatable string: French puts a space before the colon (« Motif : »),
which a colon written after the translated word can never have."""

from __future__ import annotations

import re
from pathlib import Path

import gealc

ROOT = Path(gealc.__file__).parent
TEMPLATES = sorted(
    path for path in ROOT.rglob("templates/**/*") if path.suffix in {".html", ".txt"} and path.is_file()
)
# A translated word, then a colon outside it: {% translate "Reason" %}: or {% endblocktranslate %}:
AFTER_TRANSLATE = re.compile(r"\{%\s*(?:translate|trans)\s[^%]*%\}\s*:")
AFTER_BLOCKTRANSLATE = re.compile(r"\{%\s*(?:endblocktranslate|endblocktrans)\s*%\}\s*:")
# Pages whose colons are still to be moved into their strings.
PENDING = frozenset({"software/templates/software/import.html"})


def offenders(pattern: re.Pattern[str], *, pending: frozenset[str] = frozenset()) -> list[str]:
    found = []
    for path in TEMPLATES:
        name = path.relative_to(ROOT).as_posix()
        if name in pending:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                found.append(f"{name}:{number}")
    return found


def test_the_scan_reads_every_apps_templates():
    apps = {path.relative_to(ROOT).parts[0] for path in TEMPLATES}
    assert {"core", "cooperation", "governance", "accounts", "members"} <= apps


def test_no_template_writes_a_colon_after_a_translated_label():
    assert offenders(AFTER_TRANSLATE) == [], (
        'write the colon inside the string: {% translate "Reason:" context "label with colon" %}'
    )


def test_no_template_writes_a_colon_after_a_translated_block():
    assert offenders(AFTER_BLOCKTRANSLATE, pending=PENDING) == [], (
        "write the colon inside the block: "
        '{% blocktranslate context "label with colon" %}…:{% endblocktranslate %}'
    )


def test_the_pattern_catches_a_colon_after_a_label():
    assert AFTER_TRANSLATE.search('<dt>{% translate "Reason" %}:</dt>')
    assert AFTER_TRANSLATE.search("{% translate 'Agenda' context 'meeting' %} :")
    assert not AFTER_TRANSLATE.search('{% translate "Reason:" context "label with colon" %} {{ reason }}')
    assert AFTER_BLOCKTRANSLATE.search("{% blocktranslate %}Line {{ n }}{% endblocktranslate %}: ")
