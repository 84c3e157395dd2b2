"""How plans read: the sample plans rendered as offices publish them (Word, PDF, scans), the
facts recovered from each format, and the agency types found for the leads."""
