"""One county never sees or changes another county's records, through any URL or API endpoint."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.core import services
from fazhi.core.choices import Action
from fazhi.core.models import EvidenceFile, Org, User
from fazhi.core.scoping import can, scope_path
from fazhi.core.selectors import history_target, tracked_models

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
    return {
        "org_detail": [f"/orgs/{other.pk}/"],
        "org_edit": [f"/orgs/{other.pk}/edit/"],
        "user_detail": [f"/users/{person.pk}/"],
        "user_edit": [f"/users/{person.pk}/edit/"],
        "evidence_detail": [f"/evidence/{evidence.pk}/"],
        "evidence_download": [f"/evidence/{evidence.pk}/download/"],
        "evidence_verify": [f"/evidence/{evidence.pk}/verify/"],
        "evidence_delete": [f"/evidence/{evidence.pk}/delete/"],
        "history": [f"/history/{ct}/{pk}/" for ct, pk in tracked_records(other)],
        "trash_restore": [f"/trash/{ct}/{pk}/restore/" for ct, pk in tracked_records(other)],
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


def tracked_records(other) -> list[tuple[int, int]]:
    """(content type, pk) of one record of `other`'s subtree for every model whose history is kept,
    found by the path each model names for its owner; reference data is the same for everybody."""
    rows = []
    for model in tracked_models():
        if model.scope_path_field is None:
            continue
        record = (model._base_manager.filter(**{f"{model.scope_path_field}__startswith": other.path})
                  .order_by("pk").first())
        assert record is not None, f"the demo has no {model._meta.verbose_name} in {other}"
        rows.append((ContentType.objects.get_for_model(model).pk, record.pk))
    return rows


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


def sibling_unit_users() -> list[str]:
    """A reporter and an officer of a new unit of 示例区, beside the units that hold its records."""
    from fazhi.core.choices import OrgKind, RoleCode

    commission = Org.objects.get(code="990102.wjw")
    unit = Org.objects.create(kind=OrgKind.UNIT, name="示例区新设单位", code="990102.wjw.xsdw", parent=commission)
    names = []
    for role in (RoleCode.REPORTER, RoleCode.OFFICER):
        person = services.user_create(username=f"qu_xsdw_{role}", password="Sibling-unit-2026", org=unit,
                                      roles=[role], actor=None)
        names.append(person.username)
    return names


COUNTY_ROLES = ["xian_sysadmin", "xian_fazhi", "xian_tianbao", "xian_zhifa", "xian_shenhe", "xian_lingdao"]
CITY_UNITS = ["shi_tianbao", "shi_zhifa"]  # the city hospital's reporter, the city's enforcement officer
SIBLING_UNIT = "sibling unit"


@pytest.mark.parametrize("username", [*COUNTY_ROLES, *CITY_UNITS, SIBLING_UNIT])
def test_a_user_gets_403_or_404_on_every_record_outside_their_scope(username):
    """Every role of 示例县, a unit of the city, and a sibling unit inside 示例区 itself: each is refused
    every 示例区 record by every URL that names one, and nothing changes."""
    usernames = sibling_unit_users() if username == SIBLING_UNIT else [username]
    urls = object_urls()
    before = EvidenceFile.all_objects.filter(deleted_at__isnull=False).count()
    plans_before, activities_before, areas_before = plans_state(), activities_state(), area_walks("state")
    for name in usernames:
        client = login(name)
        for url_name, named_urls in urls.items():
            for url in named_urls:
                for method in ("get", "post", "delete"):
                    response = getattr(client, method)(url)
                    if response.status_code == 405:
                        continue
                    status = response.status_code
                    assert status in (403, 404), f"{name}: {method.upper()} {url} ({url_name}) gave {status}"
    # nothing was deleted, restored, verified, issued, copied, reviewed or read along the way
    assert EvidenceFile.all_objects.filter(deleted_at__isnull=False).count() == before
    assert plans_state() == plans_before
    assert activities_state() == activities_before
    assert area_walks("state") == areas_before


def test_every_tracked_model_names_the_org_that_owns_it():
    """The history page finds a record through the scoping function by the path its model names; a
    tracked model that names none would be refused to everybody, so each must name one."""
    undeclared = [m._meta.label for m in tracked_models() if not hasattr(m, "scope_path_field")]
    assert not undeclared, f"give these models a scope_path_field: {undeclared}"
    for model in tracked_models():
        if model.scope_path_field is not None:
            assert model._base_manager.filter(**{f"{model.scope_path_field}__startswith": "/"}).exists(), model


def test_the_history_of_a_record_is_shown_in_scope_and_refused_outside(county_admin, city_leader):
    """示例区's annual-report paragraphs, reviews and picks: their commission and the city read the history,
    示例县 gets a 404 — and a model nobody said how to scope is refused to everybody."""
    from django.http import Http404

    from fazhi.reports.models import Paragraph

    other = Org.objects.get(code="990102.wjw")
    paragraph = Paragraph.objects.filter(report__org=other).first()
    ct = ContentType.objects.get_for_model(Paragraph).pk
    qu_admin = User.objects.get(username="qu_fazhi")
    assert history_target(qu_admin, ct, paragraph.pk) == paragraph
    assert history_target(city_leader, ct, paragraph.pk) == paragraph
    with pytest.raises(Http404):
        history_target(county_admin, ct, paragraph.pk)
    page = login("qu_fazhi").get(f"/history/{ct}/{paragraph.pk}/")
    assert page.status_code == 200 and "变更记录" in page.content.decode()
    assert login("xian_fazhi").get(f"/history/{ct}/{paragraph.pk}/").status_code == 404


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
