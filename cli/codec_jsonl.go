package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/shanhaifield/shanhai/record"
)

// maxLineBytes bounds one import line (or CSV row) so a corrupt file
// cannot exhaust memory.
const maxLineBytes = 16 << 20

// item is one decoded import record and the line it came from.
type item struct {
	Line int
	Rec  record.Record
}

// lineError is everything wrong with one import line.
type lineError struct {
	Line     int
	Kind     record.Kind
	Problems record.Problems
	// Rec is what could be decoded despite the problems (nil when the
	// kind is unknown), so that its other fields can still be validated
	// and every error of the line reported at once.
	Rec record.Record
}

// Error names the line and every problem, in English.
func (e lineError) Error() string {
	return fmt.Sprintf("line %d: %v", e.Line, (&record.ValidationError{Kind: e.Kind, Problems: e.Problems}).Error())
}

// decodeJSONL reads JSON lines in the export format: one object a line,
// each with "kind". Blank lines are skipped. Lines that do not decode are
// returned as lineErrors; the error is only for a failing reader.
func decodeJSONL(r io.Reader) ([]item, []lineError, error) {
	br := bufio.NewReader(r)
	var items []item
	var bad []lineError
	for line := 1; ; line++ {
		text, err := readLine(br)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, nil, fmt.Errorf("read line %d: %w", line, err)
		}
		if line == 1 {
			text = bytes.TrimPrefix(text, []byte("\ufeff"))
		}
		if text = bytes.TrimSpace(text); len(text) > 0 {
			rec, le := decodeJSONLine(text)
			if le != nil {
				le.Line = line
				bad = append(bad, *le)
			} else {
				items = append(items, item{Line: line, Rec: rec})
			}
		}
		if errors.Is(err, io.EOF) {
			return items, bad, nil
		}
	}
}

// readLine returns one line without its newline, failing on lines longer
// than maxLineBytes.
func readLine(br *bufio.Reader) ([]byte, error) {
	var out []byte
	for {
		chunk, err := br.ReadSlice('\n')
		out = append(out, chunk...)
		if len(out) > maxLineBytes {
			return nil, fmt.Errorf("line longer than %d bytes", maxLineBytes)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(out, []byte("\n")), err
	}
}

// decodeJSONLine decodes one export-format object.
func decodeJSONLine(text []byte) (record.Record, *lineError) {
	var values map[string]json.RawMessage
	if err := json.Unmarshal(text, &values); err != nil || values == nil {
		return nil, &lineError{Problems: record.Problems{problem("", "json",
			"不是合法的 JSON 对象", "is not a JSON object")}}
	}
	raw, ok := values["kind"]
	if !ok {
		return nil, &lineError{Problems: record.Problems{problem("kind", "required",
			"缺少 kind（记录类型）", "kind is missing")}}
	}
	var kind string
	if err := json.Unmarshal(raw, &kind); err != nil {
		kind = string(raw)
	}
	if record.New(record.Kind(kind)) == nil {
		return nil, &lineError{Problems: record.Problems{unknownKindProblem(kind)}}
	}
	delete(values, "kind")
	rec, probs := decodeFields(record.Kind(kind), values, true)
	if len(probs) > 0 {
		return nil, &lineError{Kind: record.Kind(kind), Problems: probs, Rec: rec}
	}
	return rec, nil
}

// encodeJSONL writes records one a line in the export format.
func encodeJSONL(w io.Writer, recs []record.Record) error {
	bw := bufio.NewWriter(w)
	for _, rec := range recs {
		b, err := recordJSON(rec)
		if err != nil {
			return err
		}
		bw.Write(b)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
