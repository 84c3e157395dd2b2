"""The graph pages (``/graph/...``): a plan, an agency, a legal document, a node's neighbourhood
and overlaps drawn as graphs, with the JSON of the node panel and the links behind them."""
