"""Analyses over the policy graph, answered with networkx, numpy and scipy.

- :mod:`graph.analysis.lineage.dag`: the DAG from national documents to plans, tasks and agencies.
- :mod:`graph.analysis.mandate_network`: the agency ↔ task network and mandate counts.
- :mod:`graph.analysis.lineage.local`: one document's lineage tree, read below it alone
  (:func:`~graph.analysis.lineage.local.document_lineage` answers the route and the CLI).
- :mod:`graph.analysis.overlaps.analysis`: similar tasks and targets (fragmentation, overlap, duplication);
  :func:`~graph.analysis.overlaps.analysis.overlap_page` answers the route and the CLI.
- :mod:`graph.analysis.similarity`: Vietnamese texts compared as syllables, whole and clause by clause.
- :mod:`graph.analysis.target_gaps`: provincial targets against the national targets they implement.
- :mod:`graph.analysis.export`: the whole graph as GraphML; a province's agency × task matrix as XLSX.

Each analysis reads the store through the named queries ``graph/queries/analysis_*.rq``.
"""
