"""SQLAlchemy 2 typed ORM models. The schema itself is owned by the alembic migrations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from app.core.text import collation_key


class Base(DeclarativeBase):
    pass


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    number: Mapped[str] = mapped_column(String(120), default="", index=True)
    issuer: Mapped[str] = mapped_column(Text, default="")
    signed_on: Mapped[date | None] = mapped_column(Date)
    source_name: Mapped[str] = mapped_column(Text, default="")
    source_sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    # The congress term this plan's "cuối nhiệm kỳ" means, when the user set it; else
    # the term that holds the plan's date (app.core.deadlines.terms).
    term_start: Mapped[int | None] = mapped_column(Integer)
    term_end: Mapped[int | None] = mapped_column(Integer)
    # taskdata.plan_keys(number, issuer): one plan per number and issuer, even when
    # several PCs import at once (migration 0007).
    number_key: Mapped[str | None] = mapped_column(Text)
    issuer_key: Mapped[str] = mapped_column(Text, default="")

    tasks: Mapped[list[Task]] = relationship(back_populates="plan", passive_deletes=True)

    __table_args__ = (Index("uq_plans_identity", "number_key", "issuer_key", unique=True),)


class Department(Base):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str] = mapped_column(String(60), default="")
    name_key: Mapped[str] = mapped_column(Text, index=True, unique=True)  # units.unit_key(name)
    sort_key: Mapped[str] = mapped_column(Text, default="")  # text.collation_key(name)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True
    )
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    parent: Mapped[Department | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Department]] = relationship(back_populates="parent")
    aliases: Mapped[list[DepartmentAlias]] = relationship(
        back_populates="department", cascade="all, delete-orphan"
    )

    @validates("name")
    def _keep_sort_key(self, _key: str, value: str) -> str:
        self.sort_key = collation_key(value)
        return value


class DepartmentAlias(Base):
    __tablename__ = "department_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(Text)
    alias_key: Mapped[str] = mapped_column(Text, index=True)
    valid_until: Mapped[date | None] = mapped_column(Date)  # set when a rename/merge retired it

    department: Mapped[Department] = relationship(back_populates="aliases")

    __table_args__ = (
        Index("uq_department_aliases_key", "department_id", "alias_key", unique=True),
    )


class Task(Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), index=True
    )
    section: Mapped[str] = mapped_column(String(60), default="")
    number: Mapped[str] = mapped_column(String(30), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text, default="")  # folded text + unit names
    sort_key: Mapped[str] = mapped_column(Text, default="", index=True)  # text.collation_key
    product: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Deadline (app.core.deadlines.types.Deadline), flattened for indexing.
    deadline_raw: Mapped[str] = mapped_column(Text, default="")
    deadline_kind: Mapped[str] = mapped_column(String(20), default="unspecified", index=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)  # current (first open) due date
    # none_as_null: None is SQL NULL, not the JSON text 'null' ("IS NULL" must find it).
    recurrence: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    condition: Mapped[str | None] = mapped_column(Text)
    continuing: Mapped[bool] = mapped_column(Boolean, default=False)
    done_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    due_override: Mapped[bool] = mapped_column(Boolean, default=False)  # due set by hand
    completed_on: Mapped[date | None] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    plan: Mapped[Plan | None] = relationship(back_populates="tasks")
    units: Mapped[list[TaskDepartment]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskDepartment.position"
    )
    occurrences: Mapped[list[Occurrence]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="Occurrence.due_date"
    )
    notes: Mapped[list[ProgressNote]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="ProgressNote.created_at"
    )

    __mapper_args__ = {"version_id_col": version}

    @validates("text")
    def _keep_sort_key(self, _key: str, value: str) -> str:
        self.sort_key = collation_key(value)
        return value

    __table_args__ = (
        Index("ix_tasks_due_open", "completed_on", "due_date"),
        Index("ix_tasks_plan_position", "plan_id", "position"),
        Index("ix_tasks_due_date", "due_date"),
        Index(
            "ix_tasks_due_kind_start_done",
            "due_date",
            "deadline_kind",
            "start_date",
            "completed_on",
        ),
        # SQLite only: see migration 0006.
        Index("ix_tasks_search_due", "search_text", "due_date").ddl_if(dialect="sqlite"),
    )


class TaskDepartment(Base):
    __tablename__ = "task_departments"

    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    task: Mapped[Task] = relationship(back_populates="units")
    department: Mapped[Department] = relationship()

    __table_args__ = (Index("ix_task_departments_role_dept", "role", "department_id"),)


class Occurrence(Base):
    """One due date of a recurring or listed deadline, with its own completion."""

    __tablename__ = "occurrences"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    completed_on: Mapped[date | None] = mapped_column(Date)

    task: Mapped[Task] = relationship(back_populates="occurrences")

    __table_args__ = (
        UniqueConstraint("task_id", "due_date"),
        Index("ix_occurrences_due_task_done", "due_date", "task_id", "completed_on"),
    )


class ProgressNote(Base):
    __tablename__ = "progress_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    author: Mapped[str] = mapped_column(String(120), default="")
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")  # e.g. the reply workbook's name

    task: Mapped[Task] = relationship(back_populates="notes")


class AuditEntry(Base):
    """Who changed what, when: old and new values as JSON; undo works from these."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    old: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    new: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[dict[str, Any] | list[Any] | str | int | float | bool | None] = mapped_column(
        JSON
    )


class CalendarDay(Base):
    """A user-added day off (is_workday False) or make-up working day (True)."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")


class UnitRequest(Base):
    """An urging letter or progress-request workbook sent to a unit, and its answer.

    `items` snapshots the tasks as they were when sent ({task_id, version, text, due,
    role}) so a reply can be matched to them and a task edited since then is flagged.
    """

    __tablename__ = "unit_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # "letter" | "workbook"
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True
    )
    department_name: Mapped[str] = mapped_column(Text, default="")
    sent_on: Mapped[date] = mapped_column(Date, index=True)
    reply_due: Mapped[date | None] = mapped_column(Date)
    replied_on: Mapped[date | None] = mapped_column(Date)
    reply_file: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(Text, default="")
    items: Mapped[list[Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_unit_requests_open", "replied_on", "reply_due"),)
