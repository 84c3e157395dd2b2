"""The page of every node at the path of its IRI (``/id/{local}``): plans and legal documents,
agencies, and the other nodes, made of facts and sections (``parts``)."""
