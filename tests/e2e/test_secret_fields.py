"""T14: the fields that take secrets keep them away from spellcheck services, password
managers, autofill and translation (security-notes.md 2.6)."""

from __future__ import annotations

import pytest

from harness import Browser

SECRET_FIELDS = ["credential", "token"]

HINTS = {
    "spellcheck": "false",  # enhanced spellcheck sends field text to Google/Microsoft
    "autocomplete": "off",
    "autocapitalize": "off",
    "autocorrect": "off",
    "translate": "no",
}
VENDOR_OPT_OUTS = ["data-1p-ignore", "data-lpignore", "data-bwignore"]


@pytest.mark.parametrize("field_id", SECRET_FIELDS)
def test_secret_field_opts_out_of_helpers(app: Browser, field_id: str):
    attrs = app.attributes(field_id)
    assert {k: attrs.get(k) for k in HINTS} == HINTS, attrs
    missing = [a for a in VENDOR_OPT_OUTS if a not in attrs]
    assert missing == [], attrs


def test_api_key_field_is_a_password_field(app: Browser):
    assert app.attributes("credential").get("type") == "password"


def test_pasted_error_output_is_not_spellchecked(app: Browser):
    # Pasted output often echoes headers (`api-key: …`, `Authorization: Bearer …`).
    assert app.attributes("error-text").get("spellcheck") == "false"


def test_page_has_no_form_element(app: Browser):
    # No <form>: no submit, no navigation, fewer password-manager save prompts.
    assert app.js("return document.forms.length") == 0
