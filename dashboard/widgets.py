"""Small building blocks with Bootstrap's classes (its CSS is vendored; no component library)."""

from __future__ import annotations

from typing import Any

from dash import html


def button(
    label: Any, id: Any, variant: str = "outline-secondary", className: str = ""
) -> html.Button:
    """A small Bootstrap button; `variant` is its colour class (primary, link, outline-…)."""
    return html.Button(
        label,
        id=id,
        type="button",
        n_clicks=0,
        className=f"btn btn-sm btn-{variant} {className}".strip(),
    )


def label(text: str, for_id: str, className: str = "") -> html.Label:
    return html.Label(text, htmlFor=for_id, className=f"form-label {className}".strip())
