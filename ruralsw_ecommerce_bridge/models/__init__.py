# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from . import ir_attachment
from . import ruralsw_platform
from . import ruralsw_platform_buyer
from . import ruralsw_api_request
from . import ruralsw_idempotency_key
from . import ruralsw_application_item
from . import crm_lead
from . import project_task
from . import ruralsw_consent
from . import ruralsw_case
from . import ruralsw_order
from . import ruralsw_signal_rule
from . import ruralsw_signal
