"""What every layer shares: text keys and slugs, problems, identity rules, settings, timing.

Imports nothing else of peerlog's.
"""
