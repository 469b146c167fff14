"""Every vendor test of vendor_tests.txt: the exchanges that cover it, or why none does.

An exchange names the vendor test it is taken from (``Exchange.vendor_test``); those are
collected by :func:`ledger`. ``ALSO_COVERED`` adds vendor tests proven by exchanges taken
from another test (a sync-wrapper test is the sync run of the exchanges it names).
``NOT_COVERED`` gives the one-line reason for the rest.
"""

from __future__ import annotations

from collections.abc import Iterable

from exchange import Exchange

F = "test_files.py"
C = "test_convert.py"
G = "test_goals.py"
W = "test_workflows.py"
A = "test_account.py"
B = "test_account_balance.py"
U = "test_unsupported_pair_error.py"
M = "test_goals_to_markdown.py"
H = "test_http.py"
UWT = "test_user_workflows.py"
BT = "test_builder.py"

NO_REQUEST = "client-side validation, no request"
REFUSED_BEFORE_REQUEST = (
    "client-side refusal of the download target before any request (the job is given)"
)
INTERNAL = "vendor-internal transport detail (its private _http helpers), no recorded exchange"
CONFIG = "client configuration (base URL resolution), no request"
MODEL = "model immutability, no request"
R = "test_resilience.py"
PURE = "a pure decision or constant of the vendor's private helpers, no request (ours: tests/unit)"
DIFFERS = (
    "4.1's policy never retries a transport error; ours retries connection failures where "
    "re-sending is safe (README, Coming from convilyn 4.x; tests/unit/test_compat41.py)"
)
UNROUTABLE = "client-side refusal of an unroutable conversion pair, before any request"
SURFACE = "the public surface, no request: pinned by tests/unit/test_facade_surface.py"

ALSO_COVERED: dict[str, tuple[str, ...]] = {
    f"{F}::TestUploadObjectState::test_sync_wrapper_returns_same_file_type": (
        f"{F}::TestUploadLogic::test_path_upload_returns_file",
    ),
    # The storage POST is asserted length-bearing (Content-Length, no chunked encoding).
    f"{F}::TestUploadBodyRegression::test_upload_path_branch_sends_length_bearing_body": (
        f"{F}::TestUploadLogic::test_path_upload_returns_file",
        f"{F}::TestUploadLogic::test_content_upload_returns_file",
    ),
    f"{F}::TestDelete::test_sync_wrapper_present": (
        f"{F}::TestDelete::test_delete_calls_endpoint_and_returns_none",
    ),
    f"{F}::TestList::test_sync_wrapper_present": (
        f"{F}::TestList::test_list_returns_typed_files_and_usage",
    ),
    f"{C}::TestConvertObjectState::test_sync_wrapper_returns_same_convert_job_type": (
        f"{C}::TestConvertLogic::test_create_and_wait_returns_completed_job",
    ),
    f"{G}::TestGoalsObjectState::test_sync_wrapper_returns_same_goal_job_type": (
        f"{G}::TestGoalsLogic::test_run_returns_completed_job",
    ),
    f"{G}::TestExtract::test_sync_wrapper_present": (
        f"{G}::TestExtract::test_returns_parsed_json_and_targets_extract_workflow",
    ),
    f"{G}::TestUnderstand::test_sync_understand_is_wired": (
        f"{G}::TestUnderstand::test_returns_grounded_json_and_sends_output_schema",
    ),
    f"{M}::TestToMarkdown::test_sync_to_markdown_is_wired": (
        f"{M}::TestToMarkdown::test_sends_output_format_and_no_workflow_source",
    ),
    f"{G}::TestConfirmCancelRetry::test_sync_wrappers_present": (
        f"{G}::TestFillSlots::test_fill_slot_equals_single_key_fill_slots",
        f"{G}::TestFillSlots::test_fill_slots_sends_list_payload",
        f"{G}::TestConfirmCancelRetry::test_confirm_posts_and_refetches_job",
        f"{G}::TestConfirmCancelRetry::test_cancel_returns_refreshed_goal_job",
        f"{G}::TestConfirmCancelRetry::test_retry_sends_default_rerun_mode",
    ),
    f"{G}::TestArtifacts::test_sync_wrappers_present": (
        f"{G}::TestArtifacts::test_artifacts_returns_typed_list",
        f"{G}::TestArtifacts::test_download_artifact_url_returns_presign_info",
        f"{G}::TestArtifacts::test_download_artifact_to_streams_to_disk",
    ),
    f"{G}::TestRunInteractive::test_sync_wrapper_present": (
        f"{G}::TestRunInteractive::test_slot_then_confirm_runs_to_completion",
    ),
    f"{W}::TestCatalog::test_sync_wrapper_present": (
        f"{W}::TestCatalog::test_catalog_returns_typed_items",
    ),
    f"{A}::TestAccountObjectState::test_sync_account_attached_to_convilyn": (
        f"{A}::TestAccountLogic::test_get_quota_returns_cost_estimate",
    ),
    f"{A}::TestUsageHistoryObjectState::test_sync_facade_exposes_usage_history": (
        f"{A}::TestUsageHistoryLogic::test_returns_typed_entries",
    ),
    f"{B}::TestObjectState::test_the_sync_facade_exposes_it": (
        f"{B}::TestLogic::test_it_calls_the_balance_route",
    ),
    # The sync runs of the exchanges named (each exchange runs on both clients).
    f"{UWT}::TestObjectState::test_sync_facade_round_trips_all_five_verbs": (
        f"{UWT}::TestListLogic::test_list_returns_typed_page",
        f"{UWT}::TestListLogic::test_get_returns_typed_detail",
        f"{UWT}::TestListLogic::test_export_wraps_document_and_header",
        f"{UWT}::TestListLogic::test_runs_returns_typed_rows",
        f"{UWT}::TestListLogic::test_delete_returns_none_on_204",
    ),
    f"{UWT}::TestObjectState::test_sync_facade_round_trips_grounded_contract": (
        f"{UWT}::TestListLogic::test_grounded_contract_returns_raw_wire",
    ),
    # The vendor's model-parsing tests read the wire its exchanges answer with.
    f"{UWT}::test_run_model_parses_wire": (f"{UWT}::TestListLogic::test_runs_returns_typed_rows",),
    f"{UWT}::test_detail_type_is_user_workflow_detail": (
        f"{UWT}::TestListLogic::test_get_returns_typed_detail",
    ),
    f"{UWT}::test_page_type_is_user_workflows_page": (
        f"{UWT}::TestListLogic::test_list_returns_typed_page",
    ),
    f"{BT}::TestSyncFacade::test_sync_builder_is_wired": (
        f"{BT}::TestCreateSession::test_posts_builder_mode_and_returns_session",
        f"{BT}::TestSendMessage::test_register_verdict_returns_workflow_id",
    ),
}

NOT_COVERED: dict[str, str] = {
    f"{UWT}::TestObjectState::test_sync_facade_mirrors_async_surface": SURFACE,
    f"{UWT}::test_models_exported_at_top_level": SURFACE,
    f"{F}::TestUploadBoundary::test_no_path_and_no_content_raises_typeerror": NO_REQUEST,
    f"{F}::TestUploadBoundary::test_content_without_filename_raises": NO_REQUEST,
    f"{F}::TestUploadSizeCap::test_content_over_cap_raises_before_network": NO_REQUEST,
    f"{F}::TestUploadSizeCap::test_path_over_cap_raises_before_read": NO_REQUEST,
    f"{C}::TestConvertLogic::test_download_to_refuses_an_existing_file": REFUSED_BEFORE_REQUEST,
    f"{C}::TestConvertLogic::test_the_refused_file_is_left_untouched": REFUSED_BEFORE_REQUEST,
    f"{C}::TestConvertLogic::test_the_message_names_the_way_out": REFUSED_BEFORE_REQUEST,
    f"{C}::TestConvertLogic::test_a_symlink_is_still_refused_as_a_symlink": (
        REFUSED_BEFORE_REQUEST
    ),
    f"{C}::TestConvertLogic::test_download_to_refuses_symlink_target": REFUSED_BEFORE_REQUEST,
    f"{C}::TestConvertBoundary::test_file_id_without_source_format_raises": (
        "client-side validation in the vendor, no request; ours looks the format up with "
        "GET /files instead (deliberate), which the vendor never records"
    ),
    f"{C}::TestConvertBoundary::test_neither_file_nor_file_id_raises_typeerror": NO_REQUEST,
    f"{C}::TestConvertBoundary::test_both_file_and_file_id_raises_typeerror": NO_REQUEST,
    f"{C}::TestConvertBoundary::test_a_path_string_in_file_raises_typeerror": (
        "client-side argument check in the vendor; ours takes a path string as a local file "
        "to upload (deliberate), no recorded exchange"
    ),
    f"{C}::TestConvertBoundary::test_the_refusal_names_both_ways_forward": NO_REQUEST,
    f"{C}::TestConvertBoundary::test_unknown_extension_requires_explicit_source_format": (
        UNROUTABLE
    ),
    f"{C}::TestConvertBoundary::test_a_file_with_no_extension_at_all_raises": UNROUTABLE,
    f"{C}::TestConvertObjectState::test_convert_takes_only_the_transport": (
        "vendor-internal constructor signature, no request"
    ),
    f"{C}::TestConvertObjectState::test_convert_holds_no_files_resource": (
        "vendor-internal attribute, no request"
    ),
    f"{G}::TestGoalsBoundary::test_neither_workflow_nor_goal_raises_typeerror": NO_REQUEST,
    f"{G}::TestGoalsBoundary::test_both_workflow_and_goal_raises_typeerror": NO_REQUEST,
    f"{G}::TestGoalsBoundary::test_workflow_id_and_user_workflow_id_raises_typeerror": (NO_REQUEST),
    f"{G}::TestGoalsBoundary::test_user_workflow_id_and_goal_text_raises_typeerror": NO_REQUEST,
    f"{G}::TestGoalsBoundary::test_goal_text_without_files_raises_value_error": NO_REQUEST,
    f"{G}::TestGoalsObjectState::test_goals_resource_construction": (
        "vendor-internal wiring (client.async_client), no request"
    ),
    f"{G}::TestFillSlots::test_empty_answers_raises_value_error": NO_REQUEST,
    f"{G}::TestRunInteractive::test_none_on_slot_raises_typeerror": NO_REQUEST,
    f"{G}::TestGoalsPollIntervalFloor::test_zero_poll_interval_is_clamped_to_the_floor": (
        "client-side poll cadence (sleep durations), a timing fact, no recorded exchange"
    ),
    f"{G}::TestGoalsPollIntervalFloor::test_generous_poll_interval_is_left_alone": (
        "client-side poll cadence (sleep durations), a timing fact, no recorded exchange"
    ),
    f"{A}::TestUsageHistoryObjectState::test_entry_is_frozen": MODEL,
    f"{B}::TestObjectState::test_the_model_is_frozen": MODEL,
    f"{U}::TestTheDocumentedPromiseHolds::test_a_cross_family_pair_is_a_convilyn_error": (
        UNROUTABLE
    ),
    f"{U}::TestTheDocumentedPromiseHolds::test_it_is_specifically_an_unsupported_route": (
        UNROUTABLE
    ),
    f"{U}::TestTheDocumentedPromiseHolds::test_converting_a_format_to_itself_is_the_same_class": (
        UNROUTABLE
    ),
    f"{U}::TestTheDocumentedPromiseHolds::test_the_message_survives_the_type_change": (UNROUTABLE),
    f"{U}::TestTheDocumentedPromiseHolds::test_the_pair_is_readable_off_the_exception": (
        UNROUTABLE
    ),
    f"{U}::TestArgumentMistakesStayBuiltins::test_neither_file_nor_file_id_is_a_type_error": (
        NO_REQUEST
    ),
    f"{U}::TestArgumentMistakesStayBuiltins::test_page_range_on_an_image_conversion_is_a_value_error": NO_REQUEST,
    f"{U}::TestArgumentMistakesStayBuiltins::test_that_value_error_is_not_a_convilyn_error": (
        NO_REQUEST
    ),
    f"{H}::TestResolveBaseUrl::test_explicit_arg_wins_over_env": CONFIG,
    f"{H}::TestResolveBaseUrl::test_env_used_when_no_explicit_arg": CONFIG,
    f"{H}::TestResolveBaseUrl::test_default_when_neither_supplied": CONFIG,
    f"{H}::TestResolveBaseUrl::test_default_is_corenovus_host_only": CONFIG,
    f"{H}::TestExternalUrlSchemeGuard::test_external_get_rejects_non_https": INTERNAL,
    f"{H}::TestExternalUrlSchemeGuard::test_external_post_form_rejects_non_https": INTERNAL,
    f"{H}::TestExternalUrlSchemeGuard::test_external_get_allows_https": INTERNAL,
    f"{H}::TestExternalUrlHostGuard::test_external_get_rejects_private_host": INTERNAL,
    f"{H}::TestExternalUrlHostGuard::test_external_post_form_rejects_private_host": INTERNAL,
    f"{H}::TestBaseUrlHttpsGuard::test_http_non_loopback_rejected": CONFIG,
    f"{H}::TestBaseUrlHttpsGuard::test_http_loopback_allowed": CONFIG,
    f"{H}::TestBaseUrlHttpsGuard::test_https_allowed": CONFIG,
    f"{H}::TestExternalDownloadCap::test_body_over_cap_raises_and_removes_partial": INTERNAL,
    f"{H}::TestExternalDownloadCap::test_body_within_cap_writes_file": INTERNAL,
    f"{R}::TestRetryLogic::test_mutating_methods_all_get_key": PURE,
    f"{R}::TestRetryBoundary::test_parse_retry_after_handles_garbage": PURE,
    f"{R}::TestRetryErrors::test_policy_does_not_retry_transport_exceptions": DIFFERS,
    f"{R}::TestRetryErrors::test_jitter_stays_within_range": PURE,
    f"{R}::TestRetryObjectState::test_no_retry_policy_short_circuits": PURE,
    f"{R}::TestRetryObjectState::test_generate_idempotency_key_is_unique": PURE,
}


def ledger(exchanges: Iterable[Exchange]) -> dict[str, tuple[str, ...] | str]:
    """Vendor test id -> the exchange ids covering it, or the reason none does."""
    covered: dict[str, list[str]] = {}
    for ex in exchanges:
        covered.setdefault(ex.vendor_test, []).append(ex.id)
    out: dict[str, tuple[str, ...] | str] = {k: tuple(v) for k, v in covered.items()}
    out.update(ALSO_COVERED)
    out.update(NOT_COVERED)
    return out
