"""Upload checks for evidence files: size and type, by extension and by the file's first bytes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# extension → (MIME type, accepted leading bytes; empty means plain text)
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (b"PK\x03\x04",)),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    ".xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0",)),
    ".ofd": ("application/ofd", (b"PK\x03\x04",)),
    ".zip": ("application/zip", (b"PK\x03\x04",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".mp4": ("video/mp4", ()),
    ".mp3": ("audio/mpeg", ()),
    ".txt": ("text/plain", ()),
    ".csv": ("text/csv", ()),
}


def check_upload(uploaded) -> str:
    """Return the file's MIME type, or raise a ValidationError saying in Chinese what is wrong."""
    name = uploaded.name or ""
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext not in ALLOWED_TYPES:
        allowed = "、".join(sorted(e.lstrip(".") for e in ALLOWED_TYPES))
        raise ValidationError(f"不支持的文件类型“{ext or '无扩展名'}”，允许：{allowed}", code="file_type")
    if uploaded.size == 0:
        raise ValidationError("文件为空", code="file_empty")
    limit = settings.FAZHI_UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            f"文件大小 {filesizeformat(uploaded.size)} 超过上限 {filesizeformat(limit)}", code="file_size")
    mime_type, signatures = ALLOWED_TYPES[ext]
    if signatures:
        head = uploaded.read(16)
        uploaded.seek(0)
        if not any(head.startswith(sig) for sig in signatures):
            raise ValidationError(f"文件内容与扩展名“{ext}”不符", code="file_content")
    return mime_type
