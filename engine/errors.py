"""The engine's one error type: every rejected input raises it, with a message fit to show a user."""


class PlaygroundError(ValueError):
    """Invalid input (hyperparameter, formula, data, scene); the message names the field and the problem."""
