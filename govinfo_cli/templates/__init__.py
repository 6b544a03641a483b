"""Default letter templates (.docx, docxtpl placeholders), made by tools/make_letter_templates.py."""
