package industry

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"sync"

	"github.com/shanhaifield/shanhai/assets"
)

// loadEnglish parses the embedded English names once; they never change.
var loadEnglish = sync.OnceValues(func() (map[string]string, error) {
	data, err := fs.ReadFile(assets.Industry(), assets.IndustryEnglishPath)
	if err != nil {
		return nil, fmt.Errorf("read English industry names: %w", err)
	}
	return parseEnglish(data)
})

// parseEnglish reads code,name_en rows after a header.
func parseEnglish(data []byte) (map[string]string, error) {
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("English industry names: %w", err)
	}
	if len(rows) == 0 || len(rows[0]) != 2 || rows[0][0] != "code" || rows[0][1] != "name_en" {
		return nil, fmt.Errorf("English industry names: header must be code,name_en")
	}
	out := make(map[string]string, len(rows)-1)
	for i, r := range rows[1:] {
		if r[0] == "" || r[1] == "" {
			return nil, fmt.Errorf("English industry names line %d: empty code or name", i+2)
		}
		out[r[0]] = r[1]
	}
	return out, nil
}

// EnglishName returns the English name of a 门类 or 大类 (a translation;
// see assets/industry/SOURCE.md); ok is false for other codes.
func EnglishName(code string) (name string, ok bool) {
	names, err := loadEnglish()
	if err != nil {
		return "", false
	}
	name, ok = names[code]
	return name, ok
}
