"""Vocabularies of 双随机、一公开 tasks, draws and picks."""

from django.db import models


class TaskSource(models.TextChoices):
    """Who set the task: the counts of national tasks are reported on their own ("国家下达的…任务598个")."""

    NATIONAL = "national", "国家下达"
    PROVINCIAL = "provincial", "省级下达"
    OWN = "own", "本级制定"
    JOINT = "joint", "跨部门联合"


class SampleMode(models.TextChoices):
    # A fixed number of entities from the pool.
    FIXED = "fixed", "按数量抽取"
    # Each credit grade's share of its entities, the ratios coming from the rules table.
    CREDIT = "credit", "按信用等级比例抽取"


class DrawStatus(models.TextChoices):
    # Created with the hash of a secret: the secret is fixed before anybody knows the pool.
    COMMITTED = "committed", "待锁定名录"
    # The pool is snapshotted and hashed; the witness may now give their input.
    POOL_FIXED = "pool_fixed", "名录已锁定"
    # Entities and teams drawn; the secret is revealed in the record.
    DRAWN = "drawn", "已抽取"
    # Abandoned with a reason before drawing (a wrong pool, a changed task); kept and shown.
    VOID = "void", "已作废"


DRAW_STATUS_COLOURS = {DrawStatus.COMMITTED: "secondary", DrawStatus.POOL_FIXED: "blue",
                       DrawStatus.DRAWN: "green", DrawStatus.VOID: "red"}


class PickOutcome(models.TextChoices):
    PENDING = "pending", "待检查"
    INSPECTED = "inspected", "已检查"
    # Nobody to inspect (closed, moved, never existed): settled with a reason, counts as 完结 but not 完成.
    UNABLE = "unable", "无法检查"


PICK_OUTCOME_COLOURS = {PickOutcome.PENDING: "secondary", PickOutcome.INSPECTED: "green",
                        PickOutcome.UNABLE: "orange"}


class TaskState(models.TextChoices):
    """Where a task stands, computed from its live draw and the picks' outcomes (never stored)."""

    # No draw yet, or only void ones.
    NOT_DRAWN = "not_drawn", "未抽取"
    COMMITTED = "committed", "待锁定名录"
    POOL_FIXED = "pool_fixed", "名录已锁定"
    # Drawn, some picks still to inspect.
    IN_PROGRESS = "in_progress", "检查中"
    # Drawn and every pick inspected or settled as unable.
    SETTLED = "settled", "已完结"


TASK_STATE_COLOURS = {TaskState.NOT_DRAWN: "secondary", TaskState.COMMITTED: "secondary",
                      TaskState.POOL_FIXED: "blue", TaskState.IN_PROGRESS: "orange", TaskState.SETTLED: "green"}
