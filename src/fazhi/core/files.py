"""Upload checks: size, type by extension, and content by what the bytes are.

Every allowed type is checked twice over: its leading bytes must be identified as that type by puremagic's
signature table, where the table knows the type well enough, and the file must have the inside the type
calls for (an Office or OFD file is a zip holding its main part; a text file decodes and holds no program).
"""

import codecs
import zipfile
from collections.abc import Callable
from typing import NamedTuple

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from .uploads import RefusedUpload

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc and .xls (Office 97–2003) are OLE2 compound files
# Windows PE (MZ), Linux ELF, macOS Mach-O (both byte orders) and fat binaries.
EXECUTABLE_HEADERS = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                      b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
TEXT_ENCODINGS = ("utf-8", "gb18030")  # what text files are saved in here; GB18030 covers GBK and GB2312
HEAD_BYTES = 4096


def _starts_with(prefix: bytes) -> Callable:
    return lambda head, upload: head.startswith(prefix)


def _zip_holding(*parts: str) -> Callable:
    """A zip whose central directory opens and lists every one of `parts` (names compared ignoring case)."""
    wanted = {part.lower() for part in parts}

    def holds(head, upload) -> bool:
        try:
            with zipfile.ZipFile(upload) as archive:
                return wanted <= {name.lower() for name in archive.namelist()}
        except (zipfile.BadZipFile, OSError, EOFError):
            return False
    return holds


def _ftyp_box(head: bytes, upload) -> bool:
    """An ISO base media file (MP4) opens with its 'ftyp' box: size, 'ftyp', major brand, version, brands."""
    size = int.from_bytes(head[:4], "big")
    brand = head[8:12]
    return (head[4:8] == b"ftyp" and size >= 16 and size % 4 == 0
            and len(brand) == 4 and all(0x20 <= b < 0x7F for b in brand))


def _mpeg_audio(head: bytes, upload) -> bool:
    """An ID3 tag, or an MPEG audio frame header: 11 sync bits, then no reserved version, layer or rate."""
    if head.startswith(b"ID3"):
        return True
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 0b11, (head[1] >> 1) & 0b11
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 0b11
    return version != 0b01 and layer != 0b00 and bitrate != 0b1111 and rate != 0b11


def _text(head: bytes, upload) -> bool:
    """Decodes as UTF-8 or GB18030 from end to end, with no NUL byte and no program header at the start."""
    if head.startswith(EXECUTABLE_HEADERS):
        return False
    decoders = [codecs.getincrementaldecoder(encoding)() for encoding in TEXT_ENCODINGS]
    for chunk in upload.chunks():  # chunk by chunk, so a large file is never held whole
        if b"\x00" in chunk:
            return False
        decoders = [d for d in decoders if _decodes(d, chunk)]
        if not decoders:
            return False
    return any(_decodes(d, b"", final=True) for d in decoders)


def _decodes(decoder, data: bytes, final: bool = False) -> bool:
    try:
        decoder.decode(data, final)
    except UnicodeDecodeError:
        return False
    return True


class FileType(NamedTuple):
    mime_type: str
    signature: frozenset  # extensions puremagic must find among its matches; empty where its table is too narrow
    inside: Callable | None  # (first bytes, upload) → does the content have what the type calls for


def _type(mime_type, signature=(), inside=None) -> FileType:
    return FileType(mime_type, frozenset(signature), inside)


OOXML = "application/vnd.openxmlformats-officedocument."
# The one table of what may be uploaded. MP4 brands and MPEG frame syncs are many more than puremagic lists,
# and text has no signature, so those are judged by their structure alone.
ALLOWED_TYPES = {
    ".pdf": _type("application/pdf", {".pdf"}, _starts_with(b"%PDF-")),
    ".docx": _type(OOXML + "wordprocessingml.document", {".zip"},
                   _zip_holding("[Content_Types].xml", "word/document.xml")),
    ".xlsx": _type(OOXML + "spreadsheetml.sheet", {".zip"}, _zip_holding("[Content_Types].xml", "xl/workbook.xml")),
    ".pptx": _type(OOXML + "presentationml.presentation", {".zip"},
                   _zip_holding("[Content_Types].xml", "ppt/presentation.xml")),
    ".doc": _type("application/msword", {".doc"}, _starts_with(OLE2)),
    ".xls": _type("application/vnd.ms-excel", {".xls"}, _starts_with(OLE2)),
    ".ofd": _type("application/ofd", {".zip"}, _zip_holding("OFD.xml")),  # GB/T 33190: OFD.xml at the root
    ".zip": _type("application/zip", {".zip"}, _zip_holding()),
    ".jpg": _type("image/jpeg", {".jpg"}),
    ".jpeg": _type("image/jpeg", {".jpg"}),
    ".png": _type("image/png", {".png"}),
    ".mp4": _type("video/mp4", inside=_ftyp_box),
    ".mp3": _type("audio/mpeg", inside=_mpeg_audio),
    ".txt": _type("text/plain", inside=_text),
    ".csv": _type("text/csv", inside=_text),
}


def _identified_as(head: bytes) -> set[str]:
    try:
        return {match.extension for match in puremagic.magic_string(head)}
    except (puremagic.PureError, ValueError):  # nothing in the table matches
        return set()


def check_upload(uploaded, allowed=None) -> str:
    """Return the file's MIME type, or raise a ValidationError saying in Chinese what is wrong.
    `allowed` narrows ALLOWED_TYPES to the extensions a page takes (an import takes only .xlsx)."""
    allowed = sorted(allowed or ALLOWED_TYPES)
    name = uploaded.name or ""
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext not in allowed or ext not in ALLOWED_TYPES:
        names = "、".join(e.lstrip(".") for e in allowed)
        raise ValidationError(f"不支持的文件类型“{ext or '无扩展名'}”，允许：{names}", code="file_type")
    if isinstance(uploaded, RefusedUpload):  # stopped while it was arriving
        raise ValidationError(uploaded.reason, code="file_size")
    if uploaded.size == 0:
        raise ValidationError("文件为空", code="file_empty")
    limit = settings.FAZHI_UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            f"文件大小 {filesizeformat(uploaded.size)} 超过上限 {filesizeformat(limit)}", code="file_size")
    kind = ALLOWED_TYPES[ext]
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    try:
        matches = ((not kind.signature or kind.signature & _identified_as(head))
                   and (kind.inside is None or kind.inside(head, uploaded)))
    finally:
        uploaded.seek(0)
    if not matches:
        raise ValidationError(f"文件内容与扩展名“{ext}”不符", code="file_content")
    return kind.mime_type
