"""The application's look: one stylesheet, kept small so the platform style still does most of the work."""

STYLESHEET = """
#header { background: #eef3f8; border-bottom: 1px solid #c9d6e3; }
#headerStation { font-size: 11pt; }
#pageTitle { font-size: 14pt; font-weight: bold; color: #1f3b5c; padding-bottom: 6px; }
#loginCard { background: white; border: 1px solid #c9d6e3; border-radius: 6px; padding: 12px; }
#errorLabel { color: #b00020; }
#demoHint { color: #555; padding-top: 6px; }
#printButton { font-size: 11pt; font-weight: bold; }
#printButton:enabled { background: #1f6f43; color: white; border-radius: 4px; }
#blockersLabel { color: #b00020; }
"""
