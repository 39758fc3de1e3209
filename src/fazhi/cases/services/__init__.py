"""Actions on penalty cases, legal review and case-file evaluation. Pages, the API and the demo all call
these; each checks the law's gate against the rules table, changes the case and appends one entry to its
whole-process record (steps.py).

Who acts: the officers (执法人员) and the legal affairs office (法治工作管理员) of the case's unit handle the
case; the office alone records collective discussion (集体讨论) and publishes decisions; reviewers (审核员)
who did not work on the case give the legal review; leaders read.

Every `on` is the business date of the step (the day the document was made or the party acted); it may not
lie in the future, and the step's record time is when it was entered.
"""

from __future__ import annotations

from .base import Penalty, _prefix, case_log_problems
from .close import case_close, case_execute, case_publish, case_serve, case_withdraw_publicity
from .decide import SERIES_OF, case_decide, earlier_violations
from .hearing import case_hold_hearing, case_notice_hearing, case_request_hearing
from .notify import case_notify, case_statement, case_waive
from .opening import case_add_evidence, case_mark, case_on_the_spot, case_open
from .review import can_review, case_discuss, case_extend, case_submit_review, major_reasons, review_decide

__all__ = ["Penalty", "SERIES_OF", "_prefix", "can_review", "case_add_evidence", "case_close", "case_decide",
           "case_discuss", "case_execute", "case_extend", "case_hold_hearing", "case_log_problems", "case_mark",
           "case_notice_hearing", "case_notify", "case_on_the_spot", "case_open", "case_publish",
           "case_request_hearing", "case_serve", "case_statement", "case_submit_review", "case_waive",
           "case_withdraw_publicity", "earlier_violations", "major_reasons", "review_decide"]
