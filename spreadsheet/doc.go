// Package spreadsheet reads the tables staff are sent — xlsx workbooks and
// csv files in UTF-8 (with or without BOM) or GBK/GB18030 — into plain
// text rows, filling merged cells and finding the header row, so that the
// importer sees the same shape whatever program wrote the file.
package spreadsheet
