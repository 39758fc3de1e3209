"""Plain text out of the files plans arrive in: .docx, .pdf and .txt."""

from __future__ import annotations

import io
from pathlib import Path

import cn2an
from django.core.exceptions import ValidationError

SUFFIXES = (".docx", ".pdf", ".txt")
MAX_BYTES = 20 * 1024 * 1024


def text_from_file(name: str, data: bytes) -> str:
    """The document's text, one paragraph a line; a ValidationError in Chinese when it cannot be read."""
    suffix = Path(name or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            f"不支持的文件类型“{suffix or '无扩展名'}”，请上传 .docx、.pdf 或 .txt 文件，或直接粘贴文字")
    if not data:
        raise ValidationError("文件为空")
    if len(data) > MAX_BYTES:
        raise ValidationError("文件超过 20 MB")
    try:
        text = {".docx": _docx, ".pdf": _pdf, ".txt": _txt}[suffix](data)
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(f"无法读取该{suffix.lstrip('.')}文件，文件可能已损坏或加密")
    if not text.strip():
        raise ValidationError("没有从文件中读出文字；扫描件请先做文字识别（OCR），或直接粘贴文字")
    return text


def _txt(data: bytes) -> str:
    # Files saved on Chinese Windows are often GB18030 (GBK) rather than UTF-8.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("文本文件的编码无法识别，请另存为 UTF-8 编码")


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ValidationError("PDF 文件已加密，请先解除密码保护")
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx(data: bytes) -> str:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    numbering = _Numbering(document)
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(block, document)
            lines.append(numbering.label(block) + paragraph.text)
        elif block.tag == qn("w:tbl"):
            table = docx.table.Table(block, document)
            for row in table.rows:
                lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


class _Numbering:
    """Word's automatic numbering is not part of a paragraph's text: render it ("一、", "（一）", "1.")
    from numbering.xml so that the parser sees what the reader sees."""

    FORMATS = {
        "decimal": str,
        "chineseCounting": lambda n: cn2an.an2cn(n),
        "chineseCountingThousand": lambda n: cn2an.an2cn(n),
        "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
        "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
        "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
        "decimalFullWidth": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
    }

    def __init__(self, document):
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        # List styles ("List Number") carry their numbering in the style, not in the paragraph.
        self.style_numbering = {}
        for style in document.styles.element.findall(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                self.style_numbering[style.get(qn("w:styleId"))] = num_pr
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                levels[lvl.get(qn("w:ilvl"))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                for ilvl, spec in abstract.get(ref.get(qn("w:val")), {}).items():
                    self.levels[(num.get(qn("w:numId")), ilvl)] = spec

    def label(self, paragraph) -> str:
        qn = self.qn
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None:
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            num_pr = self.style_numbering.get(style.get(qn("w:val")) if style is not None else None)
        if num_pr is None:
            return ""
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        num_id = num_id.get(qn("w:val")) if num_id is not None else None
        level = ilvl.get(qn("w:val")) if ilvl is not None else "0"
        spec = self.levels.get((num_id, level))
        if spec is None or spec[0] not in self.FORMATS:  # bullets and unknown formats carry no number
            return ""
        counters = self.counters.setdefault(num_id, {})
        depth = int(level)
        counters[depth] = counters.get(depth, spec[2] - 1) + 1
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]  # a new item restarts the numbering below it
        text = spec[1]
        for d, value in counters.items():
            fmt = self.levels.get((num_id, str(d)), spec)[0]
            text = text.replace(f"%{d + 1}", self.FORMATS.get(fmt, str)(value))
        return text
