"""Rendering: the knowledge model in, virtual pages (trusted HTML around untrusted Markdown) out."""
