"""The same queries in other engines: rdflib in this process and rdflib-endpoint over HTTP, and
the embedded store against a SPARQL server."""
