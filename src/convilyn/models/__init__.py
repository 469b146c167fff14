"""The wire models: frozen pydantic v2 classes generated from openapi/convilyn.yaml.

Field names are snake_case with the wire's camelCase as aliases; parse with
``Model.model_validate(json)``, dump the wire form with ``model_dump(by_alias=True)``.
The classes themselves live in ``_generated.py`` (never edited by hand) and share the
handwritten base in ``_base.py``.
"""

from ._base import WireModel as WireModel
from ._generated import *  # noqa: F403
