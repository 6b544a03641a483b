"""File formats, in one place: what a file of each kind looks like, read or written.

- ``textfile``: opening clerks' text files (UTF-8 with or without BOM, GB18030, detected);
- ``csvfile``: CSV records read with their line numbers, the header and row checks, and
  the one CSV writer (every cell through the spreadsheet guard);
- ``markdown``: the one Markdown table;
- ``sheets``: reading a register from an Excel workbook (python-calamine);
- ``xlsx_writer``: the streaming one-sheet xlsx writer (registers, lists);
- ``workbook``: helpers for the openpyxl workbooks (the annual report's form);
- ``documents``: Word documents (docxtpl templates filled, a .docx read back as Markdown or
  text) and the fixed-bytes zip of a docx or xlsx;
- ``report_format``: the annual report's data in Markdown, CSV, JSON and the form's xlsx;
- ``report_form``: the annual report as the published document (Markdown, .docx);
- ``ics``: the iCalendar file of ``due --ics``.

The layer sits beside ``store``: it imports ``core`` only (never ``store``, ``app`` or
``cli``), and ``app`` and ``cli`` call it. Heavy packages (openpyxl, python-docx, docxtpl,
python-calamine) are imported inside the functions, never at ``govinfo --help`` time."""
