"""``/``: the home page of the browser UI — the plans in the store, with links to their data."""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from api.app_state import get_store
from graph.plans import list_plans
from graph.store import PolicyStore

router = APIRouter(tags=["browser"])

_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>PolicyKG</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; max-width: 70rem; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .4rem; text-align: left; vertical-align: top; }}
</style></head>
<body>
<h1>PolicyKG</h1>
<p>Kế hoạch trong kho dữ liệu — plans in the store: {count}.
SPARQL: <a href="/sparql">/sparql</a> · API: <a href="/docs">/docs</a></p>
<table>
<thead><tr><th>Kế hoạch / plan</th><th>Tỉnh / province</th><th>Nhiệm vụ / tasks</th><th>Tệp / file</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</body></html>
"""


@router.get("/", response_class=HTMLResponse)
def home(store: Annotated[PolicyStore, Depends(get_store)]) -> HTMLResponse:
    plans = list_plans(store)
    rows = "\n".join(
        '<tr><td><a href="/plans/{id}">{label}</a><br><small>{title}</small></td>'
        "<td>{province}</td><td>{tasks}</td><td>{file}</td></tr>".format(
            id=escape(plan.id, quote=True),
            label=escape(plan.label or plan.id),
            title=escape(plan.title or ""),
            province=escape(plan.province_name or ""),
            tasks=plan.tasks,
            file=escape(plan.source_file),
        )
        for plan in plans
    )
    return HTMLResponse(_PAGE.format(count=len(plans), rows=rows))
