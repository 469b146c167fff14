"""The billing tier and a cost pre-flight, as 4.1's account example does."""

from __future__ import annotations

from convilyn import Convilyn, PlanRequiredError, QuotaExceededError


def main() -> int:
    with Convilyn() as client:
        plan = client.account.get_plan()
        print(f"current tier: {plan.tier}")
        estimate = client.account.get_quota(
            tools=["pdf-mcp:extract_text", "openai-mcp:summarise"], max_iterations=25
        )
        usage_pct = (
            100 * estimate.estimated_micro_u / max(estimate.quota_check.threshold_micro_u, 1)
        )
        print(
            f"estimated cost: {estimate.estimated_micro_u} micro-U "
            f"(${estimate.estimated_usd:.4f}), "
            f"{usage_pct:.1f}% of your {estimate.quota_check.tier} cap"
        )
        match estimate.quota_check.state:
            case "ok":
                print("quota check passed: safe to run.")
            case "soft_limit":
                print(f"soft limit: top up at {estimate.quota_check.upgrade_url}")
            case "quota_exceeded":
                print(f"quota exceeded: upgrade at {estimate.quota_check.upgrade_url}")
        balance = client.account.get_balance()
        print(f"balance: {balance}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except PlanRequiredError as exc:
        print(f"plan upgrade required: {exc.message} ({exc.upgrade_url})")
        raise SystemExit(1) from exc
    except QuotaExceededError as exc:
        print(f"quota exceeded: {exc.estimated_micro_u}/{exc.threshold_micro_u} micro-U")
        raise SystemExit(2) from exc
