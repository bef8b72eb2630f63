package app

import (
	"fmt"
	"os"
	"testing"
)

// TestMain loads the Chinese strings whatever the test machine's locale,
// so UI tests can assert on the text users see.
func TestMain(m *testing.M) {
	if err := LoadTranslations(LanguageChinese); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
