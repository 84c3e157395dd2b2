"""Analyses over the policy graph, answered with networkx, numpy and scipy.

- :mod:`graph.analysis.lineage.dag`: the DAG from national documents to plans, tasks and agencies.
- :mod:`graph.analysis.mandate_network`: the agency ↔ task network and mandate counts.
- :mod:`graph.analysis.overlaps.analysis`: similar tasks and targets (fragmentation, overlap, duplication).
- :mod:`graph.analysis.target_gaps`: provincial targets against the national targets they implement.
- :mod:`graph.analysis.export`: the whole graph as GraphML; a province's agency × task matrix as XLSX.

Each analysis reads the store through the named queries ``graph/queries/analysis_*.rq``.
"""
