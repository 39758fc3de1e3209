"""The report as a file: Word (.docx, GB/T 9704 layout), PDF (the .docx through LibreOffice, where
installed) and a standalone HTML page."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.template.loader import render_to_string

from . import docx
from .outline import outline, signature_date

FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf", "html": "text/html; charset=utf-8"}


class OutputUnavailable(Exception):
    """The format cannot be made on this machine (PDF without LibreOffice)."""


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def render(report, fmt: str, paragraphs=None) -> bytes:
    if fmt == "docx":
        return docx.render(report, paragraphs)
    if fmt == "html":
        return render_to_string("reports/report_file.html", {
            "report": report, "blocks": outline(report, paragraphs), "date": signature_date(report)}).encode()
    if fmt == "pdf":
        return _pdf(docx.render(report, paragraphs))
    raise ValueError(f"unknown format {fmt!r}")


def _pdf(document: bytes) -> bytes:
    program = libreoffice()
    if program is None:
        raise OutputUnavailable("本机未安装LibreOffice，不能生成PDF；请下载Word文档（.docx）")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.docx"
        source.write_bytes(document)
        # A profile of its own, so that a LibreOffice the user has open does not take the job.
        profile = Path(folder) / "profile"
        done = subprocess.run([program, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                               "--outdir", folder, str(source)], capture_output=True, timeout=180)
        target = Path(folder) / "report.pdf"
        if done.returncode != 0 or not target.exists():
            raise OutputUnavailable("LibreOffice未能生成PDF：" + done.stderr.decode(errors="replace")[-200:])
        return target.read_bytes()


def filename(report, fmt: str) -> str:
    return f"{report.title}.{fmt}"
