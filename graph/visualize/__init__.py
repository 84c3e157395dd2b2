"""Graph views for the browser: bounded node and edge lists built from the store (or from a
networkx graph), with shortened labels, kinds told apart by shape and colour, and positions
computed beforehand for large views.

- :mod:`graph.visualize.kinds` — node kinds and relations, their shapes, colours and names.
- :mod:`graph.visualize.labels` — short labels for nodes.
- :mod:`graph.visualize.store_nodes` — one node's neighbours, relation counts, properties, sources.
- :mod:`graph.visualize.view` — a bounded view (a networkx graph with a node cap).
- :mod:`graph.visualize.views` — the views of a plan, an agency, a legal document, a node.
- :mod:`graph.visualize.layout` — positions for large views.
- :mod:`graph.visualize.network_data` — a view as pyvis node and edge lists and vis-network options.
- :mod:`graph.visualize.query_text` — a named query with its bindings written in, for links.
"""
