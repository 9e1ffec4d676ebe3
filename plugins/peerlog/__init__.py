"""peerlog: turn rough learning journals into a knowledge base people use.

The package is a pipeline, one layer per folder; a layer imports only the layers above it in
this list (``tests/test_layers.py`` enforces the direction and that no module imports itself
through others):

``base/``
    What every layer shares: text keys and slugs, problems (diagnostics), identity rules for
    names and addresses, and the frozen :class:`~peerlog.base.settings.Settings`.
``read/``
    Untrusted files to entries, curated playbooks and contributors, with the position of every
    field; one careful reader (``untrusted``) and one careful YAML composer (``frontmatter``).
``history/``
    Git, read in one pass: who committed what and when, and what a branch changed.
``knowledge/``
    The knowledge model in plain Python: topics, problem types, approach grouping, playbooks,
    people, the contributor graph, the pulse and teaching chains, cross-entry checks, and
    ``pipeline.gather`` that runs the layers above in order.
``render/``
    The model to virtual pages (trusted HTML around untrusted Markdown) and data files.

Adapters, the only modules that know a front end: ``plugin.py`` (MkDocs events),
``config.py`` (the options, declared once), ``cli.py`` and ``commands/`` (the ``peerlog``
command). Only ``plugin.py`` and ``config.py`` import MkDocs.
"""
