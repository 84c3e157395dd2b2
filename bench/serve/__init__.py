"""The API as a server measures it: route and SPARQL latency, memory, concurrent clients, the
endpoint's own overhead."""
