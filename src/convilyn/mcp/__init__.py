"""``convilyn mcp serve``: the Convilyn MCP server, for AI assistants (extra ``convilyn[mcp]``).

A thin layer over the public SDK (``convilyn``, ``convilyn.types``, ``convilyn.errors``,
``convilyn.config``): it imports nothing private. Its modules, each with one job:

- :mod:`convilyn.mcp.fence`: which files a session may read and write (the client's roots,
  symlinks resolved, credential-shaped files refused);
- :mod:`convilyn.mcp.questions`: a goal job's questions and consent prompts as elicitation forms;
- :mod:`convilyn.mcp.tools`: the session, consent before spending and the one-shot tools, over
  ``AsyncConvilyn`` and a ``Human`` who answers (free of the ``mcp`` library);
- :mod:`convilyn.mcp.jobs`: the goal-job tools (``run_workflow``, ``job_status``,
  ``resume_job``), on ``goals.run`` and ``next_step``;
- :mod:`convilyn.mcp.understand`: the ``understand`` tool (fields out of a document into the
  caller's JSON Schema), on ``goals.understand``;
- :mod:`convilyn.mcp.server`: the ``mcp`` library's server: tool registration, descriptions,
  elicitation, progress, roots, and the stdio and streamable HTTP transports;
- :mod:`convilyn.mcp.install`: ``convilyn agent install`` (Claude Code and Codex configuration).

Importing this package imports neither ``mcp`` nor any module above.
"""

from __future__ import annotations

__all__: list[str] = []
