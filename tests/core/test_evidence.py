"""Evidence files: sha256 on upload, size and type limits, tampering detected."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import services
from fazhi.core.models import EvidenceFile

from ..conftest import login

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% training sign-in sheet\n%%EOF\n"


def test_upload_records_the_sha256_size_and_type(county_admin, county):
    evidence = services.evidence_upload(org=county, uploaded=SimpleUploadedFile("签到表.pdf", PDF),
                                        actor=county_admin)
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.size == len(PDF) and evidence.mime_type == "application/pdf"
    with evidence.file.open("rb") as handle:
        assert handle.read() == PDF


@pytest.mark.parametrize("name, body, message", [
    ("病毒.exe", b"MZ\x90\x00", "不支持的文件类型"),
    ("假的.pdf", b"not a pdf at all", "文件内容与扩展名"),
    ("空.pdf", b"", "文件为空"),
])
def test_bad_files_are_refused_with_a_chinese_reason_and_nothing_saved(county_admin, county, name, body, message):
    before = EvidenceFile.all_objects.count()
    with pytest.raises(ValidationError) as error:
        services.evidence_upload(org=county, uploaded=SimpleUploadedFile(name, body), actor=county_admin)
    assert message in error.value.messages[0]
    assert EvidenceFile.all_objects.count() == before


def test_files_over_the_size_limit_are_refused(county_admin, county, settings):
    settings.FAZHI_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        services.evidence_upload(org=county, uploaded=SimpleUploadedFile("大.pdf", PDF + b"0" * 2000),
                                 actor=county_admin)
    assert "超过上限" in error.value.messages[0]


def test_the_upload_form_shows_the_error_beside_the_field(county_admin, county):
    client = login(county_admin.username)
    response = client.post("/evidence/upload/", {"org": county.pk, "title": "x",
                                                 "file": SimpleUploadedFile("a.exe", b"MZ")})
    assert response.status_code == 200
    assert '<div class="invalid-feedback d-block">不支持的文件类型' in response.content.decode()


def test_a_changed_file_is_flagged_and_shown(county_admin, county):
    evidence = services.evidence_upload(org=county, uploaded=SimpleUploadedFile("纪要.pdf", PDF),
                                        actor=county_admin)
    assert services.evidence_verify(evidence=evidence) == "ok"
    with evidence.file.storage.open(evidence.file.name, "wb") as handle:
        handle.write(PDF.replace(b"training", b"tampered"))
    assert services.evidence_verify(evidence=evidence) == "mismatch"
    page = login(county_admin.username).get(f"/evidence/{evidence.pk}/").content.decode()
    assert "内容与哈希不符" in page


def test_a_missing_file_is_flagged_by_the_daily_check(county_admin, county, capsys):
    evidence = services.evidence_upload(org=county, uploaded=SimpleUploadedFile("纪要.pdf", PDF),
                                        actor=county_admin)
    evidence.file.storage.delete(evidence.file.name)
    with pytest.raises(CommandError, match="文件缺失"):
        call_command("verify_evidence")
    evidence.refresh_from_db()
    assert evidence.integrity == "missing"
    assert "missing" in capsys.readouterr().out


def test_download_returns_the_original_bytes_and_name(county_admin, county):
    evidence = services.evidence_upload(org=county, uploaded=SimpleUploadedFile("会议纪要.pdf", PDF),
                                        actor=county_admin)
    response = login(county_admin.username).get(f"/evidence/{evidence.pk}/download/")
    assert b"".join(response.streaming_content) == PDF
    assert "%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81.pdf" in response["Content-Disposition"]
