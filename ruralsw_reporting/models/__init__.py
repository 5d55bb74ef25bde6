# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import ruralsw_report_mixin
from . import ruralsw_report_response
from . import ruralsw_report_case_flow
from . import ruralsw_report_satisfaction
from . import ruralsw_report_coverage
from . import ruralsw_report_aid
from . import ruralsw_report_stock
from . import ruralsw_report_volunteer
from . import ruralsw_report_fund
from . import ruralsw_certification
from . import ruralsw_pto_assessment
