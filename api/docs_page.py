"""``/docs``: the interactive OpenAPI page, with its assets served by the app (no CDN)."""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_PATH = "/docs/assets"
# Swagger UI 5 (OpenAPI 3.1), shipped inside the fastapi-swagger package.
SWAGGER_UI_DIR = files("fastapi_swagger") / "resources"


def add_docs(app: FastAPI) -> None:
    """Serve Swagger UI at ``/docs`` from the locally installed bundle."""
    app.mount(ASSETS_PATH, StaticFiles(directory=str(SWAGGER_UI_DIR)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
            swagger_favicon_url="data:,",
        )
