"""Sub-commands of ``tp-explorer``; each module has ``register(subparsers)``.

Each module keeps its heavy imports inside the handler so ``--help`` and ``--version`` stay fast.
"""
