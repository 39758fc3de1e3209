"""The whole-process record (全过程记录) of a case: one function appends an entry, one re-checks the lot.

Every entry's hash covers the case, its number in the log, what was done on which day, when it was
recorded, by whom, the note, the parameters (with the sha256 and size of each file uploaded with it) and
the hash of the entry before; the first entry follows 64 zeros. The case keeps the last hash, so changing,
inserting or removing an entry, or replacing a stored file, shows in `log_problems`.

Anyone can re-compute a hash: sha256 over the UTF-8 of the JSON object
{"case", "seq", "kind", "on", "at", "actor", "note", "parameters", "prev_hash"} with sorted keys, no spaces,
non-ASCII kept as is; `case` is the case's public id, `on` an ISO date, `at` an ISO UTC time with
microseconds, `actor` the user id (or null).

So anyone who can write the database can also rewrite an entry and recompute the chain. Two anchors outside
the database show that too: each entry's hash, and the head with its number, are signed with the record key
(`fazhi.core.signing`, purposes "fazhi-case-step-v1" and "fazhi-case-head-v1"), and every day the heads
are published in a digest (`anchors`): a chain that no longer gives a head a published digest listed
contradicts that digest. What this does and does not stop: docs/whole-process-record.md.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core import signing
from fazhi.core.choices import Integrity
from fazhi.core.deadlines import WorkCalendar
from fazhi.core.files import check_upload
from fazhi.core.models import EvidenceFile
from fazhi.core.services import evidence_upload, evidence_verify

from .choices import StepKind
from .models import Case, CaseStep, DigestHead

GENESIS = "0" * 64
STEP_SEAL, HEAD_SEAL = "fazhi-case-step-v1", "fazhi-case-head-v1"

# ---------------------------------------------------------------- the business clock
# Normally an entry is recorded now. The demo builds two years of cases in a moment: inside
# `business_clock(today)` the services' "today" is that day, every entry (and its files) is recorded on its
# business date, so the log reads as if it had been kept day by day, and the holiday calendar is read once.
_clock: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar("case_clock", default=None)
_calendar: contextvars.ContextVar[WorkCalendar | None] = contextvars.ContextVar("case_calendar", default=None)


@contextlib.contextmanager
def business_clock(today: dt.date):
    token, calendar_token = _clock.set(today), _calendar.set(WorkCalendar())
    try:
        yield
    finally:
        _clock.reset(token)
        _calendar.reset(calendar_token)


def today() -> dt.date:
    return _clock.get() or timezone.localdate()


def calendar() -> WorkCalendar:
    """The working calendar to count with: read once for a whole back-dated batch, else afresh."""
    return _calendar.get() or WorkCalendar()


def moment(on: dt.date, seq: int = 0) -> dt.datetime:
    """When an entry made for the business date `on` is recorded."""
    if _clock.get() is None:
        return timezone.now()
    start = timezone.make_aware(dt.datetime.combine(on, dt.time(9, 0)))
    return start + dt.timedelta(minutes=(7 * seq) % 480)


# ---------------------------------------------------------------- hashing
def money(value) -> str:
    """An amount in yuan as the log keeps it: a string with two decimals, never a float."""
    return f"{Decimal(value or 0).quantize(Decimal('0.01'))}"


def canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def utc_iso(moment_: dt.datetime) -> str:
    return moment_.astimezone(dt.UTC).isoformat(timespec="microseconds")


def step_hash(*, case_public_id, seq: int, kind: str, on: dt.date, at: dt.datetime, actor_id: int | None,
              note: str, parameters: dict, prev_hash: str) -> str:
    return hashlib.sha256(canonical({
        "case": str(case_public_id), "seq": seq, "kind": str(kind), "on": on.isoformat(), "at": utc_iso(at),
        "actor": actor_id, "note": note, "parameters": parameters, "prev_hash": prev_hash,
    })).hexdigest()


def hash_of(step: CaseStep, case: Case) -> str:
    return step_hash(case_public_id=case.public_id, seq=step.seq, kind=step.kind, on=step.on, at=step.at,
                     actor_id=step.actor_id, note=step.note, parameters=step.parameters, prev_hash=step.prev_hash)


def step_seal(step_hash: str) -> str:
    return signing.sign(STEP_SEAL, step_hash)


def head_seal(case_public_id, seq: int, head: str) -> str:
    return signing.sign(HEAD_SEAL, case_public_id, seq, head)


def intact(case, chain: list) -> bool:
    """Whether the stored chain recomputes from 64 zeros to the case's head (signatures aside). Works on a
    migration's historical models too: it reads fields only."""
    previous = GENESIS
    for expected, step in enumerate(chain, start=1):
        if step.seq != expected or step.prev_hash != previous or hash_of(step, case) != step.hash:
            return False
        previous = step.hash
    return bool(chain) and case.log_head == previous


def _digest(upload) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return digest.hexdigest(), size


# ---------------------------------------------------------------- appending
def append(case: Case, kind: str, *, on: dt.date, actor, note: str = "", parameters: dict | None = None,
           files: Iterable = ()) -> CaseStep:
    """Append one entry to `case`'s log with the files uploaded with it. Call inside the service's
    transaction, with the case row locked."""
    files = list(files)
    listed = []
    for upload in files:
        check_upload(upload)  # refuse a bad file before anything is written
        sha256, size = _digest(upload)
        listed.append({"name": upload.name[-255:], "sha256": sha256, "size": size})
    parameters = dict(parameters or {})
    if listed:
        parameters["files"] = listed
    # Hash what the database will give back: plain JSON (a tuple comes back a list; a date is refused here).
    parameters = json.loads(canonical(parameters))
    last = CaseStep.objects.filter(case=case).order_by("-seq").values_list("seq", "hash").first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    step = CaseStep(case=case, seq=seq, kind=kind, on=on, at=moment(on, seq), actor=actor, note=note,
                    parameters=parameters, prev_hash=prev_hash)
    step.hash = hash_of(step, case)
    step.seal = step_seal(step.hash)
    step.full_clean(exclude=["case", "actor"])
    step.save()
    for upload, entry in zip(files, listed, strict=True):
        evidence = evidence_upload(org=case.org, uploaded=upload, linked=step, actor=actor,
                                   title=f"{case.number} {StepKind(kind).label}：{entry['name']}"[:200])
        if evidence.sha256 != entry["sha256"]:  # the bytes changed between hashing and storing
            raise ValidationError(f"文件“{entry['name']}”上传过程中内容发生变化，请重新上传")
        if _clock.get() is not None:  # a back-dated batch: the file was taken in on the step's day too
            EvidenceFile.all_objects.filter(pk=evidence.pk).update(created_at=step.at, checked_at=step.at)
    case.log_head, case.log_seal = step.hash, head_seal(case.public_id, step.seq, step.hash)
    Case.all_objects.filter(pk=case.pk).update(log_head=case.log_head, log_seal=case.log_seal)
    return step


# ---------------------------------------------------------------- checking
def step_files(steps: Iterable[CaseStep]) -> dict[int, list[EvidenceFile]]:
    """The stored files of each entry, in one query."""
    steps = list(steps)
    content_type = ContentType.objects.get_for_model(CaseStep)
    found = defaultdict(list)
    for evidence in (EvidenceFile.all_objects.filter(content_type=content_type, object_id__in=[s.pk for s in steps])
                     .order_by("pk")):
        found[evidence.object_id].append(evidence)
    return found


def listed_heads(public_ids: Iterable) -> dict:
    """Every published digest's listing of each case, oldest first: public id → [(day, seq, head)]."""
    found = defaultdict(list)
    for public_id, day, seq, head in (DigestHead.objects.filter(case_public_id__in=list(public_ids))
                                      .order_by("digest__day").values_list("case_public_id", "digest__day",
                                                                           "seq", "head")):
        found[public_id].append((day, seq, head))
    return found


def log_problems(case: Case, *, rehash: bool = False, steps: list[CaseStep] | None = None,
                 files: dict[int, list[EvidenceFile]] | None = None, listed: list | None = None) -> list[str]:
    """What is wrong with `case`'s whole-process record, in Chinese; empty when it is whole. With `rehash`
    every stored file is read again and hashed (as `fazhi verify-files` does daily); otherwise the files'
    last check counts. `listed` is what the published digests listed of the case (read when not given)."""
    steps = list(case.steps.order_by("seq")) if steps is None else steps
    if not steps:
        return ["没有全过程记录"]
    files = step_files(steps) if files is None else files
    problems = chain_problems(case, steps, listed)
    for step in steps:
        problems += _file_problems(step, _label(step), files.get(step.pk, []), rehash)
    return problems


def _label(step: CaseStep) -> str:
    return f"第{step.seq}条记录（{step.get_kind_display()}）"


def chain_problems(case: Case, steps: list[CaseStep], listed: list | None = None) -> list[str]:
    """The chain's problems, files aside: hashes and links, the record key's signatures, the published digests."""
    problems, previous, unsigned, forged = [], GENESIS, [], []
    for expected, step in enumerate(steps, start=1):
        label = _label(step)
        if step.seq != expected:
            problems.append(f"第{expected}条记录缺失，记录序号不连续")
        if step.prev_hash != previous:
            problems.append(f"{label}与前一条记录不衔接")
        if hash_of(step, case) != step.hash:
            problems.append(f"{label}的内容与其哈希不符，记录可能被改动")
        if not step.seal:
            unsigned.append(step)
        elif not signing.is_signed(step.seal, STEP_SEAL, step.hash):
            forged.append(step)
        previous = step.hash
    if case.log_head != previous:
        problems.append("最后一条记录与案件登记的末条哈希不符，记录可能被删除或替换")
    elif not case.log_seal:
        problems.append("案件登记的末条哈希没有签名，缺少记录密钥这一外部锚定")
    elif not signing.is_signed(case.log_seal, HEAD_SEAL, case.public_id, steps[-1].seq, previous):
        problems.append("案件登记的末条哈希的签名与记录密钥不符：末尾的记录可能被删除，或整条记录被回退")
    if len(forged) == len(steps) > 1:
        problems.append(f"全部{len(steps)}条记录的签名均与记录密钥不符：记录密钥可能已更换，或整条记录被改写后重算了哈希")
    else:
        problems += [f"{_span(run)}的签名与记录密钥不符（HMAC校验失败），内容或哈希在签名后被改动并重算"
                     for run in _runs(forged)]
    problems += [f"{_span(run)}没有签名，缺少记录密钥这一外部锚定：可能在启用签名前写入而未补签，或签名被清除"
                 for run in _runs(unsigned)]
    listed = listed_heads([case.public_id]).get(case.public_id, []) if listed is None else listed
    return problems + published_problems(steps, listed)


def published_problems(steps: list[CaseStep], listed: list) -> list[str]:
    """Compare the chain with every digest that listed it: a head a digest published must still be there."""
    stored = {step.seq: step.hash for step in steps}
    agreed = 0
    for day, seq, head in listed:
        if stored.get(seq) == head:
            agreed = max(agreed, seq)
            continue
        span = f"第{agreed + 1}条记录" if agreed + 1 == seq else f"第{agreed + 1}至{seq}条记录"
        if seq not in stored:
            return [f"{span}与{day:%Y-%m-%d}已公布的校验值不符：该日公布时本案有{seq}条记录，现仅有{len(steps)}条，"
                    f"公布后记录被删除或截短"]
        # Later digests only repeat the change: the earliest one narrows down where it is.
        return [f"{span}与{day:%Y-%m-%d}已公布的校验值不符：该日公布的第{seq}条记录哈希为{head[:16]}…，"
                f"现为{stored[seq][:16]}…，公布后其中有记录被改写"]
    return []


def _runs(steps: list[CaseStep]) -> list[list[CaseStep]]:
    """Consecutive entries grouped, so that a rewrite from one entry on is named once."""
    runs = []
    for step in steps:
        if runs and runs[-1][-1].seq + 1 == step.seq:
            runs[-1].append(step)
        else:
            runs.append([step])
    return runs


def _span(run: list[CaseStep]) -> str:
    if len(run) == 1:
        return _label(run[0])
    return f"第{run[0].seq}至{run[-1].seq}条记录（自{run[0].get_kind_display()}起）"


def _file_problems(step: CaseStep, label: str, stored: list[EvidenceFile], rehash: bool) -> list[str]:
    problems = []
    listed = step.parameters.get("files", []) if isinstance(step.parameters, dict) else []
    unmatched = list(stored)
    for entry in listed:
        match = next((e for e in unmatched if e.sha256 == entry.get("sha256") and e.size == entry.get("size")), None)
        if match is None:
            problems.append(f"{label}的文件“{entry.get('name')}”不在或已被替换")
            continue
        unmatched.remove(match)
        status = evidence_verify(evidence=match) if rehash else match.integrity
        if status == Integrity.MISMATCH:
            problems.append(f"{label}的文件“{entry.get('name')}”内容与记录的哈希不符")
        elif status == Integrity.MISSING:
            problems.append(f"{label}的文件“{entry.get('name')}”已缺失")
    for evidence in unmatched:
        problems.append(f"{label}附有未登记的文件“{evidence.original_name}”")
    return problems
