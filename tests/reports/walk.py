"""The annual report's part of the scoping walk (tests/core/test_scoping.py): every URL of the area that names
a record, filled in with 示例区's demo report, and what a refused request must leave unchanged."""

from fazhi.reports.models import AnnualReport, Paragraph

OTHER = "990102"  # 示例区


def urls() -> dict:
    report = AnnualReport.objects.filter(org__code__startswith=OTHER).first()
    assert report, "the demo has no annual report in 示例区"
    paragraph = report.paragraphs.exclude(key="").exclude(is_heading=True).exclude(key="intro").first()
    base = f"/reports/{report.pk}"
    return {
        "report_detail": [f"{base}/"],
        "report_redraft": [f"{base}/redraft/"],
        "report_settings": [f"{base}/settings/"],
        "report_file": [f"{base}/file/"],
        "report_history": [f"{base}/history/"],
        "report_status": [f"{base}/sign/", f"{base}/publish/"],
        "report_download": [f"{base}/download.docx", f"{base}/download.html"],
        "paragraph_add": [f"{base}/paragraphs/new/"],
        "paragraph_edit": [f"{base}/paragraphs/{paragraph.pk}/"],
        "paragraph_remove": [f"{base}/paragraphs/{paragraph.pk}/remove/"],
        "paragraph_refresh": [f"{base}/paragraphs/{paragraph.pk}/refresh/"],
    }


def state():
    return (list(AnnualReport.all_objects.order_by("pk").values_list("pk", "status", "updated_at", "filed_on")),
            list(Paragraph.objects.order_by("pk").values_list("pk", "order", "text")))
