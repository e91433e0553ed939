"""Turn computed values and errors into what people read: terminal, Markdown, CSV, JSON,
HTML, spreadsheets and calendars.

One module per view (`status`, `show`, `calendar`, `measures`, `units`, `log`, `diff`,
`report_*`), the words and marks they share (`words`), the one writer of spreadsheets
(`sheet`) and the error lines (`text`). Views return renderables, strings, sheets and
bytes; they never print and never compute. Import the module you need: this package
exports nothing itself.
"""
