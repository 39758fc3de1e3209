"""The cases' part of what the enforcement area needs doing soon: legal deadlines near or past, and
reviews waiting for an opinion. Imported from the app's ready(); the hub and the home page list them."""

from django.urls import reverse

from fazhi.enforcement.summary import attention_items

from .selectors import reviews_visible, warnings


@attention_items(order=20)
def _deadlines_and_reviews(*, user, today, part, under, deadlines):
    if deadlines is None:
        deadlines = [row for row in warnings(user, today) if under is None or row[0].org.path.startswith(under.path)]
    overdue = sum(1 for _, clock in deadlines if clock.state == "overdue")
    reviews = part(reviews_visible(user), "case__org__path").filter(opinion="").count()
    return [
        ("办案期限预警", len(deadlines), reverse("case_deadlines"),
         f"即将届满或已逾期的法定期限，其中已逾期{overdue}项"),
        ("待法制审核", reviews, reverse("review_list"), "送审案件，按提交先后排列"),
    ]
