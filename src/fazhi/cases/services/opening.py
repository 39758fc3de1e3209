"""立案, investigation and the marks of a major case; 当场处罚 (简易程序), which opens and decides at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.models import Org, User
from fazhi.core.rules import citation, rule
from fazhi.core.services import as_history_user
from fazhi.enforcement.models import Entity, Inspection, Officer
from fazhi.enforcement.services import team_check

from .. import steps
from ..choices import (
    OPEN_WORD,
    SERIES_WORDS,
    SIMPLE_PENALTIES,
    CaseSource,
    CaseStatus,
    DecisionKind,
    DocumentSeries,
    Procedure,
    ServiceMethod,
    StepKind,
)
from ..models import Case
from ..texts import yuan
from .base import (
    _check_refs,
    _day,
    _document_no,
    _handler,
    _kind_labels,
    _locked,
    _next_case_seq,
    _officer_rows,
    _party,
    _penalty,
    _save,
    _state,
)


@transaction.atomic
def case_open(*, org: Org, officers: Iterable[Officer], cause: str, actor: User, on: dt.date | None = None,
              entity: Entity | None = None, party_kind: str = "", party_name: str = "", party_id_no: str = "",
              party_address: str = "", source: str = CaseSource.INSPECTION, inspection: Inspection | None = None,
              facts: str = "", legal_basis: str = "", is_complex: bool = False, public_interest: bool = False,
              note: str = "", files: Iterable = ()) -> Case:
    """立案: at least two certified officers with no reason to stand aside, a number of the org's year."""
    _handler(actor, org, "立案")
    on = _day(on)
    officers = list(officers)
    _check_refs(actor, org, officers, entity, inspection, on)
    team_check(officers=officers, on=on, entity=entity)
    party = _party(entity, {"party_kind": party_kind, "party_name": party_name, "party_id_no": party_id_no,
                            "party_address": party_address})
    seq = _next_case_seq(org, on.year, Procedure.ORDINARY)
    case = Case(org=org, created_by=actor, year=on.year, seq=seq, number=_document_no(org, OPEN_WORD, on.year, seq),
                procedure=Procedure.ORDINARY, entity=entity, cause=cause, source=source, inspection=inspection,
                facts=facts, legal_basis=legal_basis, opened_on=on, is_complex=is_complex,
                public_interest=public_interest, **party)
    case.full_clean()
    as_history_user(case, actor)
    case.save()
    case.officers.set(officers)
    steps.append(case, StepKind.OPEN, on=on, actor=actor, note=note, files=files, parameters={
        "number": case.number, "party": case.party_name, "cause": cause, "officers": _officer_rows(officers),
        "inspection": inspection.pk if inspection else None})
    return case


@transaction.atomic
def case_add_evidence(*, case: Case, actor: User, note: str, on: dt.date | None = None, files: Iterable = ()) -> Case:
    """调查取证: what was gathered (笔录, 照片, 音视频), with the files."""
    case = _locked(case)
    _handler(actor, case.org, "调查取证")
    if not case.can_add_evidence():
        raise _state(case, "补充调查取证")
    files = list(files)
    if not note.strip() and not files:
        raise ValidationError({"note": "请说明取得的证据，或上传证据材料"})
    on = _day(on, (case.opened_on, "立案日期"))
    steps.append(case, StepKind.EVIDENCE, on=on, actor=actor, note=note, files=files)
    return case


@transaction.atomic
def case_mark(*, case: Case, actor: User, is_complex: bool, public_interest: bool, note: str = "",
              on: dt.date | None = None) -> Case:
    """Mark (or unmark) the case as complex or of major public interest: both make its decision major."""
    case = _locked(case)
    _handler(actor, case.org, "认定重大案件情形")
    if not case.can_mark():
        raise _state(case, "调整重大案件情形")
    on = _day(on, (case.opened_on, "立案日期"))
    case.is_complex, case.public_interest = bool(is_complex), bool(public_interest)
    _save(case, actor, ["is_complex", "public_interest"])
    steps.append(case, StepKind.NOTE, on=on, actor=actor, note=note, parameters={
        "is_complex": case.is_complex, "public_interest": case.public_interest})
    return case


@transaction.atomic
def case_on_the_spot(*, org: Org, officers: Iterable[Officer], cause: str, penalty_kinds: Iterable[str],
                     actor: User, fine=0, on: dt.date | None = None, entity: Entity | None = None,
                     party_kind: str = "", party_name: str = "", party_id_no: str = "", party_address: str = "",
                     source: str = CaseSource.INSPECTION, inspection: Inspection | None = None, facts: str = "",
                     legal_basis: str = "", note: str = "", files: Iterable = ()) -> Case:
    """当场处罚 (简易程序): a warning and/or a fine within the statutory ceiling for the party's kind, by two
    certified officers, decided and handed over on the spot."""
    _handler(actor, org, "当场作出处罚决定")
    on = _day(on)
    penalty = _penalty(penalty_kinds, fine, 0)
    kinds, fine = list(penalty.kinds), penalty.fine
    others = [k for k in kinds if k not in SIMPLE_PENALTIES]
    if others:
        raise ValidationError({"penalty_kinds": f"简易程序只能给予警告或者罚款，{_kind_labels(others)}应适用普通程序"})
    party = _party(entity, {"party_kind": party_kind, "party_name": party_name, "party_id_no": party_id_no,
                            "party_address": party_address})
    if party["party_kind"] not in ("individual", "organisation"):
        raise ValidationError({"party_kind": "请选择当事人类型"})
    limit = rule(f"simple-fine-{party['party_kind']}")
    if fine > limit.number:
        raise ValidationError({"fine": f"当场罚款{yuan(fine)}元超过对{limit.starts_from}当场处罚的限额"
                                       f"{yuan(limit.number)}元（{citation(limit)}），应适用普通程序"})
    officers = list(officers)
    _check_refs(actor, org, officers, entity, inspection, on)
    team_check(officers=officers, on=on, entity=entity)
    seq = _next_case_seq(org, on.year, Procedure.SIMPLE)
    number = _document_no(org, SERIES_WORDS[DocumentSeries.ON_THE_SPOT], on.year, seq)
    case = Case(org=org, created_by=actor, year=on.year, seq=seq, number=number, procedure=Procedure.SIMPLE,
                entity=entity, cause=cause, source=source, inspection=inspection, facts=facts,
                legal_basis=legal_basis, opened_on=on, status=CaseStatus.SERVED, decision_kind=DecisionKind.PENALTY,
                penalty_kinds=kinds, fine_amount=fine, decision_series=DocumentSeries.ON_THE_SPOT,
                decision_year=on.year, decision_seq=seq, decision_no=number, decided_on=on, served_on=on,
                service_method=ServiceMethod.ON_THE_SPOT, **party)
    case.full_clean()
    as_history_user(case, actor)
    case.save()
    case.officers.set(officers)
    steps.append(case, StepKind.ON_THE_SPOT, on=on, actor=actor, note=note, files=files, parameters={
        "decision_no": number, "party": case.party_name, "cause": cause, "officers": _officer_rows(officers),
        "penalty_kinds": kinds, "fine": steps.money(fine), "served": ServiceMethod.ON_THE_SPOT,
        "limit": steps.money(limit.number)})
    return case
