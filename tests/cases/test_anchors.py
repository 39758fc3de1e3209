"""The whole-process record anchored outside the database: every entry and head signed with the record key,
and a daily digest of the heads published on the portal. An entry rewritten with its chain recomputed by the
published recipe is found by its signature; one re-signed with the key is found against the published digest;
digests rewritten too are found against a copy of the published hash kept outside."""

import datetime as dt
import hashlib
import hmac
import importlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from fazhi.cases import services
from fazhi.cases.models import Case, CaseStep, DigestHead, RecordDigest
from tests.conftest import NOW, TODAY, login

from .factories import decided_case, notified_case, officer, open_case, pdf

pytestmark = pytest.mark.django_db

TOMORROW = TODAY + dt.timedelta(days=1)


# ---------------------------------------------------------------- what an attacker with the database does
def recipe_hash(step: CaseStep, case: Case) -> str:
    """An entry's hash as steps.py documents it, worked out without Fazhi's code."""
    data = {"case": str(case.public_id), "seq": step.seq, "kind": step.kind, "on": step.on.isoformat(),
            "at": step.at.astimezone(dt.UTC).isoformat(timespec="microseconds"), "actor": step.actor_id,
            "note": step.note, "parameters": step.parameters, "prev_hash": step.prev_hash}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hmac_hex(key: str, *parts) -> str:
    """A signature as fazhi.core.signing documents it."""
    return hmac.new(key.encode(), "\n".join(map(str, parts)).encode(), hashlib.sha256).hexdigest()


def rewrite(case: Case, seq: int, note: str, key: str | None = None) -> None:
    """Change entry `seq`'s note in the database and recompute the chain after it and the case's head; with
    `key`, sign every changed entry and the head again with it."""
    previous = CaseStep.objects.get(case=case, seq=seq).prev_hash
    for step in CaseStep.objects.filter(case=case, seq__gte=seq).order_by("seq"):
        step.note = note if step.seq == seq else step.note
        step.prev_hash = previous
        step.hash = recipe_hash(step, case)
        seal = hmac_hex(key, "fazhi-case-step-v1", step.hash) if key else step.seal
        CaseStep.objects.filter(pk=step.pk).update(note=step.note, prev_hash=step.prev_hash, hash=step.hash, seal=seal)
        previous, last = step.hash, step.seq
    head_seal = hmac_hex(key, "fazhi-case-head-v1", case.public_id, last, previous) if key else case.log_seal
    Case.all_objects.filter(pk=case.pk).update(log_head=previous, log_seal=head_seal)
    case.refresh_from_db()


def anchor(day: dt.date = TOMORROW) -> str:
    """`fazhi anchor` run on `day`; its output."""
    out = io.StringIO()
    with time_machine.travel(NOW + (day - TODAY), tick=False):
        call_command("anchor_records", stdout=out)
    return out.getvalue()


def verify(*published: Path) -> tuple[bool, str]:
    out = io.StringIO()
    args = [arg for path in published for arg in ("--published", str(path))]
    try:
        call_command("anchor_records", "--verify", *args, stdout=out)
    except CommandError as error:
        return False, out.getvalue() + str(error)
    return True, out.getvalue()


# ---------------------------------------------------------------- signatures
def test_a_fresh_chain_is_signed_entry_by_entry_with_the_record_key_and_verifies():
    case = notified_case()
    chain = list(case.steps.order_by("seq"))
    key = settings.FAZHI_RECORD_KEY
    assert key and key != settings.SECRET_KEY
    assert [s.seal for s in chain] == [hmac_hex(key, "fazhi-case-step-v1", s.hash) for s in chain]
    assert case.log_seal == hmac_hex(key, "fazhi-case-head-v1", case.public_id, 2, chain[-1].hash)
    assert services.case_log_problems(case) == []


def test_an_entry_rewritten_and_rechained_by_the_published_recipe_fails_its_signature():
    case = decided_case()  # 立案, 告知, 决定
    rewrite(case, 2, "当事人当场表示无异议")
    assert services.case_log_problems(case) == [
        "案件登记的末条哈希的签名与记录密钥不符：末尾的记录可能被删除，或整条记录被回退",
        "第2至3条记录（自行政处罚事先告知起）的签名与记录密钥不符（HMAC校验失败），内容或哈希在签名后被改动并重算"]


def test_signing_again_with_the_secret_key_does_not_pass_for_the_record_key():
    case = decided_case()
    rewrite(case, 3, "改写的决定说明", key=settings.SECRET_KEY)
    assert services.case_log_problems(case) == [
        "案件登记的末条哈希的签名与记录密钥不符：末尾的记录可能被删除，或整条记录被回退",
        "第3条记录（作出决定）的签名与记录密钥不符（HMAC校验失败），内容或哈希在签名后被改动并重算"]


def test_a_chain_cut_short_to_an_earlier_entry_fails_the_heads_signature():
    case = decided_case()
    CaseStep.objects.filter(case=case, seq=3)._raw_delete(CaseStep.objects.db)
    Case.all_objects.filter(pk=case.pk).update(log_head=case.steps.get(seq=2).hash)
    case.refresh_from_db()
    assert services.case_log_problems(case) == [
        "案件登记的末条哈希的签名与记录密钥不符：末尾的记录可能被删除，或整条记录被回退"]


def test_an_entry_without_a_signature_is_named_as_missing_its_anchor():
    case = decided_case()
    CaseStep.objects.filter(case=case, seq=1).update(seal="")
    assert services.case_log_problems(case) == [
        "第1条记录（立案）没有签名，缺少记录密钥这一外部锚定：可能在启用签名前写入而未补签，或签名被清除"]


def test_a_replaced_record_key_shows_as_every_signature_failing(settings):
    case = decided_case()
    settings.FAZHI_RECORD_KEY = "另一把密钥"
    assert services.case_log_problems(case) == [
        "案件登记的末条哈希的签名与记录密钥不符：末尾的记录可能被删除，或整条记录被回退",
        "全部3条记录的签名均与记录密钥不符：记录密钥可能已更换，或整条记录被改写后重算了哈希"]


def test_records_written_before_signatures_are_signed_by_the_migration_unless_already_broken():
    whole, broken = decided_case(), decided_case()
    for case in (whole, broken):
        CaseStep.objects.filter(case=case).update(seal="")
        Case.all_objects.filter(pk=case.pk).update(log_seal="")
    CaseStep.objects.filter(case=broken, seq=2).update(note="签名前已被改动")
    importlib.import_module("fazhi.cases.migrations.0003_record_signatures_and_digests").sign_existing(apps, None)
    whole.refresh_from_db()
    broken.refresh_from_db()
    assert services.case_log_problems(whole) == []
    assert services.case_log_problems(broken) == [
        "第2条记录（行政处罚事先告知）的内容与其哈希不符，记录可能被改动",
        "案件登记的末条哈希没有签名，缺少记录密钥这一外部锚定",
        "第1至3条记录（自立案起）没有签名，缺少记录密钥这一外部锚定：可能在启用签名前写入而未补签，或签名被清除"]


# ---------------------------------------------------------------- the key
def settings_in(env: dict) -> str:
    """FAZHI_RECORD_KEY as a fresh process reads it from this environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_RECORD_KEY", "SECRET_KEY"))} | env
    code = "import fazhi.settings as s; print(s.FAZHI_RECORD_KEY); print(s.SECRET_KEY)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    record_key, secret_key = done.stdout.split()
    assert record_key != secret_key
    return record_key


def test_a_missing_key_file_is_generated_once_into_the_data_directory_and_reused(tmp_path):
    data = tmp_path / "data"
    first = settings_in({"FAZHI_DATA_DIR": str(data)})
    key_file = data / "record_key"
    assert key_file.read_text() == first and len(first) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert settings_in({"FAZHI_DATA_DIR": str(data)}) == first
    assert settings_in({"FAZHI_DATA_DIR": str(tmp_path / "elsewhere")}) != first


def test_the_key_comes_from_its_variable_or_the_file_it_names_and_nothing_is_generated_then(tmp_path):
    kept = tmp_path / "mounted" / "fazhi-record-key"
    kept.parent.mkdir()
    kept.write_text("一把放在另一块存储上的密钥\n")
    data = tmp_path / "data"
    from_file = settings_in({"FAZHI_DATA_DIR": str(data), "FAZHI_RECORD_KEY_FILE": str(kept)})
    assert from_file == "一把放在另一块存储上的密钥"
    assert settings_in({"FAZHI_DATA_DIR": str(data), "FAZHI_RECORD_KEY": "环境变量中的密钥"}) == "环境变量中的密钥"
    assert not (data / "record_key").exists()


# ---------------------------------------------------------------- the daily digest
def test_the_demo_published_todays_digest_of_every_case_and_every_record_verifies():
    digest = RecordDigest.objects.get()
    assert digest.day == TODAY and digest.previous == "0" * 64
    listed = dict(digest.heads.values_list("case_public_id", "head"))
    assert listed == dict(Case.all_objects.values_list("public_id", "log_head"))
    ok, out = verify()
    assert ok, out
    assert "核对通过" in out


def test_the_digest_is_made_once_a_day_and_lists_only_the_records_that_moved():
    quiet, busy = decided_case(), notified_case()
    out = anchor(TOMORROW)
    assert f"已生成{TOMORROW:%Y-%m-%d}的全过程记录校验值" in out
    first = RecordDigest.objects.get(day=TOMORROW)
    assert first.previous == RecordDigest.objects.get(day=TODAY).digest
    assert set(first.heads.values_list("case_public_id", "seq")) == {(quiet.public_id, 3), (busy.public_id, 2)}
    again = anchor(TOMORROW)
    assert "不再重复生成" in again and first.digest in again
    assert RecordDigest.objects.filter(day=TOMORROW).count() == 1 and first.heads.count() == 2

    services.case_waive(case=busy, on=dt.date(2026, 3, 11), actor=officer(), files=[pdf("放弃声明.pdf", b"waiver")])
    anchor(TOMORROW + dt.timedelta(days=1))
    second = RecordDigest.objects.get(day=TOMORROW + dt.timedelta(days=1))
    assert second.previous == first.digest
    assert list(second.heads.values_list("case_public_id", "seq")) == [(busy.public_id, 3)]
    anchor(TOMORROW + dt.timedelta(days=2))  # nothing moved: an empty digest still keeps the chain
    assert RecordDigest.objects.get(day=TOMORROW + dt.timedelta(days=2)).case_count == 0


def test_a_case_whose_record_no_longer_checks_is_left_out_of_the_digest_and_named():
    case = decided_case()
    CaseStep.objects.filter(case=case, seq=2).update(note="改动")
    with pytest.raises(CommandError, match="1件案件的记录有问题"):
        anchor()
    assert not DigestHead.objects.filter(case_public_id=case.public_id).exists()
    assert RecordDigest.objects.filter(day=TOMORROW).exists()


# ---------------------------------------------------------------- with the key too
def test_a_rewrite_re_signed_with_the_key_contradicts_the_published_digest():
    case = decided_case()
    anchor()
    rewrite(case, 2, "当事人当场表示无异议", key=settings.FAZHI_RECORD_KEY)
    problems = services.case_log_problems(case)
    assert len(problems) == 1
    assert problems[0].startswith(f"第1至3条记录与{TOMORROW:%Y-%m-%d}已公布的校验值不符：该日公布的第3条记录哈希为")
    ok, out = verify()
    assert not ok
    assert f"{case.number}：{problems[0]}" in out


def test_the_digests_narrow_down_which_entries_were_rewritten():
    case = notified_case()
    anchor(TOMORROW)
    services.case_waive(case=case, on=dt.date(2026, 3, 11), actor=officer(), files=[pdf("放弃声明.pdf", b"waiver")])
    anchor(TOMORROW + dt.timedelta(days=1))
    rewrite(case, 3, "改写的放弃声明说明", key=settings.FAZHI_RECORD_KEY)
    problems = services.case_log_problems(case)
    assert len(problems) == 1
    assert problems[0].startswith(f"第3条记录与{TOMORROW + dt.timedelta(days=1):%Y-%m-%d}已公布的校验值不符：")


def test_a_cut_short_record_re_signed_with_the_key_contradicts_the_published_digest():
    case = decided_case()
    anchor()
    CaseStep.objects.filter(case=case, seq=3)._raw_delete(CaseStep.objects.db)
    rewrite(case, 2, case.steps.get(seq=2).note, key=settings.FAZHI_RECORD_KEY)
    assert services.case_log_problems(case) == [
        f"第1至3条记录与{TOMORROW:%Y-%m-%d}已公布的校验值不符：该日公布时本案有3条记录，现仅有2条，公布后记录被删除或截短"]


def test_a_case_removed_after_a_digest_listed_it_is_reported_by_its_public_id():
    case = open_case()
    anchor()
    Case.officers.through.objects.filter(case_id=case.pk).delete()
    CaseStep.objects.filter(case=case)._raw_delete(CaseStep.objects.db)
    Case.all_objects.filter(pk=case.pk)._raw_delete(Case.objects.db)
    ok, out = verify()
    assert not ok
    assert f"{case.public_id}：案件已不存在，与{TOMORROW:%Y-%m-%d}已公布的校验值不符：该日公布时其记录有1条" in out


def test_digests_rewritten_with_the_key_too_contradict_the_copy_kept_outside(tmp_path):
    case = decided_case()
    anchor()
    # What the public kept: the day's document from the portal, and the list page as text.
    document = Client().get(f"/public/record-digests/{TOMORROW:%Y-%m-%d}.json").content
    (tmp_path / "digest.json").write_bytes(document)
    published = RecordDigest.objects.get(day=TOMORROW).digest
    (tmp_path / "list.txt").write_text(f"{TOMORROW:%Y-%m-%d}  1 件  {published}\n")

    key = settings.FAZHI_RECORD_KEY
    rewrite(case, 2, "当事人当场表示无异议", key=key)
    # ... and the digest's listing of the case, its hash and signature, by the published recipe.
    DigestHead.objects.filter(digest__day=TOMORROW, case_public_id=case.public_id).update(head=case.log_head)
    body = json.loads(document)
    for row in body["cases"]:
        if row["case"] == str(case.public_id):
            row["head"] = case.log_head
    forged = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
                            .encode()).hexdigest()
    forged_seal = hmac_hex(key, "fazhi-record-digest-v1", forged)
    RecordDigest.objects.filter(day=TOMORROW).update(digest=forged, seal=forged_seal)

    ok, out = verify()
    assert ok, out  # everything in the database agrees with itself now
    assert services.case_log_problems(case) == []
    for copy in ("digest.json", "list.txt"):
        ok, out = verify(tmp_path / copy)
        assert not ok
        assert (f"{TOMORROW:%Y-%m-%d}的校验值与已公布的校验值不符：留存的为{published[:16]}…，"
                f"现有记录算得{forged[:16]}…") in out


def test_a_digest_changed_without_the_key_fails_its_signature_and_its_listing():
    case = decided_case()
    anchor()
    DigestHead.objects.filter(digest__day=TOMORROW, case_public_id=case.public_id).update(head="f" * 64)
    ok, out = verify()
    assert not ok
    assert f"{TOMORROW:%Y-%m-%d}的校验值与其所列案件和末条哈希不符" in out
    RecordDigest.objects.filter(day=TOMORROW).update(digest="e" * 64)
    ok, out = verify()
    assert f"{TOMORROW:%Y-%m-%d}的校验值的签名与记录密钥不符" in out


# ---------------------------------------------------------------- the case page
def test_the_case_page_names_the_latest_digest_and_a_contradiction_with_it():
    case = decided_case()
    client = login("xian_zhifa")
    assert "本记录尚未列入公布的" in client.get(case.get_absolute_url()).content.decode()
    anchor()
    html = client.get(case.get_absolute_url()).content.decode()
    assert "本记录已1次列入公布的" in html and f"最近一次为{TOMORROW:%Y-%m-%d}，列至第3条记录" in html
    assert "全过程记录完整" in html
    rewrite(case, 2, "当事人当场表示无异议", key=settings.FAZHI_RECORD_KEY)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "全过程记录完整" not in html
    assert f"第1至3条记录与{TOMORROW:%Y-%m-%d}已公布的校验值不符" in html
    response = client.post(f"/enforcement/cases/{case.pk}/verify/", follow=True)
    assert f"与{TOMORROW:%Y-%m-%d}已公布的校验值不符" in response.content.decode()
