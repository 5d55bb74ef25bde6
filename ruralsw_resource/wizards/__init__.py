# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from . import ruralsw_aid_allocation
from . import ruralsw_aid_delivery
from . import ruralsw_volunteer_suggest
