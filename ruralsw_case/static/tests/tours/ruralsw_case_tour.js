/** @odoo-module **/
// Copyright 2026 ruralsw contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

// A social worker takes a case from intake to closure. A supervisor, not the
// social worker, approves the service plan, so the story is told in two tours
// run by tests/test_ui.py with the plan approved in between:
// - ruralsw_case_tour: intake desk, open case, first contact, consent,
//   assessment, service plan submitted for approval;
// - ruralsw_case_closure_tour: intervention done, evaluation, closure.
// Steps that only check the screen run nothing: their trigger is the check.

import { registry } from "@web/core/registry";

// set up by tests/test_ui.py
const BENEFICIARY = "罗秀英";
const PROXY = "杨建国";
const VILLAGE = "松鹤村";

function openSocialWork() {
    return [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            content: "Open Social Work",
            trigger: ".o_app[data-menu-xmlid='ruralsw_case.ruralsw_menu_root']",
            run: "click",
        },
    ];
}

function backToCase() {
    return [
        {
            content: "Back to the case",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('CASE/')",
            run: "click",
        },
        {
            content: "The case form is back",
            trigger: ".o_breadcrumb .o_last_breadcrumb_item:contains('CASE/')",
            run: () => {},
        },
    ];
}

function nextPhase(phase) {
    return [
        {
            content: `Advance to the ${phase} phase`,
            trigger: ".o_form_view button[name=action_advance_phase]",
            run: "click",
        },
        {
            content: `The case is in the ${phase} phase`,
            trigger: `.o_form_view .o_statusbar_status:has(.o_arrow_button_current:contains('${phase}'))`,
            run: () => {},
        },
    ];
}

registry.category("web_tour.tours").add("ruralsw_case_tour", {
    url: "/odoo",
    steps: () => [
        ...openSocialWork(),
        // 1. The son phones the intake desk for his mother
        {
            content: "Open the intake desk",
            trigger: ".o_main_navbar [data-menu-xmlid='ruralsw_case.ruralsw_intake_menu']",
            run: "click",
        },
        {
            content: "Switch to the list of applications",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Record a new application",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Say what the application is about",
            trigger: ".o_form_view .o_field_widget[name=name] textarea",
            run: "edit 独居老人居家照护申请",
        },
        {
            content: "Open the Social Work tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name=ruralsw]",
            run: "click",
        },
        {
            content: "The son applies for his mother",
            trigger: ".o_form_view .o_field_widget[name=ruralsw_proxy_name] input",
            run: `edit ${PROXY}`,
        },
        {
            content: "The application came by phone",
            trigger: ".o_form_view .o_field_widget[name=ruralsw_channel] select",
            run: 'select "phone"',
        },
        {
            content: "The need is elderly care",
            trigger: ".o_form_view .o_field_widget[name=ruralsw_need_category] select",
            run: 'select "elderly_care"',
        },
        {
            content: "The son is a relative",
            trigger: ".o_form_view .o_field_widget[name=ruralsw_proxy_relation] select",
            run: 'select "relative"',
        },
        {
            content: "Type the village",
            trigger: ".o_form_view .o_field_widget[name=ruralsw_village_id] input",
            run: "edit 松鹤",
        },
        {
            content: "Choose the village",
            trigger: `.o_field_widget[name=ruralsw_village_id] .o-autocomplete--dropdown-item a:contains('${VILLAGE}')`,
            run: "click",
        },
        {
            content: "Open the Extra Information tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name=lead]",
            run: "click",
        },
        {
            content: "Give the name of the person to help",
            trigger: ".o_form_view .o_field_widget[name=contact_name] input",
            run: `edit ${BENEFICIARY}`,
        },
        // 2. Open the case: the person is registered as a beneficiary
        {
            content: "Open the case",
            trigger: ".o_form_view button[name=action_ruralsw_open_case]",
            run: "click",
        },
        {
            content: "The case is in the intake phase",
            trigger: ".o_form_view .o_statusbar_status:has(.o_arrow_button_current:contains('Intake'))",
            run: () => {},
        },
        {
            content: "Record the first contact",
            trigger: ".o_form_view button[name=action_record_first_contact]",
            run: "click",
        },
        {
            content: "The first contact is recorded",
            trigger: ".o_form_view:not(:has(button[name=action_record_first_contact])) button[name=action_advance_phase]",
            run: () => {},
        },
        // 3. The son consents to case management for his mother, on her record
        {
            content: "Open the beneficiary",
            trigger: ".o_form_view button[name=action_view_beneficiary]",
            run: "click",
        },
        {
            content: "The beneficiary was registered by Open Case",
            trigger: `.o_breadcrumb .o_last_breadcrumb_item:contains('${BENEFICIARY}')`,
            run: () => {},
        },
        {
            content: "Open the Consents tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name=consents]",
            run: "click",
        },
        {
            content: "Add a consent",
            trigger: ".o_form_view .o_field_widget[name=ruralsw_consent_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "For case management",
            trigger: ".modal .o_field_widget[name=purpose] select",
            run: 'select "case_management"',
        },
        {
            content: "Given by a proxy",
            trigger: ".modal .o_field_widget[name=given_by] input[data-value=proxy]",
            run: "click",
        },
        {
            content: "Type the proxy",
            trigger: ".modal .o_field_widget[name=proxy_partner_id] input",
            run: `edit ${PROXY}`,
        },
        {
            content: "Choose the son, registered in the village",
            trigger: `.modal .o_field_widget[name=proxy_partner_id] .o-autocomplete--dropdown-item a:contains('${PROXY}')`,
            run: "click",
        },
        {
            content: "He is a relative",
            trigger: ".modal .o_field_widget[name=proxy_relation] select",
            run: 'select "relative"',
        },
        {
            content: "He signed",
            trigger: ".modal .o_field_widget[name=method] select",
            run: 'select "signature"',
        },
        {
            content: "Save the consent",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The consent is listed",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=ruralsw_consent_ids] .o_data_row:contains('Case Management')",
            run: () => {},
        },
        {
            content: "Save the beneficiary",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The beneficiary is saved",
            trigger: ".o_form_view .o_form_saved",
            run: () => {},
        },
        ...backToCase(),
        ...nextPhase("Assessment"),
        // 4. Assess the needs and read the suggestion
        {
            content: "Assess the needs",
            trigger: ".o_form_view button[name=action_new_assessment]",
            run: "click",
        },
        {
            content: "Economic situation: serious",
            trigger: ".o_form_view .o_field_widget[name=economic] input[data-value='3']",
            run: "click",
        },
        {
            content: "Health: moderate",
            trigger: ".o_form_view .o_field_widget[name=health] input[data-value='2']",
            run: "click",
        },
        {
            content: "Family support: severe",
            trigger: ".o_form_view .o_field_widget[name=family_support] input[data-value='4']",
            run: "click",
        },
        {
            content: "Housing: mild",
            trigger: ".o_form_view .o_field_widget[name=housing] input[data-value='1']",
            run: "click",
        },
        {
            content: "Digital access: serious",
            trigger: ".o_form_view .o_field_widget[name=digital_access] input[data-value='3']",
            run: "click",
        },
        {
            content: "The suggested score is shown",
            trigger: ".o_form_view .o_field_widget[name=vulnerability_score]:contains('66.3')",
            run: () => {},
        },
        {
            content: "The suggested level is high, explained",
            trigger: ".o_form_view .o_field_widget[name=suggested_level]:contains('High')",
            run: () => {},
        },
        {
            content: "The explanation names the severe dimension",
            trigger: ".o_form_view .o_field_widget[name=suggestion_explanation]:contains('Family support is severe')",
            run: () => {},
        },
        {
            content: "Note the needs identified",
            trigger: ".o_form_view .o_field_widget[name=notes] textarea",
            run: "edit 独居，儿子在县城打工；需要定期探访和居家安全改造。",
        },
        {
            content: "Save the assessment",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The assessment is saved",
            trigger: ".o_form_view .o_form_saved",
            run: () => {},
        },
        ...backToCase(),
        ...nextPhase("Plan"),
        // 5. Write the service plan and submit it to the supervisor
        {
            content: "Write the service plan",
            trigger: ".o_form_view button[name=action_open_plan]",
            run: "click",
        },
        {
            content: "Add a goal",
            trigger: ".o_form_view .o_field_widget[name=goal_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name the goal",
            trigger: ".o_form_view .o_field_widget[name=goal_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit 她能安全地独自在家生活",
        },
        {
            content: "Say how it will be observed",
            trigger: ".o_form_view .o_field_widget[name=goal_ids] .o_data_row .o_field_widget[name=indicator] input",
            run: "edit 三个月内无跌倒，每周有人探访",
        },
        {
            content: "Open the Planned Interventions tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name=lines]",
            run: "click",
        },
        {
            content: "Plan an intervention",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "A home visit",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=intervention_type] select",
            run: 'select "home_visit"',
        },
        {
            content: "Describe it",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=description] input",
            run: "edit 上门探访并检查居家安全",
        },
        {
            content: "How often",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=frequency] input",
            run: "edit 每周一次，共三个月",
        },
        {
            content: "Submit the plan for approval",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "The plan waits for the supervisor",
            trigger: ".o_form_view .o_statusbar_status:has(.o_arrow_button_current[data-value=submitted])",
            run: () => {},
        },
    ],
});

registry.category("web_tour.tours").add("ruralsw_case_closure_tour", {
    url: "/odoo",
    steps: () => [
        ...openSocialWork(),
        {
            content: "Open the Cases menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='ruralsw_case.ruralsw_case_menu']",
            run: "click",
        },
        {
            content: "Open My Cases",
            trigger: ".dropdown-item[data-menu-xmlid='ruralsw_case.ruralsw_case_menu_my']",
            run: "click",
        },
        {
            content: "Open the case",
            trigger: `.o_kanban_view .o_kanban_record:contains('${BENEFICIARY}')`,
            run: "click",
        },
        {
            content: "The plan is approved",
            trigger: ".o_form_view .o_field_widget[name=approved_plan_id]:contains('plan v1')",
            run: () => {},
        },
        ...nextPhase("Intervention"),
        // 6. Record the home visit, done
        {
            content: "Open the interventions of the case",
            trigger: ".o_form_view button[name=action_view_interventions]",
            run: "click",
        },
        {
            content: "Switch to the list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Record an intervention",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Summarise it",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit 上门探访，安装扶手和夜灯",
        },
        {
            content: "A home visit",
            trigger: ".o_form_view .o_field_widget[name=intervention_type] select",
            run: 'select "home_visit"',
        },
        {
            content: "Say what was done",
            trigger: ".o_form_view .o_field_widget[name=notes] textarea",
            run: "edit 在卫生间和卧室安装了扶手，走廊装了夜灯。",
        },
        {
            content: "Say what changed",
            trigger: ".o_form_view .o_field_widget[name=outcome] textarea",
            run: "edit 老人夜里起身更安全，愿意继续独居。",
        },
        {
            content: "Mark the visit as done",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        {
            content: "The visit is done",
            trigger: ".o_form_view .o_statusbar_status:has(.o_arrow_button_current[data-value=done])",
            run: () => {},
        },
        ...backToCase(),
        ...nextPhase("Evaluation"),
        // 7. Evaluate the outcome with the person
        {
            content: "Evaluate the outcome",
            trigger: ".o_form_view button[name=action_new_evaluation]",
            run: "click",
        },
        {
            content: "She is satisfied",
            trigger: ".o_form_view .o_field_widget[name=satisfaction] input[data-value='4']",
            run: "click",
        },
        {
            content: "Monthly household income before",
            trigger: ".o_form_view .o_field_widget[name=income_before] input",
            run: "edit 600",
        },
        {
            content: "Monthly household income after",
            trigger: ".o_form_view .o_field_widget[name=income_after] input",
            run: "edit 900",
        },
        {
            content: "In her own words",
            trigger: ".o_form_view .o_field_widget[name=notes] textarea",
            run: "edit 她说现在晚上不怕了，还学会了用手机和儿子视频。",
        },
        {
            content: "Save the evaluation",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The evaluation is saved",
            trigger: ".o_form_view .o_form_saved",
            run: () => {},
        },
        ...backToCase(),
        // 8. Close the case with its reason
        {
            content: "Close the case",
            trigger: ".o_form_view button[name=action_close]",
            run: "click",
        },
        {
            content: "The goals were achieved",
            trigger: ".modal .o_field_widget[name=closure_reason] select",
            run: 'select "goals_achieved"',
        },
        {
            content: "Say what comes next",
            trigger: ".modal .o_field_widget[name=closure_note] textarea",
            run: "edit 目标已达成；村服务站每月电话回访。",
        },
        {
            content: "Confirm the closure",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The case is closed with its reason",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=closure_reason]:contains('Goals Achieved')",
            run: () => {},
        },
        {
            content: "The case is in the closed phase",
            trigger: ".o_form_view .o_statusbar_status:has(.o_arrow_button_current:contains('Closed'))",
            run: () => {},
        },
    ],
});
