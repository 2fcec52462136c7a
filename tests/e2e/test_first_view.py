"""The first view: the form with its stable ids, labelled, and no <form> element."""

from __future__ import annotations

import pytest

from harness import Browser
from policy import FIELD_IDS


@pytest.mark.parametrize("field_id", FIELD_IDS)
def test_field_is_rendered_with_a_label(app: Browser, field_id: str):
    el = app.element(field_id)
    assert el.tag_name in ("input", "textarea", "select"), el.tag_name
    assert el.is_displayed()
    label = app.js("const el = document.getElementById(arguments[0]);"
                   "return [...el.labels].map(l => l.textContent.trim()).join(' ')"
                   " || el.getAttribute('aria-label') || '';", field_id)
    assert label, f"#{field_id} has no label"


def test_error_output_gets_a_large_field(app: Browser):
    assert app.element("error-text").tag_name == "textarea"


def test_first_view_has_no_violations_or_console_errors(app: Browser):
    for field_id in FIELD_IDS:
        app.element(field_id)
    assert app.violations() == []
    assert app.console_errors() == []
