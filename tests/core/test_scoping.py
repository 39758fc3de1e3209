"""One county never sees or changes another county's records, through any URL or API endpoint."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.core import services
from fazhi.core.choices import Action
from fazhi.core.models import EvidenceFile, Org, User
from fazhi.core.scoping import can, scope_path

from ..conftest import login

pytestmark = pytest.mark.django_db


def all_patterns(resolver=None, prefix=""):
    """(route, name, converters) for every URL the project serves."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from all_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.name, set(entry.pattern.regex.groupindex)


def other_county_records():
    other = Org.objects.get(code="990102.wjw")
    evidence = EvidenceFile.objects.filter(org__path__startswith=other.path).first()
    person = User.objects.get(username="qu_fazhi")
    return other, evidence, person


def other_county_plan():
    """示例区's demo plan, one of its tasks, a report on it and a target."""
    from fazhi.plans.models import Plan, ProgressReport, Target

    plan = Plan.objects.filter(org__code="990102.wjw", status="issued").first()
    report = ProgressReport.objects.filter(task__plan=plan).first()
    target = Target.objects.filter(task__plan=plan).first()
    return plan, report.task, report, target


def object_urls():
    """Every URL that names one record, filled in with a record of 示例区."""
    from fazhi.core.models import Notification

    other, evidence, person = other_county_records()
    plan, task, report, target = other_county_plan()
    note = Notification.objects.create(user=person, key="scoping-walk", title="提醒")
    ev_ct = ContentType.objects.get_for_model(EvidenceFile).pk
    org_ct = ContentType.objects.get_for_model(Org).pk
    user_ct = ContentType.objects.get_for_model(User).pk
    return {
        "org_detail": [f"/orgs/{other.pk}/"],
        "org_edit": [f"/orgs/{other.pk}/edit/"],
        "user_detail": [f"/users/{person.pk}/"],
        "user_edit": [f"/users/{person.pk}/edit/"],
        "evidence_detail": [f"/evidence/{evidence.pk}/"],
        "evidence_download": [f"/evidence/{evidence.pk}/download/"],
        "evidence_verify": [f"/evidence/{evidence.pk}/verify/"],
        "evidence_delete": [f"/evidence/{evidence.pk}/delete/"],
        "history": [f"/history/{ev_ct}/{evidence.pk}/", f"/history/{org_ct}/{other.pk}/",
                    f"/history/{user_ct}/{person.pk}/"],
        "trash_restore": [f"/trash/{ev_ct}/{evidence.pk}/restore/"],
        "org-detail": [f"/api/orgs/{other.pk}/"],
        "user-detail": [f"/api/users/{person.pk}/"],
        "evidence-detail": [f"/api/evidence/{evidence.pk}/"],
        "evidence-verify": [f"/api/evidence/{evidence.pk}/verify/"],
        "notification_open": [f"/notifications/{note.pk}/"],
        "plan_detail": [f"/plans/{plan.pk}/"],
        "plan_edit": [f"/plans/{plan.pk}/edit/"],
        "plan_targets": [f"/plans/{plan.pk}/targets/"],
        "plan_assign": [f"/plans/{plan.pk}/assign/"],
        "plan_issue": [f"/plans/{plan.pk}/issue/"],
        "plan_copy": [f"/plans/{plan.pk}/copy/"],
        "plan_delete": [f"/plans/{plan.pk}/delete/"],
        "plan_overview": [f"/plans/{plan.pk}/overview/"],
        "ledger_export": [f"/plans/{plan.pk}/ledger.xlsx"],
        "ledger_import": [f"/plans/{plan.pk}/ledger/import/"],
        "task_detail": [f"/tasks/{task.pk}/"],
        "task_edit": [f"/tasks/{task.pk}/edit/"],
        "task_delete": [f"/tasks/{task.pk}/delete/"],
        "report_new": [f"/tasks/{task.pk}/report/"],
        "report_review": [f"/reports/{report.pk}/review/"],
        "target_tick": [f"/targets/{target.pk}/tick/"],
        "plan-detail": [f"/api/plans/{plan.pk}/"],
        "plan-task-detail": [f"/api/tasks/{task.pk}/"],
        "plan-task-reports": [f"/api/tasks/{task.pk}/reports/"],
        "progress-report-detail": [f"/api/progress-reports/{report.pk}/"],
        "progress-report-accept": [f"/api/progress-reports/{report.pk}/accept/"],
        "progress-report-return": [f"/api/progress-reports/{report.pk}/return/"],
        **activity_urls(),
        **area_walks("urls"),
        # list endpoints that take an org as a query parameter
        "indicator_list": [f"/indicators/?org={other.pk}"],
        "indicator-list": [f"/api/indicators/?org={other.pk}"],
    }


def activity_urls():
    """Each activity ledger's detail, edit and delete pages, on a 示例区 record of that ledger."""
    from fazhi.activities.ledgers import LEDGERS

    urls = {"activity_detail": [], "activity_edit": [], "activity_delete": []}
    for ledger in LEDGERS:
        record = ledger.model.objects.filter(org__code__startswith="990102").first()
        assert record is not None, f"the demo has no {ledger.title} in 示例区"
        for name, suffix in (("activity_detail", ""), ("activity_edit", "edit/"), ("activity_delete", "delete/")):
            urls[name].append(f"/activities/{ledger.slug}/{record.pk}/{suffix}")
    return urls


AREA_WALKS = ["tests.enforcement.walk", "tests.draws.walk", "tests.cases.walk", "tests.reports.walk"]


def area_walks(what: str) -> dict:
    """What each area's `tests/<app>/walk.py` adds: `urls()` naming 示例区 records by URL name, and
    `state()` — what a forbidden request must leave unchanged."""
    import importlib

    merged = {}
    for name in AREA_WALKS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if not name.startswith(error.name or "?"):  # an area without its walk yet, not a broken import
                raise
            continue
        merged.update({f"{name}.{what}": getattr(module, what)()} if what == "state" else getattr(module, what)())
    return merged


def activities_state():
    from fazhi.activities.ledgers import LEDGERS

    return [list(ledger.model.all_objects.order_by("pk").values_list("pk", "updated_at", "deleted_at"))
            for ledger in LEDGERS]


# Reference data shared by the whole deployment: the same law and calendar for every county.
SHARED_REFERENCE = {"time_limit_detail", "time_limit_edit", "time-limit-detail", "time-limit-due",
                    "calendar_from_package"}
# Pages whose parameter names a kind of ledger, not a record: every user may open each kind.
LEDGER_PAGES = {"activity_list", "activity_add", "activity_import", "activity_template"}


def test_every_url_naming_a_record_is_walked():
    # The public portal shows every visitor the same pages: tests/portal checks it publishes only what the law asks.
    named = {name for route, name, params in all_patterns()
             if params - {"format"} and not route.startswith(("django-admin", "public/"))}
    unmapped = named - set(object_urls()) - SHARED_REFERENCE - LEDGER_PAGES
    assert not unmapped, f"add these URLs to the scoping walk: {sorted(unmapped)}"


def plans_state():
    """What a forbidden request must not change in the plans area."""
    from fazhi.core.models import Notification
    from fazhi.plans.models import Plan, ProgressReport, Target, Task

    return (list(Plan.all_objects.values_list("pk", "status", "deleted_at", "title")),
            list(ProgressReport.objects.order_by("pk").values_list("pk", "status")),
            list(Task.all_objects.order_by("pk").values_list("pk", "lead_id", "due_date", "deleted_at")),
            list(Target.objects.order_by("pk").values_list("pk", "manual_value", "confirmed")),
            list(Notification.objects.filter(read_at__isnull=False).values_list("pk")))


@pytest.mark.parametrize("username", ["xian_sysadmin", "xian_fazhi", "xian_lingdao", "xian_tianbao"])
def test_a_county_user_gets_403_or_404_on_every_record_of_another_county(username):
    client = login(username)
    before = EvidenceFile.all_objects.filter(deleted_at__isnull=False).count()
    urls = object_urls()
    plans_before, activities_before, areas_before = plans_state(), activities_state(), area_walks("state")
    for name, named_urls in urls.items():
        for url in named_urls:
            for method in ("get", "post", "delete"):
                response = getattr(client, method)(url)
                if response.status_code == 405:
                    continue
                status = response.status_code
                assert status in (403, 404), f"{method.upper()} {url} ({name}) gave {status}"
    # nothing was deleted, restored, verified, issued, copied, reviewed or read along the way
    assert EvidenceFile.all_objects.filter(deleted_at__isnull=False).count() == before
    assert plans_state() == plans_before
    assert activities_state() == activities_before
    assert area_walks("state") == areas_before


def test_list_pages_and_exports_never_show_another_county():
    client = login("xian_sysadmin")
    other, evidence, person = other_county_records()
    for url in ["/orgs/", "/users/", "/evidence/", "/evidence/?_export=xlsx", "/?", "/trash/", "/plans/", "/tasks/",
                "/tasks/?_export=xlsx", "/plans/?_export=xlsx", "/notifications/", "/activities/",
                "/activities/year/?view=timeline", "/activities/year/?view=units", "/activities/account-coverage/",
                *[f"/activities/{slug}/{export}" for slug in ("study", "exam", "account", "adviser", "service")
                  for export in ("", "?_export=xlsx")]]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode("utf-8", errors="ignore")
        assert "示例区" not in body, url
    for url in ["/api/orgs/", "/api/users/", "/api/evidence/", "/api/plans/", "/api/tasks/", "/api/progress-reports/"]:
        data = client.get(url).json()
        assert data["count"] > 0
        assert all("990102" not in str(row) for row in data["results"]), url


def test_the_city_sees_both_counties_but_changes_neither(city_leader, county, other_county):
    assert can(city_leader, Action.VIEW, county) and can(city_leader, Action.VIEW, other_county)
    city_admin = User.objects.get(username="shi_fazhi")
    assert not can(city_admin, Action.CHANGE, county)
    assert can(city_admin, Action.CHANGE, Org.objects.get(code="990100.wjw.rmyy"))


def test_a_reporter_sees_only_its_own_unit(county_reporter, county):
    assert scope_path(county_reporter, Action.VIEW) == county_reporter.org.path
    assert not can(county_reporter, Action.VIEW, county)
    client = login(county_reporter.username)
    upload = SimpleUploadedFile("签到表.pdf", b"%PDF-1.4 sign-in sheet", "application/pdf")
    services.evidence_upload(org=county_reporter.org, uploaded=upload, actor=county_reporter)
    rows = client.get("/api/evidence/").json()["results"]
    assert rows and {row["org"] for row in rows} == {county_reporter.org_id}


def test_a_leader_reads_everything_in_the_county_and_changes_nothing(county_leader, county):
    assert can(county_leader, Action.VIEW, county)
    assert scope_path(county_leader, Action.CHANGE) is None
    client = login(county_leader.username)
    evidence = EvidenceFile.objects.filter(org__path__startswith=county.path).first()
    assert client.get(f"/evidence/{evidence.pk}/").status_code == 200
    assert client.post(f"/evidence/{evidence.pk}/delete/").status_code == 403
    assert EvidenceFile.objects.filter(pk=evidence.pk).exists()
    assert client.get("/evidence/upload/").status_code == 403


def test_only_a_sysadmin_restores(county_admin, county_sysadmin, county):
    assert scope_path(county_admin, Action.RESTORE) is None
    assert scope_path(county_sysadmin, Action.RESTORE) == county.path


def test_an_anonymous_visitor_is_sent_to_login_and_the_api_refuses():
    from django.test import Client

    client = Client()
    for route, _name, params in all_patterns():
        # The public portal is for everybody: tests/portal checks it shows only what the law publishes.
        if params or route.startswith(("django-admin", "accounts", "public/")) or "format" in route:
            continue
        url = "/" + route.replace("^", "").replace("$", "")
        response = client.get(url)
        if url.startswith("/api/"):
            assert response.status_code in (401, 403, 405), url
        else:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_a_user_without_org_or_role_sees_nothing():
    stray = User.objects.create_user("stray", password="x-very-long-pass")
    client = login("stray")
    assert client.get("/api/orgs/").json()["count"] == 0
    assert client.get("/api/evidence/").json()["count"] == 0
    assert "示例" not in client.get("/orgs/").content.decode()
    assert stray.pk
