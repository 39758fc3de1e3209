"""佐证材料: upload with SHA-256, type checks, download, integrity check, delete, 回收站 and 变更记录."""

import hashlib
import re

import pytest
from playwright.sync_api import expect

from .helpers import column_values, make_evidence, shot, table_rows

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n% 2026 self-inspection\n%%EOF\n"


def footer_count(page) -> int:
    text = page.locator("#table .card-footer").inner_text()
    return int(re.search(r"共 (\d+) 条", text).group(1))


def test_upload_a_pdf_and_see_its_sha256_then_download_and_verify_it(login):
    page = login("xian_fazhi")
    page.goto("/evidence/")
    before = footer_count(page)
    page.locator(".page-header").get_by_role("link", name="新增").click()
    expect(page.locator(".page-title")).to_have_text("上传佐证材料")
    # The uploader's own department is preselected; the county's units are offered too.
    expect(page.locator("#id_org option:checked")).to_have_text("政策法规科")
    page.locator("#id_org").select_option(label="示例县人民医院")
    page.get_by_label("材料名称").fill("2026年度依法执业自查报告")
    page.get_by_label("说明").fill("院务会审议通过")
    page.locator("#id_file").set_input_files(
        files=[{"name": "自查报告.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="保存").click()

    expect(page).to_have_url(re.compile(r"/evidence/\d+/$"))
    expect(page.get_by_role("alert")).to_contain_text("已上传“2026年度依法执业自查报告”，SHA-256 已登记")
    expect(page.locator(".page-title")).to_have_text("2026年度依法执业自查报告")
    expect(page.locator(".page-pretitle")).to_contain_text("示例县人民医院")
    details = page.locator("dl")
    expect(details.locator("code")).to_have_text(hashlib.sha256(PDF).hexdigest())
    expect(details).to_contain_text("自查报告.pdf")
    expect(details).to_contain_text("application/pdf")
    expect(details).to_contain_text("完好")
    expect(details).to_contain_text("院务会审议通过")
    shot(page, "evidence-uploaded")

    with page.expect_download() as info:
        page.get_by_role("link", name="下载").click()
    download = info.value
    assert download.suggested_filename == "自查报告.pdf"
    assert open(download.path(), "rb").read() == PDF

    page.get_by_role("button", name="校验完整性").click()
    expect(page.get_by_role("alert")).to_contain_text("校验通过：文件内容与登记的 SHA-256 一致")

    page.goto("/evidence/")
    assert footer_count(page) == before + 1
    expect(page.get_by_role("link", name="2026年度依法执业自查报告")).to_be_visible()


def test_an_executable_or_a_fake_pdf_is_refused_beside_the_field(login):
    page = login("xian_fazhi")
    page.goto("/evidence/")
    before = footer_count(page)

    page.goto("/evidence/upload/")
    page.get_by_label("材料名称").fill("安装程序")
    page.locator("#id_file").set_input_files(
        files=[{"name": "setup.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00" * 64}])
    page.get_by_role("button", name="保存").click()

    expect(page).to_have_url(re.compile(r"/evidence/upload/$"))
    error = page.locator(".invalid-feedback")
    expect(error).to_contain_text("不支持的文件类型“.exe”")
    expect(error).to_contain_text("pdf")
    expect(page.locator("#id_file")).to_have_class(re.compile(r"is-invalid"))
    # What was typed is kept.
    expect(page.get_by_label("材料名称")).to_have_value("安装程序")
    shot(page, "evidence-exe-refused")

    # A renamed file is caught by its first bytes.
    page.locator("#id_file").set_input_files(
        files=[{"name": "通知.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 64}])
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("文件内容与扩展名“.pdf”不符")

    page.goto("/evidence/")
    assert footer_count(page) == before
    expect(page.get_by_role("link", name="安装程序")).to_have_count(0)


def test_delete_then_restore_from_the_trash_with_history(login, demo):
    evidence = make_evidence("990121.wjw.zyy", "中医医院合法性审核台账", name="审核台账.pdf")

    page = login("xian_fazhi")
    page.goto(f"/evidence/{evidence.pk}/")
    delete = page.get_by_role("button", name="删除")

    # Cancelling the confirmation keeps the file.
    page.once("dialog", lambda dialog: dialog.dismiss())
    delete.click()
    expect(page).to_have_url(re.compile(rf"/evidence/{evidence.pk}/$"))
    expect(page.locator(".page-title")).to_have_text("中医医院合法性审核台账")

    messages = []

    def accept(dialog):
        messages.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    delete.click()
    expect(page).to_have_url(re.compile(r"/evidence/$"))
    assert messages == ["确定删除该材料？删除后系统管理员可在回收站恢复。"]
    expect(page.get_by_role("alert")).to_contain_text("已删除“中医医院合法性审核台账”，系统管理员可在回收站恢复")
    expect(page.get_by_role("link", name="中医医院合法性审核台账")).to_have_count(0)
    shot(page, "evidence-deleted")
    response = page.goto(f"/evidence/{evidence.pk}/")
    assert response.status == 404

    admin = login("xian_sysadmin")
    admin.goto("/trash/")
    trash = admin.get_by_test_id("trash")
    row = trash.locator("tbody tr", has_text="中医医院合法性审核台账")
    expect(row).to_contain_text("佐证材料")
    expect(row).to_contain_text("示例县中医医院")
    expect(row).to_contain_text(evidence.created_by.full_name)
    shot(admin, "trash-with-deleted-file")
    row.get_by_role("button", name="恢复").click()

    expect(admin).to_have_url(re.compile(r"/trash/$"))
    expect(admin.get_by_role("alert")).to_contain_text("已恢复“中医医院合法性审核台账”")
    expect(trash).to_contain_text("回收站是空的")

    admin.goto("/evidence/")
    admin.get_by_role("link", name="中医医院合法性审核台账").click()
    admin.get_by_role("link", name="变更记录").click()
    history = admin.get_by_test_id("history")
    expect(history).to_be_visible()
    expect(admin.locator(".page-pretitle")).to_have_text("佐证材料 · 变更记录")
    expect(admin.locator(".page-title")).to_have_text("中医医院合法性审核台账")
    actions = [a.strip() for a in history.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert actions == ["恢复", "删除", "新建"]
    people = [p.strip() for p in history.locator("tbody tr td:nth-child(2)").all_inner_texts()]
    sysadmin_name = admin.locator(".fz-user-name").inner_text().strip()
    assert people[:2] == [sysadmin_name, evidence.created_by.full_name]
    shot(admin, "evidence-history")


def test_uploads_are_listed_newest_first_with_size_and_integrity(login, demo):
    make_evidence("990121.wjw.cdc", "疾控中心行政执法公示材料", name="公示.pdf")
    page = login("xian_fazhi")
    page.goto("/evidence/")
    first = table_rows(page).first
    expect(first).to_contain_text("疾控中心行政执法公示材料")
    expect(first).to_contain_text("示例县疾病预防控制中心")
    expect(first).to_contain_text("公示.pdf")
    expect(first.locator(".badge")).to_have_text("完好")
    assert column_values(page, "所属机构")[0] == "示例县疾病预防控制中心"
