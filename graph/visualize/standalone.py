"""A view as one self-contained HTML file written by pyvis: vis-network inlined
(``cdn_resources="in_line"``), so the file opens without a network.

pyvis' template is not autoescaped and shows a node's title with ``innerHTML`` when any title
holds "href": titles are HTML-escaped here, and so is the heading. Labels are drawn on the
canvas as text (vis-network's ``font.multi`` is off), never parsed; pyvis writes the node list
with Jinja's ``tojson``, which escapes ``<``, ``>`` and ``&`` inside the script. The template
also links Bootstrap from a CDN whatever ``cdn_resources`` says; those two tags are removed
(the page does not use Bootstrap's script, and its own styles suffice)."""

from __future__ import annotations

import html
import re

from graph.visualize.network_data import network
from graph.visualize.view import View

_BOOTSTRAP = re.compile(r"<link[^>]*bootstrap[^>]*/?>|<script[^>]*bootstrap[^>]*>\s*</script>", re.IGNORECASE)


def standalone_html(view: View, heading: str, lang: str = "vi", hierarchical: bool = False) -> str:
    """The whole page: the view's nodes and edges, its layout options and ``heading``."""
    net = network(view, lang, hierarchical, cdn_resources="in_line")
    for entry in net.nodes:
        entry["title"] = html.escape(str(entry.get("title", "")))
    for entry in net.edges:
        entry["title"] = html.escape(str(entry.get("title", "")))
    net.heading = html.escape(heading)
    page = net.generate_html(notebook=False)
    page = _BOOTSTRAP.sub("", page)
    return page.replace("<html>", f'<html lang="{"en" if lang == "en" else "vi"}">', 1)
