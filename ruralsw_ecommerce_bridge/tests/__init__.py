# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from . import test_access_rights
from . import test_api
from . import test_application
from . import test_order_import
from . import test_orders
from . import test_portal
from . import test_signals
from . import test_ui
