"""Evidence files: sha256 on upload, size, type and content checks, tampering detected."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test.client import BOUNDARY, encode_multipart

from fazhi.core import services
from fazhi.core.files import ALLOWED_TYPES
from fazhi.core.models import EvidenceFile

from ..conftest import login
from ..sample_files import EXE, GENUINE, CountingPayload, excel, mpeg_frame, powerpoint, word, zipped

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


# ---------------------------------------------------------------- content matches the extension
def refusal(name: str, body: bytes, actor, org) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        services.evidence_upload(org=org, uploaded=SimpleUploadedFile(name, body), actor=actor)
    return error.value


def test_every_allowed_type_has_a_genuine_sample():
    assert set(GENUINE) == set(ALLOWED_TYPES)


@pytest.mark.parametrize("ext", sorted(GENUINE))
def test_a_genuine_file_of_each_allowed_type_is_accepted(county_admin, county, ext):
    body = GENUINE[ext]()
    evidence = services.evidence_upload(org=county, uploaded=SimpleUploadedFile(f"材料{ext}", body),
                                        actor=county_admin)
    assert evidence.mime_type == ALLOWED_TYPES[ext].mime_type and evidence.size == len(body)


@pytest.mark.parametrize("name, body", [
    ("录音.mp3", mpeg_frame() * 3),                       # no ID3 tag: the frame sync is enough
    ("安排.txt", "元旦放假一天。".encode("gb18030")),     # saved on Chinese Windows
    ("名单.csv", "\ufeff单位,人次\n县医院,12\n".encode()),   # UTF-8 with the BOM Excel writes
])
def test_other_genuine_forms_are_accepted(county_admin, county, name, body):
    assert services.evidence_upload(org=county, uploaded=SimpleUploadedFile(name, body), actor=county_admin).pk


@pytest.mark.parametrize("ext", sorted(ALLOWED_TYPES))
def test_a_program_renamed_to_any_allowed_extension_is_refused(county_admin, county, ext):
    before = EvidenceFile.all_objects.count()
    error = refusal(f"通知{ext}", EXE, county_admin, county)
    assert error.messages == [f"文件内容与扩展名“{ext}”不符"] and error.error_list[0].code == "file_content"
    assert EvidenceFile.all_objects.count() == before


@pytest.mark.parametrize("name, body", [
    ("纪要.docx", zipped({"纪要.txt": "不是 Word 文档"})),   # any zip is not a Word document
    ("台账.xlsx", word()),                                  # a Word document is not a workbook
    ("汇报.pptx", excel()),
    ("纪要.docx", powerpoint()),
    ("公文.ofd", zipped({"Doc_0/Document.xml": "<x/>"})),   # an OFD without OFD.xml
    ("材料.zip", b"PK\x03\x04" + bytes(40)),              # a zip signature with no archive behind it
    ("签到表.pdf", b"%PD not quite"),
    ("录像.mp4", b"\x00\x00\x00\x18ftyp"),                 # a box too short to hold a brand
    ("录音.mp3", b"\xff\xff\xff\xff" * 8),                  # sync bits, but a reserved layer and rate
    ("说明.txt", "说明".encode("utf-16")),                 # UTF-16 holds NUL bytes
    ("说明.txt", b"\xff\xfe\xfd binary"),
])
def test_a_file_whose_content_is_another_type_is_refused(county_admin, county, name, body):
    assert refusal(name, body, county_admin, county).messages[0].startswith("文件内容与扩展名")


# ---------------------------------------------------------------- oversize: refused while it arrives
def post_counting(client, path: str, fields: dict) -> tuple:
    """POST multipart through the real view, counting how many bytes of the body the server read."""
    body = encode_multipart(BOUNDARY, fields)
    payload = CountingPayload(body)
    content_type = f"multipart/form-data; boundary={BOUNDARY}"  # the body is already encoded
    response = client.post(path, body, content_type=content_type, **{"wsgi.input": payload})
    return response, payload.consumed, len(body)


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_an_oversize_file_is_stopped_at_the_limit_and_the_page_says_why(county_admin, county, settings, tmp_path):
    settings.FAZHI_UPLOAD_MAX_BYTES = 256 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024  # so the part received goes to a temporary file
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "incoming")
    (tmp_path / "incoming").mkdir()
    before = EvidenceFile.all_objects.count()
    big = SimpleUploadedFile("全年录像.pdf", PDF + bytes(4 * 1024 * 1024))
    response, consumed, sent = post_counting(login(county_admin.username), "/evidence/upload/",
                                             {"org": county.pk, "title": "年度执法录像", "file": big})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<div class="invalid-feedback d-block">文件大小超过上限 256.0\xa0KB，系统已停止接收' in page
    assert 'value="年度执法录像"' in page  # what was typed before the file is kept
    # Read up to the limit and a chunk or two more (64 KB each), not the 4 MB behind it.
    assert settings.FAZHI_UPLOAD_MAX_BYTES < consumed < settings.FAZHI_UPLOAD_MAX_BYTES + 3 * 64 * 1024 < sent
    assert EvidenceFile.all_objects.count() == before
    assert stored_files(settings) == [] and list((tmp_path / "incoming").iterdir()) == []


def test_a_submission_larger_than_allowed_in_all_takes_in_none_of_its_files(county_admin, county, settings):
    settings.FAZHI_UPLOAD_MAX_REQUEST_BYTES = 1024 * 1024
    before = EvidenceFile.all_objects.count()
    response, consumed, sent = post_counting(login(county_admin.username), "/evidence/upload/", {
        "org": county.pk, "file": SimpleUploadedFile("扫描件.pdf", PDF + bytes(3 * 1024 * 1024))})
    assert "本次提交的内容共 3.0\xa0MB，超过单次提交上限 1.0\xa0MB，系统未予接收" in response.content.decode()
    assert consumed <= 64 * 1024 + 1024  # the fields before the file and its first chunk
    assert EvidenceFile.all_objects.count() == before and stored_files(settings) == []


def test_a_file_within_the_limit_in_a_large_submission_is_taken_in_whole(county_admin, county, settings):
    settings.FAZHI_UPLOAD_MAX_BYTES = 256 * 1024
    body = PDF + bytes(200 * 1024)
    response, consumed, sent = post_counting(login(county_admin.username), "/evidence/upload/", {
        "org": county.pk, "file": [SimpleUploadedFile("签到表.pdf", body)], "description": "x" * 100 * 1024})
    assert response.status_code == 302 and consumed == sent
    evidence = EvidenceFile.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert evidence.sha256 == hashlib.sha256(body).hexdigest() and evidence.description == "x" * 100 * 1024


def test_the_api_refuses_an_oversize_file_in_chinese(county_admin, county, settings):
    from rest_framework.test import APIClient

    settings.FAZHI_UPLOAD_MAX_BYTES = 128 * 1024
    client = APIClient()
    client.force_authenticate(county_admin)
    response = client.post("/api/evidence/", {"org": county.pk, "file": SimpleUploadedFile("录像.mp4", bytes(1 << 20))},
                           format="multipart")
    assert response.status_code == 400
    assert response.json()["file"][0].startswith("文件大小超过上限 128.0\xa0KB")
