"""The whole-process record (全过程记录): every step appended with its files' hashes, chained, and any change to
an entry or a stored file found again."""

import datetime as dt
import hashlib
import json

import pytest
from django.core.exceptions import ValidationError

from fazhi.cases import services, steps
from fazhi.cases.models import Case, CaseStep
from fazhi.core.models import EvidenceFile
from fazhi.core.services import record_delete

from .factories import notified_case, office, officer, open_case, pdf

pytestmark = pytest.mark.django_db


def with_evidence():
    case = open_case(files=[pdf("立案审批表.pdf", b"approval")])
    return services.case_add_evidence(case=case, note="现场检查笔录", on=dt.date(2026, 3, 3), actor=officer(),
                                      files=[pdf("笔录.pdf", b"the record"), pdf("照片.pdf", b"photos")])


def test_each_step_names_its_files_with_their_hash_and_size_and_keeps_them_as_evidence():
    case = with_evidence()
    step = case.steps.get(seq=2)
    listed = step.parameters["files"]
    assert [f["name"] for f in listed] == ["笔录.pdf", "照片.pdf"]
    assert listed[0]["sha256"] == hashlib.sha256(b"%PDF-1.4\nthe record").hexdigest()
    assert listed[0]["size"] == len(b"%PDF-1.4\nthe record")
    stored = EvidenceFile.objects.filter(object_id=step.pk, content_type__model="casestep")
    assert sorted(stored.values_list("sha256", flat=True)) == sorted(f["sha256"] for f in listed)


def test_the_steps_are_chained_from_sixty_four_zeros_and_the_record_checks_whole():
    case = notified_case()
    chain = list(case.steps.order_by("seq"))
    assert chain[0].prev_hash == "0" * 64
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(chain, chain[1:], strict=False))
    assert Case.objects.get(pk=case.pk).log_head == chain[-1].hash
    assert services.case_log_problems(case) == []


def test_anyone_can_recompute_a_steps_hash_from_the_documented_recipe():
    case = with_evidence()
    step = case.steps.get(seq=2)
    data = {"case": str(case.public_id), "seq": step.seq, "kind": step.kind, "on": step.on.isoformat(),
            "at": step.at.astimezone(dt.UTC).isoformat(timespec="microseconds"), "actor": step.actor_id,
            "note": step.note, "parameters": step.parameters, "prev_hash": step.prev_hash}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == step.hash


def test_an_entry_changed_behind_the_systems_back_is_found():
    case = with_evidence()
    CaseStep.objects.filter(case=case, seq=2).update(note="改写过的笔录说明")
    problems = services.case_log_problems(case)
    assert problems == ["第2条记录（调查取证）的内容与其哈希不符，记录可能被改动"]


def test_a_removed_last_entry_is_found():
    case = notified_case()
    CaseStep.objects.filter(case=case, seq=2)._raw_delete(CaseStep.objects.db)
    case.refresh_from_db()
    assert any("末条哈希" in p for p in services.case_log_problems(case))


def test_a_replaced_stored_file_is_found_when_the_files_are_read_again():
    case = with_evidence()
    evidence = EvidenceFile.objects.get(original_name="笔录.pdf", object_id=case.steps.get(seq=2).pk)
    with evidence.file.storage.open(evidence.file.name, "wb") as handle:
        handle.write(b"%PDF-1.4\na different record")
    assert services.case_log_problems(case, rehash=False) == []  # the last check still stands
    assert services.case_log_problems(case) == ["第2条记录（调查取证）的文件“笔录.pdf”内容与记录的哈希不符"]


def test_a_file_swapped_with_its_hash_is_found_against_the_step():
    case = with_evidence()
    EvidenceFile.objects.filter(original_name="照片.pdf").update(sha256="f" * 64)
    assert "第2条记录（调查取证）的文件“照片.pdf”不在或已被替换" in services.case_log_problems(case)


def test_entries_are_never_changed_or_deleted_and_their_evidence_stays():
    case = with_evidence()
    step = case.steps.get(seq=2)
    step.note = "改"
    with pytest.raises(ValidationError):
        step.save()
    with pytest.raises(ValidationError):
        step.delete()
    evidence = EvidenceFile.objects.filter(object_id=step.pk, content_type__model="casestep").first()
    with pytest.raises(ValidationError):
        record_delete(record=evidence, actor=office())
    assert services.case_log_problems(case) == []


def test_outside_the_demo_an_entry_is_recorded_now():
    token = steps._clock.set(None)  # leave the tests' business clock for once
    try:
        case = open_case(on=dt.date(2026, 3, 2))
    finally:
        steps._clock.reset(token)
    step = case.steps.get()
    assert step.on == dt.date(2026, 3, 2) and step.at.date() > dt.date(2026, 3, 2)
