# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from . import product_template
from . import stock_warehouse
from . import stock_move
from . import stock_lot
from . import stock_picking
from . import res_company
from . import res_config_settings
from . import ruralsw_road_distance
from . import ruralsw_incident
from . import ruralsw_aid_request
from . import ruralsw_volunteer_skill
from . import res_partner
from . import ruralsw_volunteer_assignment
from . import project_task
from . import calendar_event
from . import account_analytic_account
from . import account_analytic_line
from . import account_move_line
from . import ruralsw_fund_pool
from . import ruralsw_donation
