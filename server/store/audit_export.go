package store

import (
	"bufio"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// AuditWriter writes exported audit entries in one format.
type AuditWriter interface {
	Write(e AuditEntry) error
	// Close flushes what is buffered.
	Close() error
}

// NewAuditWriter returns a writer for format "jsonl" (one JSON object a
// line, hashes in hex) or "csv" (UTF-8 with a byte-order mark so Excel
// reads the Chinese text, one row per field change).
func NewAuditWriter(w io.Writer, format string) (AuditWriter, error) {
	switch format {
	case "", "jsonl":
		return &jsonlAudit{w: bufio.NewWriter(w)}, nil
	case "csv":
		bw := bufio.NewWriter(w)
		bw.WriteString("\ufeff")
		cw := csv.NewWriter(bw)
		err := cw.Write([]string{"seq", "at", "user", "zone", "role", "remote", "client", "action", "op", "kind", "record",
			"status", "code", "field", "old", "new", "from", "to", "count", "detail", "hash"})
		return &csvAudit{bw: bw, cw: cw}, err
	}
	return nil, fmt.Errorf("format %q: want jsonl or csv", format)
}

// exported is the JSON-lines form: hashes in hex.
type exported struct {
	AuditEntry
	Prev string `json:"prev,omitempty"`
	Hash string `json:"hash,omitempty"`
}

type jsonlAudit struct{ w *bufio.Writer }

func (j *jsonlAudit) Write(e AuditEntry) error {
	b, err := json.Marshal(exported{AuditEntry: e, Prev: hex.EncodeToString(e.Prev), Hash: hex.EncodeToString(e.Hash)})
	if err != nil {
		return err
	}
	j.w.Write(b)
	return j.w.WriteByte('\n')
}

func (j *jsonlAudit) Close() error { return j.w.Flush() }

type csvAudit struct {
	bw *bufio.Writer
	cw *csv.Writer
}

func (c *csvAudit) Write(e AuditEntry) error {
	row := func(fc FieldChange) []string {
		return []string{strconv.FormatUint(e.Seq, 10), e.At.UTC().Format(time.RFC3339Nano), e.User, e.Zone, string(e.Role),
			e.Remote, e.Client, e.Action, e.Op, e.Kind, e.Record, e.Status, e.Code, fc.Field, cellValue(fc.Old), cellValue(fc.New),
			rangeCell(e, e.From), rangeCell(e, e.To), rangeCell(e, uint64(e.Count)), e.Detail, hex.EncodeToString(e.Hash)}
	}
	if len(e.Changes) == 0 {
		return c.cw.Write(row(FieldChange{}))
	}
	for _, fc := range e.Changes {
		if err := c.cw.Write(row(fc)); err != nil {
			return err
		}
	}
	return nil
}

func (c *csvAudit) Close() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

// cellValue shows a JSON string without quotes, anything else as JSON.
// A leading =, +, - or @ gets a quote mark so a spreadsheet does not run
// a value as a formula.
func cellValue(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) != nil {
		s = string(v)
	}
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		s = "'" + s
	}
	return s
}

// rangeCell shows a pull's range and count (0 included: a pull from the
// start), and nothing for other actions that have none.
func rangeCell(e AuditEntry, v uint64) string {
	if v == 0 && e.Action != ActionPull {
		return ""
	}
	return strconv.FormatUint(v, 10)
}
