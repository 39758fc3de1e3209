"""The report as a Word document in the layout of GB/T 9704-2012 (党政机关公文格式): A4; 天头 37 mm,
订口 28 mm, a 156 × 225 mm 版心; title in 方正小标宋简体 二号; body in 仿宋_GB2312 三号 with lines at a fixed
28.95 pt, which gives the standard 22 lines of 28 characters; first-level headings in 黑体, second-level in
楷体_GB2312; page numbers "— 1 —" in 宋体 四号, odd pages on the right and even pages on the left, one character in.
Machines without these fonts show substitutes; the document names the standard ones."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .outline import cell_text, cell_unit, outline, signature_date

TITLE_FONT, BODY_FONT, HEADING_FONT, SUBHEADING_FONT, PAGE_FONT = (
    "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体")
TITLE_SIZE, BODY_SIZE, PAGE_SIZE, TABLE_SIZE = Pt(22), Pt(16), Pt(14), Pt(12)  # 二号, 三号, 四号, 小四
LINE_PITCH = Pt(28.95)  # 225 mm of 版心 / 22 lines
CHARS_PER_LINE = 28
CONDENSE = Pt(BODY_SIZE.pt - Mm(156).pt / CHARS_PER_LINE + 0.05)  # 0.25 pt: 28 × 15.75 pt fits in 156 mm


# The run properties that follow w:spacing in the schema's order (ECMA-376 CT_RPr).
AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                 "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish")


# The paragraph properties that follow w:snapToGrid in the schema's order (ECMA-376 CT_PPr).
AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
              "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
              "w:rPr", "w:sectPr", "w:pPrChange")


def _font(run, name: str, size, bold: bool = False) -> None:
    run.font.name, run.font.size, run.font.bold = name, size, bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)
    if size == BODY_SIZE:
        # 28 characters of 三号 in the 156 mm line: each character 0.25 pt narrower than its size.
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(round(-CONDENSE.pt * 20)))
        run._element.get_or_add_rPr().insert_element_before(spacing, *AFTER_SPACING)


def _paragraph(document, text: str, font: str, size, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True,
               bold: bool = False, pitch=LINE_PITCH):
    paragraph = document.add_paragraph()
    layout = paragraph.paragraph_format
    layout.alignment = align
    layout.line_spacing_rule, layout.line_spacing = WD_LINE_SPACING.EXACTLY, pitch
    layout.space_before = layout.space_after = Pt(0)
    if indent:
        layout.first_line_indent = size * 2
    _font(paragraph.add_run(text), font, size, bold)
    return paragraph


def _page_setup(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7)  # 页码 7 mm below the 版心
    # A line grid of 22 lines; the 28 characters a line holds come from the body's condensed spacing
    # (a character grid would make LibreOffice give each 16 pt character two cells).
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.pt * 20)))
    style = document.styles["Normal"]
    _font_style(style, BODY_FONT, BODY_SIZE)


def _font_style(style, name: str, size) -> None:
    style.font.name, style.font.size = name, size
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _page_numbers(document) -> None:
    """"— n —" at the foot: odd pages right, even pages left, each one character in from the edge."""
    settings = document.settings.element
    if settings.find(qn("w:evenAndOddHeaders")) is None:
        settings.append(OxmlElement("w:evenAndOddHeaders"))
    section = document.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer,
                                                                          WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        layout = paragraph.paragraph_format
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            layout.right_indent = PAGE_SIZE
        else:
            layout.left_indent = PAGE_SIZE
        _font(paragraph.add_run("— "), PAGE_FONT, PAGE_SIZE)
        _field(paragraph, "PAGE")
        _font(paragraph.add_run(" —"), PAGE_FONT, PAGE_SIZE)


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    _font(run, PAGE_FONT, PAGE_SIZE)
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == code:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._element.append(element)


def _table(document, table: dict) -> None:
    """A city's counties side by side, in 仿宋 小四 under a centred caption."""
    _paragraph(document, table["caption"], HEADING_FONT, TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    columns = table["columns"]
    grid = document.add_table(rows=1, cols=len(columns) + 1)
    grid.style = "Table Grid"
    header = ["单位", *(f"{c.name}（{cell_unit(c)}）" for c in columns)]
    rows = [header, *([name, *(cell_text(c, v) for c, v in zip(columns, values, strict=True))]
                      for name, values in [*table["rows"], table["total"]])]
    for index, row in enumerate(rows):
        cells = grid.rows[0].cells if index == 0 else grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if index == 0 or cell is not cells[0] else None
            layout = paragraph.paragraph_format
            layout.line_spacing_rule, layout.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(18)
            off = OxmlElement("w:snapToGrid")  # table lines keep their own height, not the body's grid
            off.set(qn("w:val"), "0")
            paragraph._p.get_or_add_pPr().insert_element_before(off, *AFTER_SNAP)
            _font(paragraph.add_run(text), BODY_FONT, TABLE_SIZE, bold=index == 0)


def render(report, paragraphs=None) -> bytes:
    """The .docx of `report` (its paragraphs as they read now, or `paragraphs` if given)."""
    document = Document()
    _page_setup(document)
    _page_numbers(document)
    core = document.core_properties
    core.title, core.author, core.language = report.title, report.org.name, "zh-CN"
    body = document.paragraphs[0] if document.paragraphs else None
    if body is not None and not body.text:
        body._element.getparent().remove(body._element)
    # The title may run to two lines; an empty line of body text separates it from what follows.
    _paragraph(document, report.title, TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
               pitch=Pt(35))
    _paragraph(document, "", BODY_FONT, BODY_SIZE, indent=False)
    for block in outline(report, paragraphs):
        if block.kind == "part":
            _paragraph(document, block.text, HEADING_FONT, BODY_SIZE)
        elif block.kind == "heading":
            _paragraph(document, block.text, SUBHEADING_FONT, BODY_SIZE)
        elif block.kind == "table":
            _table(document, block.table)
        else:
            for line in block.text.splitlines() or [""]:
                if line.strip():
                    _paragraph(document, line.strip(), BODY_FONT, BODY_SIZE)
    _paragraph(document, "", BODY_FONT, BODY_SIZE, indent=False)
    for line in (report.org.name, signature_date(report)):
        if line:
            signature = _paragraph(document, line, BODY_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT,
                                   indent=False)
            signature.paragraph_format.right_indent = BODY_SIZE * 4
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
