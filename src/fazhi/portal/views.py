"""The public portal (执法公示): pages anybody may read without signing in. Each view asks one
selector and renders; a code or id that names nothing public gets the portal's own 404 page."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from fazhi.cases import anchors

from . import selectors

PAGE_SIZE = 20


def today():
    return timezone.localdate()


def not_found(request, *args, **kwargs):
    return render(request, "portal/not_found.html", status=404)


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


@require_safe
def home(request):
    return render(request, "portal/home.html", {"commissions": selectors.commissions()})


@require_safe
def commission(request, code):
    org = selectors.commission(code)
    if org is None:
        return not_found(request)
    day = today()
    return render(request, "portal/commission.html",
                  {"commission": org, "today": day, **selectors.commission_page(org, day)})


@require_safe
def decision_list(request, code):
    org = selectors.commission(code)
    if org is None:
        return not_found(request)
    page = _page(request, selectors.published_decisions(org, today()))
    return render(request, "portal/decision_list.html",
                  {"commission": org, "page": page, "decisions": selectors.decisions(page.object_list)})


@require_safe
def decision_detail(request, code, public_id):
    org = selectors.commission(code)
    found = selectors.decision_page(org, public_id, today()) if org else None
    if found is None:
        return not_found(request)
    return render(request, "portal/decision_detail.html", {"commission": org, **found})


@require_safe
def draw_list(request, code):
    org = selectors.commission(code)
    if org is None:
        return not_found(request)
    return render(request, "portal/draw_list.html",
                  {"commission": org, "page": _page(request, selectors.public_draws(today(), org))})


@require_safe
def draw_detail(request, code, public_id):
    org = selectors.commission(code)
    found = selectors.draw_page(org, public_id, today()) if org else None
    if found is None:
        return not_found(request)
    return render(request, "portal/draw_detail.html", {"commission": org, **found})


@require_safe
def draw_record_file(request, public_id):
    """The draw record anyone can re-run with the verifier: everything the draw was made from."""
    draw = selectors.public_draw(public_id, today())
    if draw is None:
        return not_found(request)
    body = json.dumps(selectors.public_record(draw), ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
    response = HttpResponse(body.encode(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fazhi-draw-{draw.public_id}.json"'
    return response


@require_safe
def draw_verifier(request):
    """The draw algorithm's module: it runs on its own, with Python's standard library only, as the verifier."""
    from fazhi.draws import algorithm

    response = HttpResponse(Path(algorithm.__file__).read_bytes(), content_type="text/x-python; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="fazhi-draw-verify.py"'
    return response


@require_safe
def record_digests(request):
    """Each day's digest of the whole-process records, newest first: what anyone may copy and keep."""
    return render(request, "portal/record_digests.html", {"page": _page(request, anchors.published_digests())})


@require_safe
def record_digest_file(request, day):
    """One day's digest document, byte for byte what its SHA-256 (the published digest) was taken of."""
    try:
        parsed = dt.date.fromisoformat(day)
    except ValueError:
        parsed = None
    digest = anchors.published_digests().filter(day=parsed).first() if parsed and parsed.isoformat() == day else None
    if digest is None:
        return not_found(request)
    response = HttpResponse(anchors.document_of(digest), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fazhi-record-digest-{day}.json"'
    return response
