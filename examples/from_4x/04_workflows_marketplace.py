"""Browse the marketplace, fetch, like and fork, as 4.1's marketplace example does."""

from __future__ import annotations

from convilyn import Convilyn


def main() -> int:
    with Convilyn() as client:
        page = client.workflows.search(tag=None, sort="popular", limit=5)
        print(f"found {len(page.items)} workflows (cursor={page.cursor!r})")
        if not page.items:
            print("no public workflows yet; nothing to fork.")
            return 0

        top = page.items[0]
        print(f"  top: {top.name} (likes={top.stats.like_count})")
        detail = client.workflows.get(top.workflow_id)
        print(f"  fetched detail: spec_id={detail.spec_id}")

        liked = client.workflows.like(top.workflow_id)
        print(f"  like state: {liked.liked} (count={liked.like_count})")

        try:
            forked = client.workflows.fork(
                source_spec_id=detail.spec_id, name=f"My fork of {detail.name}"
            )
            print(f"  forked -> {forked.workflow_id} ({forked.visibility})")
        except Exception as exc:
            print(f"  fork skipped: {exc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
