"""The part a unit plays in a task, as plans word it."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    LEAD = "lead"  # chủ trì
    COORDINATING = "coordinating"  # phối hợp
    FOLLOWING = "following"  # theo dõi, đôn đốc
