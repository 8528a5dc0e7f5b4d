"""The alliance-map Dash application."""
