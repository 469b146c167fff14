"""The client implementation. ``convilyn._async`` is the source; ``convilyn._sync`` is
generated from it by codegen/unasync_facade.py."""
