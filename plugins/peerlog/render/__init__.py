"""Rendering: the knowledge model in, virtual pages (trusted HTML around untrusted Markdown)
and data files out, with the sanitiser the notes' HTML passes through and the view of a page
Material's search indexes.

Imports every layer below the adapters; never a front end.
"""
