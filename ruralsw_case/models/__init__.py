# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from . import service_errors
from . import ruralsw_visibility_mixin
from . import ruralsw_area
from . import ruralsw_station
from . import res_company
from . import res_config_settings
from . import res_users
from . import res_partner
from . import ruralsw_consent
from . import ruralsw_case_stage
from . import ruralsw_case_need
from . import ruralsw_intervention
from . import ruralsw_case_plan
from . import ruralsw_assessment
from . import ruralsw_evaluation
from . import ruralsw_case
from . import ruralsw_access_log
from . import crm_team
from . import crm_lead
from . import project_task_type
from . import project_project
from . import project_task
