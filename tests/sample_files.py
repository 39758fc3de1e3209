"""Small genuine files of every type that may be uploaded, built here, and a program to rename."""

import io
import struct
import zipfile
import zlib

import docx
import openpyxl
from django.test.client import FakePayload

# A Windows program: DOS header ("MZ", e_lfanew at 0x3C pointing to the PE header), PE signature, COFF header.
EXE = (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(44) + struct.pack("<I", 0x80)
       + bytes(0x80 - 0x40) + b"PE\x00\x00" + struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 0xF0, 0x22) + bytes(256))


def zipped(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def word() -> bytes:
    document = docx.Document()
    document.add_paragraph("会议纪要")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def excel() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["单位", "人次"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def powerpoint() -> bytes:
    """The parts PowerPoint needs to know the package: content types, the relationship, the presentation."""
    ns = "http://schemas.openxmlformats.org"
    return zipped({
        "[Content_Types].xml": f'<?xml version="1.0"?><Types xmlns="{ns}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'presentationml.presentation.main+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
        'Target="ppt/presentation.xml"/></Relationships>',
        "ppt/presentation.xml": f'<?xml version="1.0"?><p:presentation xmlns:p="{ns}/presentationml/2006/main"/>',
    })


def ofd() -> bytes:
    """GB/T 33190: OFD.xml at the root names the document's root file."""
    return zipped({
        "OFD.xml": '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" '
        'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID></ofd:DocInfo>'
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": '<?xml version="1.0" encoding="UTF-8"?>'
        '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>',
    })


def compound_file() -> bytes:
    """An OLE2 compound file (as .doc and .xls are) holding only its root storage: header, one FAT sector,
    one directory sector (MS-CFB, version 3, 512-byte sectors)."""
    end, fat_sector, free = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<108I", *[free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)
    root = "Root Entry".encode("utf-16-le") + b"\x00\x00"
    entry = (root.ljust(64, b"\x00") + struct.pack("<HBB", len(root), 5, 1) + struct.pack("<III", free, free, free)
             + bytes(16 + 4 + 16) + struct.pack("<IQ", end, 0))  # class, state, times; no mini stream
    unused = bytes(64) + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", free, free, free) + bytes(48)
    return header + fat + entry + unused * 3


def pdf() -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return body + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def png() -> bytes:
    """One white pixel."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff")) + chunk(b"IEND", b""))


def jpeg() -> bytes:
    """One grey pixel, baseline: JFIF, a flat quantisation table, one-code Huffman tables, one block."""
    def segment(marker: int, data: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(data) + 2) + data
    return (b"\xff\xd8" + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + segment(0xDB, b"\x00" + bytes([1] * 64))
            + segment(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00")
            + segment(0xC4, b"\x00" + bytes([1] + [0] * 15) + b"\x00")   # DC: category 0 is code "0"
            + segment(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\x00")   # AC: end of block is code "0"
            + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x3f" + b"\xff\xd9")


def mp4() -> bytes:
    """An 'ftyp' box (major brand isom, compatible isom/mp41) and an empty 'free' box."""
    brands = b"isom" + struct.pack(">I", 512) + b"isom" + b"mp41"
    return struct.pack(">I", 8 + len(brands)) + b"ftyp" + brands + struct.pack(">I", 8) + b"free"


def mpeg_frame() -> bytes:
    """One silent MPEG-1 Layer III frame: 128 kbit/s, 44.1 kHz, 417 bytes."""
    return b"\xff\xfb\x90\x64" + bytes(413)


def mp3() -> bytes:
    """An ID3v2.4 tag with a title, then the audio."""
    title = b"\x03" + "听证录音".encode()
    frame = b"TIT2" + struct.pack(">I", len(title)) + b"\x00\x00" + title  # small enough to be syncsafe as is
    return b"ID3\x04\x00\x00" + struct.pack(">I", len(frame)) + frame + mpeg_frame()


TEXT = "2027-01-01 放假 元旦\n2027-02-06~2027-02-12 放假 春节\n"
CSV = "单位,培训人次\n示例县卫生健康局,120\n"

# One genuine file for each allowed extension.
GENUINE = {
    ".pdf": pdf, ".docx": word, ".xlsx": excel, ".pptx": powerpoint, ".doc": compound_file, ".xls": compound_file,
    ".ofd": ofd, ".zip": lambda: zipped({"说明.txt": "佐证材料清单"}), ".jpg": jpeg, ".jpeg": jpeg, ".png": png,
    ".mp4": mp4, ".mp3": mp3, ".txt": lambda: TEXT.encode(), ".csv": lambda: CSV.encode(),
}


class CountingPayload(FakePayload):
    """A request body that counts how much of it the server has read."""

    def __init__(self, content: bytes):
        super().__init__(content)
        self.consumed = 0

    def read(self, size=-1, /):
        data = super().read(size)
        self.consumed += len(data)
        return data

    def readline(self, size=-1, /):
        data = super().readline(size)
        self.consumed += len(data)
        return data
