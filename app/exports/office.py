"""The office's identity on every print and letter (the "org" setting), no Qt here.

Nghị định 30/2020/NĐ-CP and Hướng dẫn 36-HD/VPTW put the same facts at the top and the
foot of every document: the parent body (cơ quan chủ quản, when there is one), the
issuing body, Party or state form, the place of the date line, and who signs (authority,
title, name). Until the office has given them, each missing fact prints as a bracketed
placeholder such as "[TÊN CƠ QUAN CHỦ QUẢN]", which nobody signs by mistake — never a
made-up default. `Org.complete` tells the window whether to ask for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.exports.admin_text import sentence_case, vn_long_date

# What a print shows for a missing fact.
PLACEHOLDERS: dict[str, str] = {
    "parent": "[TÊN CƠ QUAN CHỦ QUẢN]",
    "issuer": "[TÊN CƠ QUAN]",
    "place": "[Địa danh]",
    "signer_title": "[CHỨC VỤ NGƯỜI KÝ]",
    "signer_name": "[Họ và tên người ký]",
}
# Facts without which a document cannot be signed. The parent body is optional (a body
# at the top of its hierarchy has none), so it is asked for but not required.
REQUIRED = ("issuer", "place", "signer_title", "signer_name")
# Generic names that earlier versions filled in by themselves: they name no real body.
_STALE = {"parent": {"ĐẢNG BỘ TỈNH"}}


def _text(data: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = data.get(key)
        if value is not None and str(value).strip():
            return " ".join(str(value).split())
    return ""


@dataclass(frozen=True, slots=True)
class Org:
    """The "org" setting as printed. Empty strings are facts not given yet."""

    parent: str = ""
    issuer: str = ""
    motto: str = "party"  # "party" | "state"
    place: str = ""
    signer_title: str = ""
    signer_name: str = ""
    signer_authority: str = ""  # "T/L BAN THƯỜNG VỤ", "KT. CHÁNH VĂN PHÒNG"… (optional)
    abbr: str = ""  # the issuer's abbreviation in document numbers, "VPĐUK" (optional)
    issuer_name: str = ""  # the issuer as written in running text (optional)

    @classmethod
    def from_setting(cls, value: Any) -> Org:
        data = value if isinstance(value, dict) else {}
        fields = {
            key: _text(data, key)
            for key in ("parent", "issuer", "place", "signer_title", "signer_name", "abbr")
        }
        for key, stale in _STALE.items():
            if fields[key].upper() in stale:
                fields[key] = ""
        return cls(
            motto="state" if _text(data, "motto").lower() == "state" else "party",
            # "signer_prefix" is the weekly list's older name for the same line
            signer_authority=_text(data, "signer_authority", "signer_prefix"),
            issuer_name=_text(data, "issuer_name"),
            **fields,
        )

    @property
    def party(self) -> bool:
        return self.motto != "state"

    @property
    def missing(self) -> tuple[str, ...]:
        """The required facts not given yet (keys of PLACEHOLDERS)."""
        return tuple(key for key in REQUIRED if not getattr(self, key))

    @property
    def complete(self) -> bool:
        """Whether a document can be printed for signing without placeholders."""
        return not self.missing

    def shown(self, key: str) -> str:
        """A fact as printed: its value, or its placeholder. The parent body is left out
        (empty) once the identity is complete: the office then has none."""
        value: str = getattr(self, key)
        if value or (key == "parent" and self.complete):
            return value
        return PLACEHOLDERS[key]

    @property
    def parent_line(self) -> str:
        return self.shown("parent").upper()

    @property
    def issuer_line(self) -> str:
        return self.shown("issuer").upper()

    @property
    def issuer_in_text(self) -> str:
        """The issuer inside a sentence: "Văn phòng Tỉnh ủy" (placeholder when unset)."""
        if not self.issuer:
            return PLACEHOLDERS["issuer"]
        return self.issuer_name or sentence_case(self.issuer)

    @property
    def title_line(self) -> str:
        return self.shown("signer_title").upper()

    @property
    def authority_line(self) -> str:
        return self.signer_authority.upper()

    @property
    def name_line(self) -> str:
        return self.shown("signer_name")

    def date_line(self, day: date) -> str:
        """ "Phan Rang, ngày 05 tháng 3 năm 2026"; the place's placeholder when unset."""
        return vn_long_date(day, self.shown("place"))


def org_complete(value: Any) -> bool:
    """Whether an "org" setting value is complete (the first-run question)."""
    return Org.from_setting(value).complete
