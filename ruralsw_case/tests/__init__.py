# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from . import test_area
from . import test_beneficiary
from . import test_consent
from . import test_case_lifecycle
from . import test_response_time
from . import test_privacy
from . import test_access_rights
from . import test_intake
from . import test_field_visit
from . import test_performance
from . import test_ui
