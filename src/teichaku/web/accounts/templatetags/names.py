"""`{% load names %}{{ user|display_name }}`: a person as the pages show them."""

from __future__ import annotations

from django import template

from teichaku.web.accounts.names import display_name

register = template.Library()
register.filter("display_name", display_name)
