"""Tasks and their assignees: ``body`` reads the agency-headed sections of a plan's text,
``tables`` its task tables (Phụ lục), ``roles`` who leads, coordinates and is reported to
inside a task's words; ``context`` holds what both readers share."""
