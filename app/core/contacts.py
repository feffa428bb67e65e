"""E-mail addresses as units give them: one address, checked loosely (the mail server
has the last word), so a typo like "vanphong at tinh" is caught while typing."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


def email_problem(address: str) -> str:
    """ "" when `address` is empty or looks like one address; else what is wrong."""
    address = (address or "").strip()
    if address and not _EMAIL.match(address):
        return f"Địa chỉ thư «{address}» không hợp lệ (ví dụ: vanphong@tinh.gov.vn)."
    return ""
