"""The typed dependencies routes and pages declare: ``store: StoreDep`` gives a handler the
app's store, ``RuntimeDep`` its runtime (for writes), ``SettingsDep`` its settings. Each alias
is ``Annotated[T, Depends(getter)]``, written here once instead of in every signature."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from api.app_state import get_runtime, get_settings, get_store
from api.settings import Settings
from api.sparql.runtime import Runtime
from graph.store.protocol import GraphStore

StoreDep = Annotated[GraphStore, Depends(get_store)]
RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

__all__ = ["RuntimeDep", "SettingsDep", "StoreDep"]
