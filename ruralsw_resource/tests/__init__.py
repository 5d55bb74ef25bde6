# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from . import test_allocation
from . import test_delivery
from . import test_volunteer
from . import test_funds
from . import test_access_rights
from . import test_ui
from . import test_allocation_concurrency
