package rulepack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/shanhaifield/shanhai/assets"
)

// maxPackBytes bounds one pack file; the shipped pack is far smaller.
const maxPackBytes = 16 << 20

// Load returns the pack shipped inside the binary.
func Load() (*Pack, error) {
	p, err := LoadFS(assets.RulePack, "rulepack")
	if err != nil {
		return nil, fmt.Errorf("shipped rule pack: %w", err)
	}
	return p, nil
}

// LoadFS reads every *.json file in dir of fsys, in name order, into one
// pack. Each file holds some of the pack's top-level fields; a field set
// by two files is an error.
func LoadFS(fsys fs.FS, dir string) (*Pack, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no *.json files in %s", dir)
	}
	sort.Strings(names)
	p := &Pack{}
	origin := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if err := decodeInto(p, path.Base(name), data, origin); err != nil {
			return nil, err
		}
	}
	return finish(p, origin)
}

// Parse reads a whole pack from one JSON document, as an administrator
// imports it.
func Parse(r io.Reader) (*Pack, error) { return parseNamed("pack", r) }

// LoadFile loads a newer pack an administrator imports: one JSON file, or
// a directory of files laid out like the shipped pack.
func LoadFile(ctx context.Context, name string) (*Pack, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("rule pack: %w", err)
	}
	if st.IsDir() {
		return LoadFS(os.DirFS(name), ".")
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("rule pack: %w", err)
	}
	defer f.Close()
	return parseNamed(name, f)
}

// WriteJSON writes the pack as one JSON document that Parse reads back.
func (p *Pack) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("write rule pack %s: %w", p.Version, err)
	}
	return nil
}

func parseNamed(name string, r io.Reader) (*Pack, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPackBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxPackBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, maxPackBytes)
	}
	p := &Pack{}
	origin := map[string]string{}
	if err := decodeInto(p, name, data, origin); err != nil {
		return nil, err
	}
	return finish(p, origin)
}

// decodeInto decodes one file into p, recording which file set which
// top-level field so validation errors can name the file.
func decodeInto(p *Pack, name string, data []byte, origin map[string]string) error {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return fmt.Errorf("%s: %w", name, describe(data, err))
	}
	for k := range top {
		if prev, dup := origin[k]; dup {
			return fmt.Errorf("%s: field %q already set by %s", name, k, prev)
		}
		origin[k] = name
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p); err != nil {
		return fmt.Errorf("%s: %w", name, describe(data, err))
	}
	return nil
}

// describe turns a JSON error into one that names the line or the field.
func describe(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		return fmt.Errorf("line %d: %w", line, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("field %s: %s where %s is expected", te.Field, te.Value, te.Type)
	}
	if strings.HasPrefix(err.Error(), "json: unknown field") {
		return fmt.Errorf("%s (check the spelling against the pack format)", strings.TrimPrefix(err.Error(), "json: "))
	}
	return err
}

func finish(p *Pack, origin map[string]string) (*Pack, error) {
	if err := p.validate(origin); err != nil {
		return nil, err
	}
	p.idx = buildIndex(p)
	return p, nil
}
