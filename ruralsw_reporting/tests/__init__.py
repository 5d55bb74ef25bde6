# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_figures
from . import test_observer
from . import test_scorecard
from . import test_reports
from . import test_ui
