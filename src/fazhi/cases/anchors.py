"""The daily digest of the whole-process records (全过程记录校验值), published on the portal.

Once a day `fazhi anchor` lists the head (number and hash of the last entry) of every case whose record
moved since the digest before — the first digest lists every case — in one document:

    {"format": "fazhi-record-digest-v1", "date": "2026-11-22", "previous": "<the digest before, or 64 zeros>",
     "cases": [{"case": "<the case's public id>", "seq": 13, "head": "<hash of entry 13>"}, …]}

written as the record's entries are (sorted keys, no spaces, UTF-8), the cases sorted by id. The day's digest
is the SHA-256 of these bytes: the portal lists it and serves the document, so `sha256sum` of the file gives
it again, and each digest names the one before, so one digest kept outside vouches for all earlier ones. The
document names no party and no case number: only the case's random public id, how many entries its record
has and a hash.

Cases whose record no longer checks are left out and reported, so that a digest never vouches for a broken
chain. Checking (`digest_problems`, `case_problems`) reads every digest again against its heads, its
signature and any copy of a published digest kept outside (`published_copies`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from fazhi.core import signing

from . import steps
from .models import Case, CaseStep, DigestHead, RecordDigest

FORMAT = SEAL = "fazhi-record-digest-v1"
CHUNK = 500


# ---------------------------------------------------------------- the document
def document(day: dt.date, previous: str, heads: Iterable[tuple]) -> bytes:
    """The day's digest document as the portal serves it; `heads` are (public id, seq, head)."""
    return steps.canonical({
        "format": FORMAT, "date": day.isoformat(), "previous": previous,
        "cases": [{"case": str(case), "seq": seq, "head": head}
                  for case, seq, head in sorted(heads, key=lambda row: str(row[0]))],
    })


def document_of(digest: RecordDigest) -> bytes:
    return document(digest.day, digest.previous, digest.heads.values_list("case_public_id", "seq", "head"))


def sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


# ---------------------------------------------------------------- publishing
def moved_cases() -> QuerySet[Case]:
    """Cases (in the recycle bin too) whose last entry is not the one the latest digest listed of them."""
    last = CaseStep.objects.filter(case=OuterRef("pk")).order_by("-seq")
    listed = DigestHead.objects.filter(case_public_id=OuterRef("public_id")).order_by("-digest__day")
    return (Case.all_objects.annotate(last_head=Subquery(last.values("hash")[:1]),
                                      listed_head=Subquery(listed.values("head")[:1]))
            .filter(Q(listed_head__isnull=True) | ~Q(listed_head=F("last_head")), last_head__isnull=False)
            .order_by("pk"))


def _with_chains(cases: QuerySet[Case], *, files: bool = False) -> Iterator[tuple[Case, list[CaseStep], list, dict]]:
    """Each case with its entries, what the digests listed of it and (with `files`) the entries' stored files,
    a chunk of cases at a time."""
    ids = list(cases.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = list(Case.all_objects.filter(pk__in=ids[start:start + CHUNK]).order_by("pk"))
        chains = {case.pk: [] for case in chunk}
        for step in CaseStep.objects.filter(case_id__in=chains).order_by("case_id", "seq"):
            chains[step.case_id].append(step)
        listed = steps.listed_heads(case.public_id for case in chunk)
        stored = steps.step_files(step for chain in chains.values() for step in chain) if files else {}
        for case in chunk:
            yield case, chains[case.pk], listed.get(case.public_id, []), stored


def digest_publish(*, day: dt.date) -> tuple[RecordDigest, bool, list[tuple[Case, list[str]]]]:
    """The digest of `day`, made once: (digest, whether it was made now, the cases left out with why)."""
    with transaction.atomic():
        made = RecordDigest.objects.filter(day=day).first()
        if made is not None:
            return made, False, []
        latest = RecordDigest.objects.order_by("-day").first()
        if latest is not None and latest.day > day:
            raise ValidationError(f"已有{latest.day:%Y-%m-%d}的校验值，不能再生成更早日期的校验值")
        previous = latest.digest if latest else steps.GENESIS
        heads, left_out = [], []
        for case, chain, listed, _ in _with_chains(moved_cases()):
            problems = steps.chain_problems(case, chain, listed)
            if problems:
                left_out.append((case, problems))
            else:
                heads.append((case.public_id, chain[-1].seq, chain[-1].hash))
        digest = sha256(document(day, previous, heads))
        made = RecordDigest.objects.create(day=day, previous=previous, digest=digest, seal=signing.sign(SEAL, digest),
                                           case_count=len(heads))
        DigestHead.objects.bulk_create([DigestHead(digest=made, case_public_id=case, seq=seq, head=head)
                                        for case, seq, head in heads], batch_size=1000)
    return made, True, left_out


# ---------------------------------------------------------------- checking
def published_copies(text: str) -> dict[dt.date, str]:
    """Digests kept outside Fazhi: a downloaded digest document (its hash is worked out again), or any text
    with a date and a 64-digit hash on each line — the portal's list copied, an archive's register."""
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("format") == FORMAT:
        return {dt.date.fromisoformat(data["date"]): sha256(steps.canonical(data))}
    found = {}
    for line in text.splitlines():
        match = re.search(r"(\d{4}-\d{2}-\d{2})\D.*?\b([0-9a-fA-F]{64})\b", line)
        if match:
            found[dt.date.fromisoformat(match[1])] = match[2].lower()
    return found


def digest_problems(published: dict[dt.date, str] | None = None) -> list[str]:
    """What is wrong with the stored digests: their chain, their heads, their signatures, and each against
    the copies of published digests given."""
    published, problems, previous = dict(published or {}), [], steps.GENESIS
    for digest in RecordDigest.objects.order_by("day"):
        label = f"{digest.day:%Y-%m-%d}的校验值"
        recomputed = sha256(document_of(digest))
        if digest.previous != previous:
            problems.append(f"{label}与上一期校验值不衔接：其间的校验值可能被删除或替换")
        if recomputed != digest.digest:
            problems.append(f"{label}与其所列案件和末条哈希不符：所列内容在公布后被改动")
        if not signing.is_signed(digest.seal, SEAL, digest.digest):
            problems.append(f"{label}的签名与记录密钥不符：校验值可能被改写")
        kept = published.pop(digest.day, None)
        if kept is not None and kept != recomputed:
            problems.append(f"{label}与已公布的校验值不符：留存的为{kept[:16]}…，现有记录算得{recomputed[:16]}…")
        previous = digest.digest
    problems += [f"{day:%Y-%m-%d}的校验值已公布，但系统中已没有该期校验值" for day in sorted(published)]
    return problems


def case_problems() -> Iterator[tuple[Case | None, str, list[str]]]:
    """Every case whose record has a problem, with its number and the problems; then every case a digest
    listed that is no longer there (by public id)."""
    for case, chain, listed, stored in _with_chains(Case.all_objects.all(), files=True):
        problems = steps.log_problems(case, steps=chain, files=stored, listed=listed)
        if problems:
            yield case, case.number, problems
    gone = (DigestHead.objects.exclude(case_public_id__in=Case.all_objects.values("public_id"))
            .order_by("case_public_id", "digest__day").values_list("case_public_id", "digest__day", "seq"))
    first = {}
    for public_id, day, seq in gone:
        first.setdefault(public_id, (day, seq))
    for public_id, (day, seq) in first.items():
        yield None, str(public_id), [f"案件已不存在，与{day:%Y-%m-%d}已公布的校验值不符：该日公布时其记录有{seq}条"]


def published_digests() -> QuerySet[RecordDigest]:
    """The digests the portal lists, newest first."""
    return RecordDigest.objects.order_by("-day")
