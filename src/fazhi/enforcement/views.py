"""Pages of the enforcement registers and inspections, and the area's hub."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.core.generic import year_param


@login_required
def hub(request):
    return render(request, "enforcement/hub.html", {"title": "执法监督", "year": year_param(request.GET)})
