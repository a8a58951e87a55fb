"""The probe kit: bad inputs and faults tried against ingest (see docs/reliability.md).

``bad_files.PROBES`` builds each bad input file in a folder; ``servers`` holds the misbehaving
HTTP servers (127.0.0.1 only); the fault-injection points are ``ingest.faults.POINTS``.
"""
