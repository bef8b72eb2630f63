package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// MaxCSVBytes is the largest csv file read: 100k rows of a wide sheet fit
// comfortably.
const MaxCSVBytes = 512 << 20

// Encoding names what ReadCSV found the file to be written in.
type Encoding string

// Encodings ReadCSV tells apart.
const (
	UTF8    Encoding = "UTF-8"
	GB18030 Encoding = "GB18030" // a superset of GBK and GB2312, as Excel in China writes
)

// ReadCSV reads a csv file as one table named name. Valid UTF-8 (with or
// without a BOM) is read as UTF-8; anything else as GB18030, which also
// reads GBK and GB2312. Rows of different lengths are kept as they are.
func ReadCSV(r io.Reader, name string) (*Table, Encoding, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxCSVBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("read csv %s: %w", name, err)
	}
	if len(data) > MaxCSVBytes {
		return nil, "", fmt.Errorf("read csv %s: file larger than %d MB (文件过大)", name, MaxCSVBytes>>20)
	}
	enc := UTF8
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		enc = GB18030
		if data, err = simplifiedchinese.GB18030.NewDecoder().Bytes(data); err != nil {
			return nil, "", fmt.Errorf("read csv %s: not UTF-8 and not GB18030 (无法识别文件编码): %w", name, err)
		}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	t := &Table{Sheet: name}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return t, enc, nil
		}
		if err != nil {
			return nil, "", fmt.Errorf("read csv %s: %w", name, err)
		}
		if len(t.Rows) >= MaxRows {
			return nil, "", fmt.Errorf("read csv %s: more than %d rows (行数过多)", name, MaxRows)
		}
		line, _ := cr.FieldPos(0)
		t.Rows = append(t.Rows, clip(row))
		t.Nums = append(t.Nums, line)
	}
}
