"""The scoping walk's view of cases: every URL of the area that names a record, filled in with 示例区's
records, and the tables a forbidden request must leave as they were."""

from fazhi.cases.models import Case, CaseEvaluation, CaseStep, EvaluationRound, LegalReview
from fazhi.cases.views import STEPS

OTHER = "990102"


def urls() -> dict[str, list[str]]:
    case = Case.objects.filter(org__code__startswith=OTHER).order_by("pk").first()
    closed = Case.objects.filter(org__code__startswith=OTHER, status="closed").order_by("pk").first()
    review = LegalReview.objects.filter(case__org__code__startswith=OTHER).order_by("pk").first()
    other_round = EvaluationRound.objects.filter(org__code__startswith=OTHER).order_by("pk").first()
    own_round = EvaluationRound.objects.filter(org__code__startswith="990121").order_by("pk").first()
    assert case and closed and review and other_round and own_round, "the demo lacks 示例区 cases, reviews or rounds"
    return {
        "case_detail": [f"/enforcement/cases/{case.pk}/", f"/enforcement/cases/{closed.pk}/"],
        "case_step": [f"/enforcement/cases/{case.pk}/steps/{slug}/" for slug in STEPS]
        + [f"/enforcement/cases/{closed.pk}/steps/{slug}/" for slug in ("publish", "withdraw")],
        "case_verify": [f"/enforcement/cases/{case.pk}/verify/"],
        "review_detail": [f"/enforcement/cases/reviews/{review.pk}/"],
        "evaluation_round_detail": [f"/enforcement/cases/evaluations/{other_round.pk}/"],
        # another county's round, and one's own round with another county's file
        "evaluation_score": [f"/enforcement/cases/evaluations/{other_round.pk}/cases/{closed.pk}/",
                             f"/enforcement/cases/evaluations/{own_round.pk}/cases/{closed.pk}/"],
        "case-detail": [f"/api/cases/{case.pk}/"],
        "legal-review-detail": [f"/api/legal-reviews/{review.pk}/"],
    }


def state():
    return (list(Case.all_objects.order_by("pk").values_list("pk", "status", "updated_at", "deleted_at",
                                                              "published_at", "withdrawn_at", "log_head")),
            CaseStep.objects.count(),
            list(LegalReview.objects.order_by("pk").values_list("pk", "opinion", "reviewed_at")),
            list(EvaluationRound.all_objects.order_by("pk").values_list("pk", "updated_at")),
            list(CaseEvaluation.objects.order_by("pk").values_list("pk", "total")))
