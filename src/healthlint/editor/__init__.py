"""The editor: the language server."""
