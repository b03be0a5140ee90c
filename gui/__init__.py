"""The desktop playground: PySide6 + pyqtgraph views over the engine's sessions."""
