package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var translationFiles = []string{"zh_Hans.json", "en.json"}

// TestTranslationsComplete fails when a key is missing or empty in either
// file, or when the two disagree on a key's template fields.
func TestTranslationsComplete(t *testing.T) {
	zh, en := readTranslation(t, "zh_Hans.json"), readTranslation(t, "en.json")
	if len(zh) == 0 {
		t.Fatal("zh_Hans.json is empty")
	}
	for _, pair := range []struct {
		name        string
		have, other map[string]string
	}{{"zh_Hans.json", zh, en}, {"en.json", en, zh}} {
		for key, v := range pair.other {
			got, ok := pair.have[key]
			switch {
			case !ok:
				t.Errorf("%s lacks key %q", pair.name, key)
			case strings.TrimSpace(got) == "":
				t.Errorf("%s has an empty value for %q", pair.name, key)
			case !slices.Equal(templateFields(got), templateFields(v)):
				t.Errorf("%s %q uses fields %v, the other file %v", pair.name, key, templateFields(got), templateFields(v))
			}
		}
	}
}

var fieldRE = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func templateFields(s string) []string {
	var out []string
	for _, m := range fieldRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestSourceKeysTranslated scans this package's Go sources for lang calls
// and checks that every key is a literal, is in both files, and that the
// Chinese fallback in the code is the zh_Hans text; and that neither file
// carries keys no code uses.
func TestSourceKeysTranslated(t *testing.T) {
	calls := langCalls(t)
	if len(calls) == 0 {
		t.Fatal("found no lang calls; the scanner is broken")
	}
	files := map[string]map[string]string{}
	for _, f := range translationFiles {
		files[f] = readTranslation(t, f)
	}
	used := map[string]bool{}
	for _, c := range calls {
		used[c.key] = true
		for name, m := range files {
			if _, ok := m[c.key]; !ok {
				t.Errorf("%s: key %q is not in %s", c.pos, c.key, name)
			}
		}
		if c.fallback != "" && c.fallback != files["zh_Hans.json"][c.key] {
			t.Errorf("%s: fallback %q differs from zh_Hans.json %q", c.pos, c.fallback, files["zh_Hans.json"][c.key])
		}
	}
	for name, m := range files {
		for key := range m {
			if !used[key] {
				t.Errorf("%s: key %q is not used by any code", name, key)
			}
		}
	}
}

type langCall struct {
	pos           string
	key, fallback string
}

// langCalls returns every lang.L/N/X/XN call in the package's non-test
// files. A key that is not a string literal is reported as an error,
// since no test could check it.
func langCalls(t *testing.T) []langCall {
	t.Helper()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var calls []langCall
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if c, ok := langCallOf(t, fset, n); ok {
				calls = append(calls, c)
			}
			return true
		})
	}
	return calls
}

func langCallOf(t *testing.T, fset *token.FileSet, n ast.Node) (langCall, bool) {
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return langCall{}, false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 {
		return langCall{}, false
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lang" {
		return langCall{}, false
	}
	c := langCall{pos: fset.Position(call.Pos()).String()}
	lit := func(i int) (string, bool) {
		b, ok := call.Args[i].(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(b.Value)
		return s, err == nil
	}
	switch sel.Sel.Name {
	case "L", "N", "Localize", "LocalizePlural":
		c.key, ok = lit(0)
	case "X", "XN", "LocalizeKey", "LocalizePluralKey":
		c.key, ok = lit(0)
		if ok && len(call.Args) > 1 {
			c.fallback, ok = lit(1)
		}
	default:
		return langCall{}, false
	}
	if !ok {
		t.Errorf("%s: lang.%s with a non-literal key or fallback", c.pos, sel.Sel.Name)
		return langCall{}, false
	}
	return c, true
}
