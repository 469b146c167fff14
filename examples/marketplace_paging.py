"""Browse the community marketplace page by page, then fork and publish a workflow.

CONVILYN_API_KEY=ck_... python examples/marketplace_paging.py [tag]
"""

from __future__ import annotations

import sys

from convilyn import Convilyn, ConvilynError, PlanRequiredError


def main(argv: list[str]) -> int:
    tag = argv[1] if len(argv) > 1 else None
    try:
        with Convilyn.from_env() as client:
            # One page at a time, following the cursor by hand...
            page = client.workflows.search(tag=tag, sort="popular", limit=5)
            print(f"first page: {[w.name for w in page.items]}")
            if page.cursor:
                page = client.workflows.search(tag=tag, sort="popular", limit=5, cursor=page.cursor)
                print(f"second page: {[w.name for w in page.items]}")

            # ...or every result, pages fetched as the loop goes.
            count = 0
            for workflow in client.workflows.iter_search(tag=tag, limit=20):
                count += 1
                if count <= 3:
                    print(f"  {workflow.name} ({workflow.stats.like_count} likes)")
            print(f"{count} workflows in total")
            if count == 0:
                return 0

            first = next(iter(client.workflows.iter_search(tag=tag, limit=1)))
            detail = client.workflows.get(first.workflow_id)
            try:
                mine = client.workflows.fork(source_spec_id=detail.spec_id, name="My copy")
            except PlanRequiredError as exc:
                print(f"forking needs a paid plan: {exc.upgrade_url}")
                return 0
            mine = client.workflows.patch(
                mine.workflow_id, item_version=mine.item_version, tags=["example"]
            )
            mine = client.workflows.publish(mine.workflow_id, item_version=mine.item_version)
            print(f"published {mine.workflow_id} as {mine.visibility}")
    except ConvilynError as exc:
        print(f"failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
